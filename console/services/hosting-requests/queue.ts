/**
 * The approval queue: every submitted request with its services, oldest first, in two queries
 * whatever the length of the queue (a busy day has hundreds).
 */
import { serviceFootprint } from '../../../infra/spec.js';
import type { ServiceContext } from '../../context.js';
import { GenerationMemo } from '../../db/generation-memo.js';
import { requireRole } from '../access.js';

export interface QueueService {
  name: string;
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  replicas: number;
}

export interface QueueEntry {
  id: string;
  reference: string;
  version: number;
  ministry: { code: string; name: string };
  environmentName: string;
  classification: string;
  exposure: string;
  availability: string;
  submittedAt: string;
  footprint: { vcpu: number; memoryMb: number; storageGb: number };
  services: QueueService[];
}

interface Row {
  id: string;
  reference: string;
  version: number;
  code: string;
  name: string;
  environmentName: string;
  classification: string;
  exposure: string;
  availability: string;
  submittedAt: string | null;
  updatedAt: string;
}

export function listApprovalQueue({ ctx }: { ctx: ServiceContext }): QueueEntry[] {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  const db = ctx.db.$client;
  const rows = db
    .prepare(
      `SELECT r.id, r.reference, r.version, m.code, m.name, r.environment_name AS environmentName, r.classification, r.exposure,
              r.availability, r.submitted_at AS submittedAt, r.updated_at AS updatedAt
         FROM hosting_requests r JOIN ministries m ON m.id = r.ministry_id
        WHERE r.state = 'submitted'
        ORDER BY coalesce(r.submitted_at, r.updated_at), r.reference`,
    )
    .all() as Row[];
  const services = db
    .prepare(
      `SELECT s.request_id AS requestId, s.name, s.vcpu, s.memory_mb AS memoryMb, s.storage_gb AS storageGb, s.replicas
         FROM request_services s JOIN hosting_requests r ON r.id = s.request_id
        WHERE r.state = 'submitted'
        ORDER BY s.request_id, s.position`,
    )
    .all() as (QueueService & { requestId: string })[];
  const byRequest = new Map<string, QueueService[]>();
  for (const { requestId, ...s } of services) {
    let list = byRequest.get(requestId);
    if (!list) byRequest.set(requestId, (list = []));
    list.push(s);
  }
  return rows.map((r) => {
    const svc = byRequest.get(r.id) ?? [];
    return {
      id: r.id,
      reference: r.reference,
      version: r.version,
      ministry: { code: r.code, name: r.name },
      environmentName: r.environmentName,
      classification: r.classification,
      exposure: r.exposure,
      availability: r.availability,
      submittedAt: r.submittedAt ?? r.updatedAt,
      footprint: serviceFootprint(svc),
      services: svc,
    };
  });
}

const memos = new WeakMap<object, GenerationMemo<unknown>>();

/**
 * What the caller derives from the queue (quota and placement of every pending request), kept
 * per data generation as the request list is: the same answer a fresh computation would give,
 * recomputed after any write by any process. `derive` must only read.
 */
export function keptApprovalQueue<V>({ db, actor, clock }: ServiceContext, derive: (entries: QueueEntry[]) => V): V {
  requireRole(actor, 'operator', 'admin', 'auditor');
  let memo = memos.get(db.$client);
  if (!memo) memos.set(db.$client, (memo = new GenerationMemo<unknown>(db.$client, 1)));
  return memo.get('queue', () => derive(listApprovalQueue({ ctx: { db, actor, clock } }))) as V;
}
