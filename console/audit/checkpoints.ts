/**
 * Signed checkpoints of the audit chain: the head (sequence number, hash, time) signed with an
 * Ed25519 key kept in a file, outside the database, each in its own small JSON file in a
 * directory meant to be copied off the machine (with the public key beside them).
 *
 * The chain alone proves that entries agree with each other, not that they are the entries
 * that were written: someone able to write the database can rewrite a tail and recompute every
 * hash, or delete the last entries. A checkpoint made before that no longer matches: the entry
 * at its sequence number has another hash, or is gone. Entries after the last checkpoint have
 * no such witness yet, and are reported as not yet anchored.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { sha256Hex } from '../../lib/sha256.js';
import { verifyAuditChain, type VerifyResult } from './chain.js';

export const CHECKPOINT_FORMAT = 'dcops-audit-checkpoint';
export const PUBLIC_KEY_FILE = 'audit-checkpoint-public.pem';
const FILE = /^checkpoint-(\d{12})\.json$/;

export interface CheckpointPayload {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  seq: number;
  hash: string;
  at: string;
  /** sha256 of the public key (SPKI DER), so a checkpoint names the key that signed it. */
  keyId: string;
}

export interface Checkpoint extends CheckpointPayload {
  signature: string;
}

export interface CheckpointPlace {
  /** Where the checkpoint files are written. */
  dir: string;
  /** The signing key (PKCS#8 PEM). */
  keyFile: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

/** Reads the signing key, creating it (0600, in a 0700 directory) on first use. */
export function loadSigningKey(keyFile: string, create = true): SigningKey | null {
  if (!existsSync(keyFile)) {
    if (!create) return null;
    const dir = dirname(keyFile);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileAtomic(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    chmodSync(keyFile, 0o600);
  }
  const privateKey = createPrivateKey(readFileSync(keyFile));
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

function payloadBytes(p: CheckpointPayload): Buffer {
  return Buffer.from(canonicalJson({ format: p.format, version: p.version, seq: p.seq, hash: p.hash, at: p.at, keyId: p.keyId }));
}

function headOf(client: Database.Database): { seq: number; hash: string } | undefined {
  return client.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
}

/** The checkpoints in a directory, in sequence order; a file that does not parse is reported. */
export function readCheckpoints(dir: string): { checkpoints: Checkpoint[]; unreadable: string[] } {
  if (!existsSync(dir)) return { checkpoints: [], unreadable: [] };
  const checkpoints: Checkpoint[] = [];
  const unreadable: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!FILE.test(name)) continue;
    try {
      const c = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Checkpoint;
      if (c.format !== CHECKPOINT_FORMAT || !Number.isInteger(c.seq) || typeof c.hash !== 'string' || typeof c.signature !== 'string') throw new Error('not a checkpoint');
      checkpoints.push(c);
    } catch {
      unreadable.push(name);
    }
  }
  return { checkpoints: checkpoints.sort((a, b) => a.seq - b.seq), unreadable };
}

export function lastCheckpointSeq(dir: string): number {
  if (!existsSync(dir)) return 0;
  let last = 0;
  for (const name of readdirSync(dir)) {
    const m = FILE.exec(name);
    if (m) last = Math.max(last, Number(m[1]));
  }
  return last;
}

/**
 * Signs the current head into `<dir>/checkpoint-<seq>.json`. Nothing is written when the trail
 * is empty or the head is already checkpointed. Must run on committed data only: a head signed
 * inside a transaction that then rolls back would later read as tampering.
 */
export function writeCheckpoint(client: Database.Database, place: CheckpointPlace, at: Date): Checkpoint | null {
  const head = headOf(client);
  if (!head) return null;
  const file = join(place.dir, `checkpoint-${String(head.seq).padStart(12, '0')}.json`);
  if (existsSync(file)) return null;
  const key = loadSigningKey(place.keyFile)!;
  if (!existsSync(place.dir)) mkdirSync(place.dir, { recursive: true, mode: 0o700 });
  const payload: CheckpointPayload = { format: CHECKPOINT_FORMAT, version: 1, seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: key.keyId };
  const checkpoint: Checkpoint = { ...payload, signature: sign(null, payloadBytes(payload), key.privateKey).toString('base64') };
  const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const publicFile = join(place.dir, PUBLIC_KEY_FILE);
  if (!existsSync(publicFile) || readFileSync(publicFile, 'utf8') !== publicPem) writeFileAtomic(publicFile, publicPem);
  writeFileAtomic(file, `${JSON.stringify(checkpoint, null, 2)}\n`);
  return checkpoint;
}

export interface Tampering {
  seq: number;
  reason: string;
}

export interface AnchoringResult {
  checkpoints: number;
  lastCheckpoint: { seq: number; hash: string; at: string } | null;
  /** Entries after the last checkpoint: they verify against each other, nothing else vouches for them yet. */
  notYetAnchored: number;
  tampering: Tampering[];
  /** Where the public key came from: the key file, or the copy beside the checkpoints. */
  keySource: 'key-file' | 'checkpoint-directory' | 'none';
}

/**
 * Compares the stored chain with every checkpoint: the entry at each checkpoint's sequence
 * number must exist and carry the checkpointed hash, and each signature must verify.
 */
export function checkAgainstCheckpoints(client: Database.Database, place: CheckpointPlace, chain: { entries: number }): AnchoringResult {
  const { checkpoints, unreadable } = readCheckpoints(place.dir);
  const tampering: Tampering[] = unreadable.map((name) => ({ seq: Number(FILE.exec(name)?.[1] ?? 0), reason: `checkpoint file ${name} is unreadable` }));
  let publicKey: KeyObject | null = loadSigningKey(place.keyFile, false)?.publicKey ?? null;
  let keySource: AnchoringResult['keySource'] = publicKey ? 'key-file' : 'none';
  if (!publicKey && existsSync(join(place.dir, PUBLIC_KEY_FILE))) {
    publicKey = createPublicKey(readFileSync(join(place.dir, PUBLIC_KEY_FILE)));
    keySource = 'checkpoint-directory';
  }
  const head = headOf(client);
  const hashAt = client.prepare('SELECT hash FROM audit_log WHERE seq = ?');
  for (const c of checkpoints) {
    if (!publicKey || !verify(null, payloadBytes(c), publicKey, Buffer.from(c.signature, 'base64'))) {
      tampering.push({ seq: c.seq, reason: publicKey ? `the checkpoint at entry ${c.seq} has an invalid signature` : `no key to check the checkpoint at entry ${c.seq}` });
      continue;
    }
    const row = hashAt.get(c.seq) as { hash: string } | undefined;
    if (!row) {
      tampering.push({ seq: c.seq, reason: `truncated: entry ${c.seq} was checkpointed on ${c.at} but the trail now ends at ${head?.seq ?? 0}` });
    } else if (row.hash !== c.hash) {
      tampering.push({ seq: c.seq, reason: `rewritten: entry ${c.seq} no longer has the hash checkpointed on ${c.at}` });
    }
  }
  const last = checkpoints.at(-1);
  const headSeq = head?.seq ?? 0;
  return {
    checkpoints: checkpoints.length,
    lastCheckpoint: last ? { seq: last.seq, hash: last.hash, at: last.at } : null,
    notYetAnchored: Math.max(0, Math.max(headSeq, chain.entries) - (last?.seq ?? 0)),
    tampering,
    keySource,
  };
}

export interface AnchoredVerifyResult extends VerifyResult {
  anchoring: AnchoringResult;
}

/**
 * The whole verification: the chain walked entry by entry, then compared with every checkpoint.
 * A rewritten or truncated tail that the chain alone accepts is reported as the first break.
 */
export function verifyAnchoredChain(client: Database.Database, place: CheckpointPlace): AnchoredVerifyResult {
  const chain = verifyAuditChain(client);
  const anchoring = checkAgainstCheckpoints(client, place, chain);
  const first = anchoring.tampering[0];
  if (chain.ok && first) return { ...chain, ok: false, firstBroken: { seq: first.seq, reason: `tampering: ${first.reason}` }, anchoring };
  return { ...chain, anchoring };
}
