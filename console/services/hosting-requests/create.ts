import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { CreateRequestInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import { hostingRequests, requestEvents, requestServices } from '../../db/schema/index.js';
import { Conflict, Forbidden } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { loadVisibleRequest, requestSnapshot, requestView } from './read-model.js';

/** Environment names stay unique within a ministry while their request is alive. */
export function assertEnvironmentNameFree(tx: Tx, ministryId: string, name: string, exceptId?: string): void {
  const clash = tx
    .select({ id: hostingRequests.id, reference: hostingRequests.reference })
    .from(hostingRequests)
    .where(
      and(
        eq(hostingRequests.ministryId, ministryId),
        eq(hostingRequests.environmentName, name),
        notInArray(hostingRequests.state, ['rejected', 'decommissioned']),
        exceptId ? sql`${hostingRequests.id} <> ${exceptId}` : undefined,
      ),
    )
    .get();
  if (clash) {
    throw new Conflict(`the ministry already has an environment named "${name}" (${clash.reference})`, {
      errors: [{ pointer: '/environmentName', field: 'environmentName', message: 'already in use in this ministry' }],
    });
  }
}

export function createHostingRequest({ ctx, input }: { ctx: ServiceContext; input: CreateRequestInput }) {
  requireRole(ctx.actor, 'requester');
  const ministryId = ctx.actor.ministryId;
  if (!ministryId || ctx.actor.userId === null) throw new Forbidden('only a ministry requester drafts a request');
  const userId = ctx.actor.userId;
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    assertEnvironmentNameFree(tx, ministryId, input.environmentName);
    const count = tx.select({ n: sql<number>`count(*)` }).from(hostingRequests).get()?.n ?? 0;
    const id = newId();
    const reference = `DEM-${at.slice(0, 4)}-${String(count + 1).padStart(5, '0')}`;
    tx.insert(hostingRequests)
      .values({
        id,
        reference,
        ministryId,
        environmentName: input.environmentName,
        purpose: input.purpose,
        classification: input.classification,
        exposure: input.exposure,
        availability: input.availability,
        backupPolicy: input.backup.policy,
        backupRetentionDays: input.backup.retentionDays,
        state: 'draft',
        version: 1,
        createdBy: userId,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    insertServices(tx, id, input.services);
    tx.insert(requestEvents).values({ requestId: id, at, actorId: userId, actor: ctx.actor.email, fromState: null, toState: 'draft' }).run();
    const { request, services } = loadVisibleRequest(tx, ctx.actor, id);
    audit({
      at,
      action: 'hosting-request.create',
      entity: 'hosting-request',
      entityId: id,
      ministryId,
      after: requestSnapshot(request, services),
    });
    return requestView(tx, ctx.actor, request, services);
  });
}

export function insertServices(tx: Tx, requestId: string, services: CreateRequestInput['services']): void {
  if (services.length === 0) return;
  tx.insert(requestServices)
    .values(
      services.map((s, position) => ({
        requestId,
        position,
        name: s.name,
        image: s.image,
        vcpu: s.vcpu,
        memoryMb: s.memoryMb,
        storageGb: s.storageGb,
        ports: s.ports,
        healthcheck: s.healthcheck,
        replicas: s.replicas,
        kind: s.kind,
        expose: s.expose ?? null,
      })),
    )
    .run();
}
