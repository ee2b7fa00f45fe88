import { NotFailable, UnknownComponent, whatIf, type WhatIf } from '../../../facility/index.js';
import type { ServiceContext } from '../../context.js';
import { InvalidInput, NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { analysisInputOf, loadFacility } from './read-model.js';

/** « If I take this down, what stops? » — for one component, from the current model and placements. */
export function whatIfComponent({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): WhatIf {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  const facility = loadFacility(ctx.db);
  try {
    return whatIf(analysisInputOf(ctx.db, facility), input.id);
  } catch (err) {
    if (err instanceof UnknownComponent) throw new NotFound('component', input.id);
    if (err instanceof NotFailable) throw new InvalidInput([{ pointer: '/id', field: 'id', message: err.message }]);
    throw err;
  }
}
