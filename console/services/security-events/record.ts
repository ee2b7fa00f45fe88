/**
 * Records one security event (a failed or throttled sign-in, a refused action, an evidence
 * download, an export) in its own hash-chained log. Its own short transaction: a refusal has no
 * business write to join, and the main audit chain stays free of what anyone can cause by failing.
 */
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { noteLocalWrite } from '../../db/generation.js';
import type { Db } from '../../db/open.js';
import type { securityEventKinds } from '../../db/schema/security-events.js';
import { SECURITY_GENESIS_HASH, securityEventHash } from './chain.js';

export type SecurityEventKind = (typeof securityEventKinds)[number];

export interface SecurityEventInput {
  kind: SecurityEventKind;
  /** The account's email, or what was typed at sign-in (cut to 200 characters). */
  actor: string;
  address?: string | null;
  /** What it concerned: a path, an evidence id and version, an export name. */
  target?: string | null;
  detail?: Record<string, unknown> | null;
  at: string;
}

interface Statements {
  last: Database.Statement<[], { seq: number; hash: string }>;
  anchor: Database.Statement<[], { seq: number; hash: string }>;
  insert: Database.Statement<unknown[]>;
}
const cache = new WeakMap<Database.Database, Statements>();

function prepared(client: Database.Database): Statements {
  let s = cache.get(client);
  if (!s) {
    s = {
      last: client.prepare('SELECT seq, hash FROM security_events ORDER BY seq DESC LIMIT 1'),
      anchor: client.prepare('SELECT pruned_through_seq AS seq, head_hash AS hash FROM security_event_anchor WHERE id = 1'),
      insert: client.prepare('INSERT INTO security_events (seq, at, kind, actor, address, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    };
    cache.set(client, s);
  }
  return s;
}

function append(client: Database.Database, input: SecurityEventInput): number {
  const s = prepared(client);
  const last = s.last.get() ?? s.anchor.get();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    kind: input.kind,
    actor: input.actor.slice(0, 200),
    address: input.address ?? null,
    target: input.target?.slice(0, 500) ?? null,
    detail: input.detail ? canonicalJson(input.detail) : null,
    prevHash: last?.hash ?? SECURITY_GENESIS_HASH,
  };
  const hash = securityEventHash(row);
  s.insert.run(row.seq, row.at, row.kind, row.actor, row.address, row.target, row.detail, row.prevHash, hash);
  return row.seq;
}

/**
 * Appends the event. Inside a transaction already under way (a download or an export read in
 * one) it joins it; otherwise it takes the write lock for just this row.
 */
export function recordSecurityEvent(db: Db, input: SecurityEventInput): number {
  const client = db.$client;
  if (client.inTransaction) return append(client, input);
  try {
    return client.transaction(() => append(client, input)).immediate();
  } finally {
    noteLocalWrite(client);
  }
}
