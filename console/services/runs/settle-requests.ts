/**
 * What an applied run of a ministry stack proves about that ministry's requests, decided from
 * the run's own output — the resource addresses in the state after the apply — never assumed:
 *
 * - an environment waiting for its infrastructure (approved or provisioning) becomes `active`
 *   when the state holds every resource the applied configuration declares for it (and it
 *   declares at least one);
 * - an environment being decommissioned becomes `decommissioned` when none of its resources is
 *   left in the state; only then are its placements (host capacity) released, and its quota with
 *   them, since quota counts the booked states.
 *
 * An environment's resources are those whose construct ID (the Terraform name) is
 * `<kind>--<environment>--…` (infra/naming.ts: `svc--<env>--<service>--r<n>`,
 * `vol--<env>--…`); environment names are DNS-safe slugs without `--`, so the prefix is exact.
 *
 * Runs inside the transaction that records the run's outcome: the run and the states it moves
 * commit together.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AuditFn, ServiceContext, Tx } from '../../context.js';

/** Reports what a committed settlement measured (approval → activation lead times). */
export function reportSettled(ctx: ServiceContext, settled: SettledRequests): void {
  for (const l of settled.leadTimes) ctx.events?.requestActivated?.(l.ministry, l.seconds);
}
import { hostingRequests, ministries, placements, requestEvents } from '../../db/schema/index.js';
import type { RequestState } from '../../db/schema/hosting-requests.js';

export interface SettledRequests {
  activated: string[];
  decommissioned: string[];
  /** Environments still waiting, with the resources the state does not hold. */
  waiting: { requestId: string; missing: string[] }[];
  /** Approval → activation lead times, reported once the transaction committed. */
  leadTimes: { ministry: string; seconds: number }[];
}

/** The stack's ministry code, or null for a stack that is not a ministry's. */
export function ministryOfStack(stack: string): string | null {
  const m = /^ministry-([a-z0-9-]+)$/.exec(stack);
  return m ? m[1]!.toUpperCase() : null;
}

/** Addresses (`type.name`) that belong to the environment, by their construct-ID prefix. */
export function environmentResources(addresses: readonly string[], environment: string): string[] {
  return addresses.filter((a) => {
    const name = a.slice(a.lastIndexOf('.') + 1);
    const parts = name.split('--');
    return parts.length >= 3 && parts[1] === environment;
  });
}

export function settleRequests(
  tx: Tx,
  audit: AuditFn,
  run: { id: string; stack: string; declared: readonly string[]; inState: readonly string[]; at: string; actor: string; demo?: boolean },
): SettledRequests {
  const result: SettledRequests = { activated: [], decommissioned: [], waiting: [], leadTimes: [] };
  const code = ministryOfStack(run.stack);
  if (!code) return result;
  const ministry = tx.select({ id: ministries.id }).from(ministries).where(eq(ministries.code, code)).get();
  if (!ministry) return result;
  const candidates = tx
    .select()
    .from(hostingRequests)
    .where(and(eq(hostingRequests.ministryId, ministry.id), inArray(hostingRequests.state, ['approved', 'provisioning', 'decommissioning'])))
    .all();
  const inState = new Set(run.inState);
  const how = run.demo ? `données de démonstration, run ${run.id}` : `run ${run.id}`;
  for (const r of candidates) {
    let to: RequestState;
    let comment: string;
    const changes: Partial<typeof hostingRequests.$inferInsert> = {};
    if (r.state === 'decommissioning') {
      const left = environmentResources(run.inState, r.environmentName);
      if (left.length > 0) {
        result.waiting.push({ requestId: r.id, missing: [] });
        continue;
      }
      const released = tx.delete(placements).where(eq(placements.requestId, r.id)).run().changes;
      to = 'decommissioned';
      comment = `Ressources détruites par l’application (${how}) ; ${released} emplacement(s) libéré(s)`;
      Object.assign(changes, { decommissionedAt: run.at, decommissionedByRunId: run.id });
    } else {
      const expected = environmentResources(run.declared, r.environmentName);
      const missing = expected.filter((a) => !inState.has(a));
      if (expected.length === 0 || missing.length > 0) {
        result.waiting.push({ requestId: r.id, missing });
        continue;
      }
      to = 'active';
      comment = `Toutes les ressources (${expected.length}) sont dans l’état appliqué (${how})`;
      Object.assign(changes, { activatedAt: run.at, activatedByRunId: run.id, activationOverride: null });
    }
    tx.update(hostingRequests)
      .set({ ...changes, state: to, version: r.version + 1, updatedAt: run.at })
      .where(and(eq(hostingRequests.id, r.id), eq(hostingRequests.version, r.version)))
      .run();
    tx.insert(requestEvents).values({ requestId: r.id, at: run.at, actorId: null, actor: run.actor, fromState: r.state, toState: to, comment }).run();
    audit({
      at: run.at,
      action: to === 'active' ? 'hosting-request.activated-by-run' : 'hosting-request.decommissioned-by-run',
      entity: 'hosting-request',
      entityId: r.id,
      ministryId: r.ministryId,
      before: { state: r.state, version: r.version },
      after: { state: to, version: r.version + 1, runId: run.id, demo: run.demo === true },
    });
    if (to === 'active') {
      result.activated.push(r.id);
      if (r.decidedAt) result.leadTimes.push({ ministry: code, seconds: Math.max(0, (Date.parse(run.at) - Date.parse(r.decidedAt)) / 1000) });
    } else result.decommissioned.push(r.id);
  }
  return result;
}
