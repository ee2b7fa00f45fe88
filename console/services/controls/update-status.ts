import { and, eq } from 'drizzle-orm';
import type { ControlStatusInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { controlStatus } from '../../db/schema/index.js';
import { Conflict, InvalidInput, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { loadStatus, resolveControl, statusView } from './read-model.js';

/**
 * ISO/IEC 27001 (6.1.3 d) asks the Statement of Applicability to justify every exclusion; the
 * certification body reads these, so a one-word reason is refused.
 */
const ISO_EXCLUSION_MIN = 10;

export interface UpdateControlStatusInput extends ControlStatusInput {
  frameworkId: string;
  controlId: string;
}

/**
 * Sets the applicability and implementation of one control (the whole status: what is not
 * sent is cleared, except the last review, which only a new review moves).
 */
export function updateControlStatus({ ctx, input }: { ctx: ServiceContext; input: UpdateControlStatusInput }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const control = resolveControl(input.frameworkId, input.controlId);
  const justification = input.justification ?? '';
  if (!input.applicable && control.frameworkId === 'iso27001-2022' && justification.length < ISO_EXCLUSION_MIN) {
    throw new InvalidInput([
      { pointer: '/justification', field: 'justification', message: `excluding an ISO/IEC 27001 Annex A control needs a justification of at least ${ISO_EXCLUSION_MIN} characters` },
    ]);
  }
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const current = loadStatus(tx, control.frameworkId, control.id);
    const currentVersion = current?.version ?? 0;
    if (input.version !== currentVersion) throw new VersionMismatch(input.version, currentVersion);
    const next = {
      frameworkId: control.frameworkId,
      controlId: control.id,
      applicable: input.applicable,
      justification,
      justificationReason: input.applicable && justification ? (input.justificationReason ?? null) : null,
      implementation: input.implementation,
      owner: input.owner ?? null,
      lastReviewedAt: input.reviewed ? at : (current?.lastReviewedAt ?? null),
      reviewedBy: input.reviewed ? ctx.actor.userId : (current?.reviewedBy ?? null),
      updatedAt: at,
      version: currentVersion + 1,
    };
    if (current) {
      // The version guard makes a lost update impossible even if another connection slipped in.
      const updated = tx
        .update(controlStatus)
        .set(next)
        .where(and(eq(controlStatus.frameworkId, control.frameworkId), eq(controlStatus.controlId, control.id), eq(controlStatus.version, currentVersion)))
        .run();
      if (updated.changes !== 1) throw new Conflict('the control changed while it was being updated; read it again');
    } else {
      tx.insert(controlStatus).values(next).run();
    }
    const before = current ? statusView(current) : null;
    const after = statusView(next);
    audit({
      at,
      action: input.reviewed ? 'control-status.review' : 'control-status.update',
      entity: 'control',
      entityId: `${control.frameworkId}:${control.id}`,
      before: before && { ...before, reviewedBy: current?.reviewedBy ?? null },
      after: { ...after, reviewedBy: next.reviewedBy },
    });
    return { frameworkId: control.frameworkId, id: control.id, status: after };
  });
}
