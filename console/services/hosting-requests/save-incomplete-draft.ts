/**
 * Saves a draft the ministry has not finished: new, or over its own draft (or a request sent
 * back for changes). Only what was typed is checked (types and formats); what is missing is
 * asked for when it is submitted (`transition.ts`), where the whole request is validated.
 */
import { eq, sql } from 'drizzle-orm';
import type { DraftRequestInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hostingRequests, requestEvents, requestServices } from '../../db/schema/index.js';
import { Forbidden, IllegalTransition, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { assertEnvironmentNameFree } from './create.js';
import { loadVisibleRequest, requestSnapshot, requestView } from './read-model.js';
import { actionsFor, editableStates } from './state-machine.js';

/** What the columns hold for a draft: what was given, '' for a missing name or purpose. */
function columnsOf(d: DraftRequestInput) {
  return {
    environmentName: d.environmentName ?? '',
    purpose: d.purpose ?? '',
    classification: d.classification ?? 'internal',
    exposure: d.exposure ?? 'internal',
    availability: d.availability ?? 'standard',
    backupPolicy: d.backup?.policy ?? 'none',
    backupRetentionDays: d.backup?.retentionDays ?? 0,
  };
}

export function saveIncompleteDraft({ ctx, input }: { ctx: ServiceContext; input: { id?: string | undefined; version?: number | undefined; draft: DraftRequestInput } }) {
  requireRole(ctx.actor, 'requester');
  const ministryId = ctx.actor.ministryId;
  if (!ministryId || ctx.actor.userId === null) throw new Forbidden('only a ministry requester drafts a request');
  const userId = ctx.actor.userId;
  const at = ctx.clock.now().toISOString();
  const { draft } = input;
  return writeTransaction(ctx, (tx, audit) => {
    if (input.id === undefined) {
      if (draft.environmentName) assertEnvironmentNameFree(tx, ministryId, draft.environmentName);
      const count = tx.select({ n: sql<number>`count(*)` }).from(hostingRequests).get()?.n ?? 0;
      const id = newId();
      tx.insert(hostingRequests)
        .values({ id, reference: `DEM-${at.slice(0, 4)}-${String(count + 1).padStart(5, '0')}`, ministryId, ...columnsOf(draft), draft, state: 'draft', version: 1, createdBy: userId, createdAt: at, updatedAt: at })
        .run();
      tx.insert(requestEvents).values({ requestId: id, at, actorId: userId, actor: ctx.actor.email, fromState: null, toState: 'draft' }).run();
      const { request, services } = loadVisibleRequest(tx, ctx.actor, id);
      audit({ at, action: 'hosting-request.create', entity: 'hosting-request', entityId: id, ministryId, after: requestSnapshot(request, services) });
      return requestView(tx, ctx.actor, request, services);
    }
    const { request, services } = loadVisibleRequest(tx, ctx.actor, input.id);
    if (request.ministryId !== ministryId) throw new Forbidden('only the ministry edits its request');
    if (!editableStates.includes(request.state)) throw new IllegalTransition(request.state, 'edit', actionsFor(request.state, ctx.actor.role));
    if (input.version !== undefined && input.version !== request.version) throw new VersionMismatch(input.version, request.version);
    if (draft.environmentName) assertEnvironmentNameFree(tx, request.ministryId, draft.environmentName, request.id);
    const before = requestSnapshot(request, services);
    tx.update(hostingRequests)
      .set({ ...columnsOf(draft), draft, version: request.version + 1, updatedAt: at })
      .where(eq(hostingRequests.id, request.id))
      .run();
    // The draft's rows are the services now; complete ones are written again when it is complete.
    tx.delete(requestServices).where(eq(requestServices.requestId, request.id)).run();
    tx.insert(requestEvents).values({ requestId: request.id, at, actorId: userId, actor: ctx.actor.email, fromState: request.state, toState: request.state }).run();
    const after = loadVisibleRequest(tx, ctx.actor, request.id);
    audit({ at, action: 'hosting-request.update', entity: 'hosting-request', entityId: request.id, ministryId: request.ministryId, before, after: requestSnapshot(after.request, after.services) });
    return requestView(tx, ctx.actor, after.request, after.services);
  });
}
