import { getRule, MAX_EXCEPTION_DAYS } from '../../../compliance/index.js';
import type { RequestExceptionInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { policyExceptions } from '../../db/schema/index.js';
import { Forbidden, InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { exceptionSnapshot, exceptionView, loadException } from './read-model.js';

const DAY_MS = 86_400_000;

/** An operator asks to accept one rule's finding on some resources, for a limited time. */
export function requestException({ ctx, input }: { ctx: ServiceContext; input: RequestExceptionInput }) {
  requireRole(ctx.actor, 'operator', 'admin');
  if (ctx.actor.userId === null) throw new Forbidden('an exception is requested by a named person');
  const requestedById = ctx.actor.userId;
  if (!getRule(input.ruleId)) {
    throw new InvalidInput([{ pointer: '/ruleId', field: 'ruleId', message: `no policy rule has the id "${input.ruleId}"` }]);
  }
  const now = ctx.clock.now();
  const expires = Date.parse(input.expiresAt);
  if (expires <= now.getTime()) {
    throw new InvalidInput([{ pointer: '/expiresAt', field: 'expiresAt', message: 'must be in the future' }]);
  }
  if (expires - now.getTime() > MAX_EXCEPTION_DAYS * DAY_MS) {
    throw new InvalidInput([{ pointer: '/expiresAt', field: 'expiresAt', message: `an exception may last at most ${MAX_EXCEPTION_DAYS} days` }]);
  }
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const id = newId();
    tx.insert(policyExceptions)
      .values({
        id,
        ruleId: input.ruleId,
        resource: input.resource,
        reason: input.reason,
        requestedById,
        requestedBy: ctx.actor.email,
        status: 'pending',
        // Stored in one format so it compares as text and reads back as the same instant.
        expiresAt: new Date(expires).toISOString(),
        createdAt: at,
      })
      .run();
    const row = loadException(tx, id);
    audit({ at, action: 'policy-exception.request', entity: 'policy-exception', entityId: id, after: exceptionSnapshot(row) });
    return exceptionView(row, now);
  });
}
