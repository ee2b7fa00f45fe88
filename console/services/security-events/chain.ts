/**
 * The security-event chain: hash = sha256(prev_hash + canonical event), like the audit trail,
 * but its own chain. Pruning keeps an anchor (the hash the first kept event follows), so a
 * pruned chain still verifies from there.
 */
import { hash as oneShotHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../../lib/canonical-json.js';

export const SECURITY_GENESIS_HASH = '0'.repeat(64);

export interface SecurityEventRow {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  address: string | null;
  target: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export function securityEventHash(e: Omit<SecurityEventRow, 'hash'>): string {
  const canonical = canonicalJson({ seq: e.seq, at: e.at, kind: e.kind, actor: e.actor, address: e.address, target: e.target, detail: e.detail, prev_hash: e.prevHash });
  return oneShotHash('sha256', e.prevHash + canonical, 'hex');
}

export interface SecurityVerifyResult {
  ok: boolean;
  entries: number;
  headHash: string;
  /** First sequence number still kept (older ones were pruned after the retention period). */
  firstSeq: number | null;
  firstBroken?: { seq: number; reason: string };
}

type Row = [number, string, string, string, string | null, string | null, string | null, string, string];

export function verifySecurityChain(client: Database.Database): SecurityVerifyResult {
  const anchor = client.prepare('SELECT pruned_through_seq AS seq, head_hash AS hash FROM security_event_anchor WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  let expectedSeq = (anchor?.seq ?? 0) + 1;
  let prev = anchor?.hash ?? SECURITY_GENESIS_HASH;
  let count = 0;
  let firstSeq: number | null = null;
  const stmt = client
    .prepare('SELECT seq, at, kind, actor, address, target, detail, prev_hash, hash FROM security_events WHERE seq > ? ORDER BY seq LIMIT 2000')
    .raw(true) as Database.Statement<[number], Row>;
  let after = anchor?.seq ?? 0;
  for (;;) {
    const rows = stmt.all(after);
    if (rows.length === 0) break;
    for (const [seq, at, kind, actor, address, target, detail, prevHash, hash] of rows) {
      firstSeq ??= seq;
      let reason: string | undefined;
      if (seq !== expectedSeq) reason = `sequence gap: expected ${expectedSeq}, found ${seq}`;
      else if (prevHash !== prev) reason = 'prev_hash does not match the hash of the previous event';
      else if (securityEventHash({ seq, at, kind, actor, address, target, detail, prevHash }) !== hash) reason = 'content does not match its hash';
      if (reason) return { ok: false, entries: count, headHash: prev, firstSeq, firstBroken: { seq, reason } };
      prev = hash;
      expectedSeq = seq + 1;
      count++;
    }
    after = rows[rows.length - 1]![0];
  }
  return { ok: true, entries: count, headHash: prev, firstSeq };
}
