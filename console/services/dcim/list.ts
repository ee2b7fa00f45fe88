import type { Component } from '../../../facility/index.js';
import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { pageOf, type Page } from '../paging.js';
import { loadFacility } from './read-model.js';

/** A page of the facility model, in entry order (`wholeList` for all of it). */
export function listComponents({ ctx, input }: { ctx: ServiceContext; input: Page }): { items: Component[]; total: number; limit: number; offset: number } {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  return pageOf(loadFacility(ctx.db).components, input);
}
