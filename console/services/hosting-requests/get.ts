import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { loadVisibleRequest, requestView } from './read-model.js';

export function getHostingRequest({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const { request, services } = loadVisibleRequest(ctx.db, ctx.actor, input.id);
  return requestView(ctx.db, ctx.actor, request, services);
}
