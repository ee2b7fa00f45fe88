import { eq } from 'drizzle-orm';
import { createRequestInput, requestPolicyIssues, type UpdateRequestInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hostingRequests, requestEvents, requestServices } from '../../db/schema/index.js';
import { Forbidden, IllegalTransition, InvalidInput, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { fieldError, zodFieldErrors } from '../../api/validation.js';
import { assertEnvironmentNameFree, insertServices } from './create.js';
import { loadVisibleRequest, requestSnapshot, requestView, serviceView } from './read-model.js';
import { actionsFor, editableStates } from './state-machine.js';

/** The ministry edits its own request while it is a draft or sent back for changes. */
export function updateDraftRequest({ ctx, input }: { ctx: ServiceContext; input: { id: string; patch: UpdateRequestInput } }) {
  requireRole(ctx.actor, 'requester');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const { request, services } = loadVisibleRequest(tx, ctx.actor, input.id);
    if (ctx.actor.ministryId !== request.ministryId) throw new Forbidden('only the ministry edits its request');
    if (!editableStates.includes(request.state)) {
      throw new IllegalTransition(request.state, 'edit', actionsFor(request.state, ctx.actor.role));
    }
    const { patch } = input;
    if (patch.version !== request.version) throw new VersionMismatch(patch.version, request.version);

    // Over a draft saved incomplete, the patch completes what was typed: the whole must be valid.
    if (request.draft) {
      const { version: _version, ...fields } = patch;
      const whole = createRequestInput.safeParse({ ...request.draft, ...fields });
      if (!whole.success) throw new InvalidInput(zodFieldErrors(whole.error));
      Object.assign(patch, whole.data);
    }
    const merged = {
      environmentName: patch.environmentName ?? request.environmentName,
      purpose: patch.purpose ?? request.purpose,
      classification: patch.classification ?? request.classification,
      exposure: patch.exposure ?? request.exposure,
      availability: patch.availability ?? request.availability,
      backup: patch.backup ?? { policy: request.backupPolicy, retentionDays: request.backupRetentionDays },
      services: patch.services ?? services.map(serviceView),
    };
    // The merged request must still meet the cross-field policy, not just the patch alone.
    const issues = requestPolicyIssues(merged);
    if (issues.length > 0) throw new InvalidInput(issues.map(fieldError));
    if (patch.environmentName) assertEnvironmentNameFree(tx, request.ministryId, merged.environmentName, request.id);

    const before = requestSnapshot(request, services);
    tx.update(hostingRequests)
      .set({
        environmentName: merged.environmentName,
        purpose: merged.purpose,
        classification: merged.classification,
        exposure: merged.exposure,
        availability: merged.availability,
        backupPolicy: merged.backup.policy,
        backupRetentionDays: merged.backup.retentionDays,
        draft: null,
        version: request.version + 1,
        updatedAt: at,
      })
      .where(eq(hostingRequests.id, request.id))
      .run();
    if (patch.services) {
      tx.delete(requestServices).where(eq(requestServices.requestId, request.id)).run();
      insertServices(tx, request.id, patch.services);
    }
    // An edit is part of the request's history: an event that stays in the same state.
    tx.insert(requestEvents).values({ requestId: request.id, at, actorId: ctx.actor.userId, actor: ctx.actor.email, fromState: request.state, toState: request.state }).run();
    const after = loadVisibleRequest(tx, ctx.actor, request.id);
    audit({
      at,
      action: 'hosting-request.update',
      entity: 'hosting-request',
      entityId: request.id,
      ministryId: request.ministryId,
      before,
      after: requestSnapshot(after.request, after.services),
    });
    return requestView(tx, ctx.actor, after.request, after.services);
  });
}
