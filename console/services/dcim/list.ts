import type { Component } from '../../../facility/index.js';
import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { loadFacility } from './read-model.js';

export function listComponents({ ctx }: { ctx: ServiceContext }): { items: Component[] } {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  return { items: loadFacility(ctx.db).components };
}
