import type { ServiceContext } from '../../context.js';
import { noteLocalWrite } from '../../db/generation.js';

/** How long security events are kept: a year covers an annual surveillance audit. */
export const SECURITY_EVENT_RETENTION_DAYS = 365;

/**
 * Deletes events older than the retention period and moves the anchor to the last one deleted,
 * so the kept chain verifies from its first event. Run by the daily maintenance.
 */
export function pruneSecurityEvents({ ctx, input = {} }: { ctx: ServiceContext; input?: { retentionDays?: number } }): { pruned: number } {
  const days = input.retentionDays ?? SECURITY_EVENT_RETENTION_DAYS;
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const client = ctx.db.$client;
  try {
    return client
      .transaction(() => {
        const last = client.prepare('SELECT seq, hash FROM security_events WHERE at < ? ORDER BY seq DESC LIMIT 1').get(cutoff) as { seq: number; hash: string } | undefined;
        if (!last) return { pruned: 0 };
        const pruned = client.prepare('DELETE FROM security_events WHERE seq <= ?').run(last.seq).changes;
        client
          .prepare(
            'INSERT INTO security_event_anchor (id, pruned_through_seq, head_hash, pruned_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET pruned_through_seq = excluded.pruned_through_seq, head_hash = excluded.head_hash, pruned_at = excluded.pruned_at',
          )
          .run(last.seq, last.hash, now.toISOString());
        return { pruned };
      })
      .immediate();
  } finally {
    noteLocalWrite(client);
  }
}
