import { and, eq } from 'drizzle-orm';
import type { TransitionAction } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hostingRequests, requestEvents } from '../../db/schema/index.js';
import { Conflict, Forbidden, IllegalTransition, InvalidInput, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { recordSweepTx } from '../dcim/sweep.js';
import { bookPlacements, checkQuota } from './booking.js';
import { draftProblems } from './draft-problems.js';
import { loadVisibleRequest, requestView } from './read-model.js';
import { actionsFor, transitions } from './state-machine.js';

export interface TransitionRequestInput {
  id: string;
  action: TransitionAction;
  version?: number | undefined;
  comment?: string | undefined;
}

/**
 * Moves a hosting request along its lifecycle. Approval books quota and host capacity in the
 * same transaction; only an applied run frees them (services/runs/settle-requests.ts). Every
 * step lands on the request's timeline and in the audit trail.
 */
export function transitionRequest({ ctx, input }: { ctx: ServiceContext; input: TransitionRequestInput }) {
  const rule = transitions[input.action];
  const at = ctx.clock.now().toISOString();
  const view = writeTransaction(ctx, (tx, audit) => {
    const { request, services } = loadVisibleRequest(tx, ctx.actor, input.id);
    requireRole(ctx.actor, ...rule.roles);
    if (ctx.actor.role === 'requester' && ctx.actor.ministryId !== request.ministryId) {
      throw new Forbidden('only the ministry acts on its request');
    }
    if (rule.separationOfDuties && ctx.actor.userId !== null && (ctx.actor.userId === request.createdBy || ctx.actor.userId === request.submittedBy)) {
      throw new Forbidden('separation of duties: whoever drafted or submitted a request cannot decide on it');
    }
    if (input.version !== undefined && input.version !== request.version) {
      throw new VersionMismatch(input.version, request.version);
    }
    if (!rule.from.includes(request.state)) {
      throw new IllegalTransition(request.state, input.action, actionsFor(request.state, ctx.actor.role));
    }
    // A draft saved incomplete is validated whole here: the refusal names what is missing.
    if (input.action === 'submit' && request.draft) throw new InvalidInput(draftProblems(request.draft));
    if (rule.commentRequired && !input.comment) {
      throw new InvalidInput([{ pointer: '/comment', field: 'comment', message: `a reason is required to ${input.action}` }]);
    }

    if (input.action === 'approve') {
      checkQuota(tx, request, services);
      bookPlacements(tx, request, services);
    }

    const changes: Partial<typeof hostingRequests.$inferInsert> = { state: rule.to, version: request.version + 1, updatedAt: at };
    if (input.action === 'submit') Object.assign(changes, { submittedAt: at, submittedBy: ctx.actor.userId });
    if (input.action === 'approve' || input.action === 'reject' || input.action === 'request-changes') {
      Object.assign(changes, { decidedAt: at, decidedBy: ctx.actor.userId });
    }
    // Declared by an administrator, not shown by an applied run: the reason stays on the request.
    if (input.action === 'activate') Object.assign(changes, { activatedAt: at, activationOverride: input.comment ?? null, activatedByRunId: null });

    // The version guard makes a lost update impossible even if another connection slipped in.
    const updated = tx
      .update(hostingRequests)
      .set(changes)
      .where(and(eq(hostingRequests.id, request.id), eq(hostingRequests.version, request.version)))
      .run();
    if (updated.changes !== 1) throw new Conflict('the request changed while it was being updated; read it again');

    tx.insert(requestEvents)
      .values({ requestId: request.id, at, actorId: ctx.actor.userId, actor: ctx.actor.email, fromState: request.state, toState: rule.to, comment: input.comment ?? null })
      .run();
    const after = loadVisibleRequest(tx, ctx.actor, request.id);
    const view = requestView(tx, ctx.actor, after.request, after.services);
    audit({
      at,
      action: `hosting-request.${input.action}`,
      entity: 'hosting-request',
      entityId: request.id,
      ministryId: request.ministryId,
      before: { state: request.state, version: request.version },
      after: {
        state: rule.to,
        version: request.version + 1,
        comment: input.comment ?? null,
        ...(input.action === 'approve' ? { placements: view.placements } : {}),
        ...(input.action === 'activate' ? { override: true } : {}),
      },
    });
    // Placements changed: the N-1 sweep of the facility is redone with them, in the same transaction.
    if (input.action === 'approve') recordSweepTx(tx, audit, ctx, `approve ${request.reference}`);
    return view;
  });
  reportLeadTimes(ctx, input.action, view);
  return view;
}

function seconds(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
}

function reportLeadTimes(ctx: ServiceContext, action: TransitionRequestInput['action'], view: { ministry: { code: string }; submittedAt: string | null; decidedAt: string | null; activatedAt: string | null }): void {
  if (action === 'approve' || action === 'reject' || action === 'request-changes') {
    const s = seconds(view.submittedAt, view.decidedAt);
    if (s !== null) ctx.events?.requestDecided?.(view.ministry.code, s);
  }
  if (action === 'activate') {
    // decidedAt is the approval: the request cannot be decided again once approved.
    const s = seconds(view.decidedAt, view.activatedAt);
    if (s !== null) ctx.events?.requestActivated?.(view.ministry.code, s);
  }
}
