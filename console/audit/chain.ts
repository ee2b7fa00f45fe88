/**
 * Hash-chained audit trail.
 *
 * hash = sha256(prev_hash + canonical entry), where the canonical entry is the sorted-key JSON of
 * {action, actor, after, at, before, entity, id, ministry, prev_hash, seq}. `before`/`after` are
 * stored already canonical, so verification rebuilds the string without parsing them.
 */
import { hash as oneShotHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../lib/canonical-json.js';
import type { Actor } from '../context.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  at: string;
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  ministryId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  ministryId: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

export function canonicalEntry(e: Omit<AuditEntry, 'hash'>): string {
  return (
    '{"action":' + JSON.stringify(e.action) +
    ',"actor":' + JSON.stringify(e.actor) +
    ',"after":' + (e.after ?? 'null') +
    ',"at":' + JSON.stringify(e.at) +
    ',"before":' + (e.before ?? 'null') +
    ',"entity":' + JSON.stringify(e.entity) +
    ',"id":' + JSON.stringify(e.entityId) +
    ',"ministry":' + JSON.stringify(e.ministryId) +
    ',"prev_hash":' + JSON.stringify(e.prevHash) +
    ',"seq":' + String(e.seq) +
    '}'
  );
}

export function entryHash(prevHash: string, canonical: string): string {
  return oneShotHash('sha256', prevHash + canonical, 'hex');
}

interface Statements {
  last: Database.Statement<[], { seq: number; hash: string }>;
  insert: Database.Statement<unknown[]>;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(client: Database.Database): Statements {
  let s = statements.get(client);
  if (!s) {
    s = {
      last: client.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: client.prepare(
        'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, ministry_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    statements.set(client, s);
  }
  return s;
}

/**
 * Appends one entry. Must run inside the caller's write transaction (on the same connection),
 * so a failed append rolls the change back and a committed change always has its entry.
 */
export function appendAudit(client: Database.Database, input: AuditInput): AuditEntry {
  if (!client.inTransaction) throw new Error('appendAudit must run inside the write transaction');
  const s = prepared(client);
  const last = s.last.get();
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actor: input.actor.email,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    ministryId: input.ministryId ?? null,
    before: input.before === undefined || input.before === null ? null : canonicalJson(input.before),
    after: input.after === undefined || input.after === null ? null : canonicalJson(input.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(base.prevHash, canonicalEntry(base));
  s.insert.run(base.seq, base.at, base.actor, base.action, base.entity, base.entityId, base.ministryId, base.before, base.after, base.prevHash, hash);
  return { ...base, hash };
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** Hash of the last entry checked: publish it elsewhere to also detect truncation. */
  headHash: string;
  firstBroken?: { seq: number; reason: string };
}

type Row = [number, string, string, string, string, string, string | null, string | null, string | null, string, string];

/** Rows are read in pages: far cheaper per row than a statement iterator. */
/** Rows read per query while verifying (bounded memory on a chain of any length). */
export const VERIFY_PAGE_ROWS = 2000;

/** Walks the whole chain in order and names the first entry that does not verify. */
export function verifyAuditChain(client: Database.Database): VerifyResult {
  const stmt = client
    .prepare('SELECT seq, at, actor, action, entity, entity_id, ministry_id, before, after, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .raw(true) as Database.Statement<[number, number], Row>;
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = stmt.all(after, VERIFY_PAGE_ROWS);
    if (rows.length === 0) break;
    for (const r of rows) {
      const [seq, at, actor, action, entity, entityId, ministryId, before, afterJson, prevHash, hash] = r;
      let reason: string | undefined;
      if (seq !== expectedSeq) reason = `sequence gap: expected ${expectedSeq}, found ${seq}`;
      else if (prevHash !== prev) reason = 'prev_hash does not match the hash of the previous entry';
      else if (entryHash(prevHash, canonicalEntry({ seq, at, actor, action, entity, entityId, ministryId, before, after: afterJson, prevHash })) !== hash) {
        reason = 'content does not match its hash';
      }
      if (reason) return { ok: false, entries: count, headHash: prev, firstBroken: { seq, reason } };
      prev = hash;
      expectedSeq = seq + 1;
      count++;
    }
    after = rows[rows.length - 1]![0];
  }
  return { ok: true, entries: count, headHash: prev };
}
