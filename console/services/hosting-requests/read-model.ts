/** Loading hosting requests into the shape the API returns and the audit trail records. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { serviceFootprint } from '../../../infra/spec.js';
import type { Actor, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { applyRuns, hostingRequests, hosts, ministries, placements, requestEvents, requestServices, users } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { canSeeMinistry } from '../access.js';
import { draftProblems } from './draft-problems.js';
import { actionsFor } from './state-machine.js';

type Reader = Db | Tx;
export type RequestRow = typeof hostingRequests.$inferSelect;
export type ServiceRow = typeof requestServices.$inferSelect;

export interface ServiceView {
  name: string;
  image: string;
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  ports: number[];
  healthcheck: ServiceRow['healthcheck'];
  replicas: number;
  kind: ServiceRow['kind'];
  expose?: { port: number; hostname: string };
}

export function serviceView(s: ServiceRow): ServiceView {
  return {
    name: s.name,
    image: s.image,
    vcpu: s.vcpu,
    memoryMb: s.memoryMb,
    storageGb: s.storageGb,
    ports: s.ports,
    healthcheck: s.healthcheck,
    replicas: s.replicas,
    kind: s.kind,
    ...(s.expose ? { expose: s.expose } : {}),
  };
}

/** What the audit trail keeps of a request: its own fields and services, no derived data. */
export function requestSnapshot(r: RequestRow, services: ServiceRow[]) {
  return {
    reference: r.reference,
    ministryId: r.ministryId,
    environmentName: r.environmentName,
    purpose: r.purpose,
    classification: r.classification,
    exposure: r.exposure,
    availability: r.availability,
    backup: { policy: r.backupPolicy, retentionDays: r.backupRetentionDays },
    state: r.state,
    version: r.version,
    services: services.map(serviceView),
    ...(r.draft ? { draft: r.draft } : {}),
  };
}

/** Loads a request the actor may see; a foreign ministry's request is reported as missing. */
export function loadVisibleRequest(tx: Reader, actor: Actor, id: string): { request: RequestRow; services: ServiceRow[] } {
  const request = tx.select().from(hostingRequests).where(eq(hostingRequests.id, id)).get();
  if (!request || !canSeeMinistry(actor, request.ministryId)) throw new NotFound('hosting request', id);
  const services = tx
    .select()
    .from(requestServices)
    .where(eq(requestServices.requestId, id))
    .orderBy(asc(requestServices.position))
    .all();
  return { request, services };
}

export function requestView(tx: Reader, actor: Actor, request: RequestRow, services: ServiceRow[]) {
  const ministry = tx.select({ code: ministries.code, name: ministries.name }).from(ministries).where(eq(ministries.id, request.ministryId)).get();
  const placed = tx
    .select({ service: placements.serviceName, replica: placements.replica, host: hosts.name, powerFeed: hosts.powerFeed })
    .from(placements)
    .innerJoin(hosts, eq(hosts.id, placements.hostId))
    .where(eq(placements.requestId, request.id))
    .orderBy(asc(placements.serviceName), asc(placements.replica))
    .all();
  const people = new Set([request.createdBy, request.submittedBy, request.decidedBy].filter((x): x is string => !!x));
  const emails = new Map(
    people.size === 0
      ? []
      : tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(inArray(users.id, [...people]))
          .all()
          .map((u) => [u.id, u.email] as const),
  );
  const timeline = tx
    .select({ at: requestEvents.at, from: requestEvents.fromState, to: requestEvents.toState, comment: requestEvents.comment, actor: requestEvents.actor })
    .from(requestEvents)
    .where(eq(requestEvents.requestId, request.id))
    .orderBy(asc(requestEvents.id))
    .all();
  return {
    ...summaryView(request, ministry ?? { code: '?', name: '?' }, services),
    purpose: request.purpose,
    services: services.map(serviceView),
    placements: placed,
    createdBy: emails.get(request.createdBy) ?? null,
    submittedBy: request.submittedBy ? emails.get(request.submittedBy) ?? null : null,
    decidedBy: request.decidedBy ? emails.get(request.decidedBy) ?? null : null,
    timeline,
    // A draft saved incomplete: its fields as typed, and what submission will still ask for.
    incomplete: request.draft ? { draft: request.draft, missing: [...new Set(draftProblems(request.draft).map((e) => e.field))] } : null,
    infrastructure: infrastructureView(tx, request, ministry?.code ?? null),
    allowedActions: actionsFor(request.state, actor.role),
  };
}

/**
 * What the infrastructure says about the request: the applied run that activated it or removed
 * it (and whether that run was demonstration data), an administrator's declaration instead, and
 * — while it waits — the stack's latest apply if that one failed, with its cause.
 */
function infrastructureView(tx: Reader, request: RequestRow, ministryCode: string | null) {
  const stack = ministryCode ? `ministry-${ministryCode.toLowerCase()}` : null;
  const runIds = [request.activatedByRunId, request.decommissionedByRunId].filter((x): x is string => x !== null);
  const runs = new Map(runIds.length ? tx.select({ id: applyRuns.id, demo: applyRuns.demo }).from(applyRuns).where(inArray(applyRuns.id, runIds)).all().map((r) => [r.id, r]) : []);
  const waiting = request.state === 'approved' || request.state === 'provisioning' || request.state === 'decommissioning';
  const latest =
    waiting && stack
      ? tx
          .select({ id: applyRuns.id, status: applyRuns.status, failureReason: applyRuns.failureReason, finishedAt: applyRuns.finishedAt })
          .from(applyRuns)
          .where(and(eq(applyRuns.stack, stack), inArray(applyRuns.status, ['applied', 'failed'])))
          .orderBy(desc(applyRuns.finishedAt))
          .limit(1)
          .get()
      : undefined;
  return {
    stack,
    activatedByRun: request.activatedByRunId ? { id: request.activatedByRunId, demo: runs.get(request.activatedByRunId)?.demo ?? false } : null,
    decommissionedByRun: request.decommissionedByRunId ? { id: request.decommissionedByRunId, demo: runs.get(request.decommissionedByRunId)?.demo ?? false } : null,
    activationOverride: request.activationOverride,
    lastFailedRun: latest && latest.status === 'failed' ? { id: latest.id, failureReason: latest.failureReason, finishedAt: latest.finishedAt } : null,
  };
}

export function summaryView(request: RequestRow, ministry: { code: string; name: string }, services: Pick<ServiceRow, 'vcpu' | 'memoryMb' | 'storageGb' | 'replicas'>[]) {
  return {
    id: request.id,
    reference: request.reference,
    ministry,
    environmentName: request.environmentName,
    classification: request.classification,
    exposure: request.exposure,
    availability: request.availability,
    backup: { policy: request.backupPolicy, retentionDays: request.backupRetentionDays },
    state: request.state,
    version: request.version,
    footprint: serviceFootprint(services),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    submittedAt: request.submittedAt,
    decidedAt: request.decidedAt,
    activatedAt: request.activatedAt,
    decommissionedAt: request.decommissionedAt,
  };
}
