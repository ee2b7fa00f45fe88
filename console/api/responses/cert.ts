/** Responses of the work on findings (their history) and of the security-event log. */
import { z } from 'zod';
import { securityEventKinds } from '../../db/schema/security-events.js';
import { count, cursorListOf, instant, listOf, named, sha256Hex } from './registry.js';

export const findingHistoryEntry = named(
  'FindingHistoryEntry',
  z.object({
    seq: z.number().int().min(1).describe('The audit-trail entry'),
    at: instant,
    actor: z.string(),
    action: z.string(),
    status: z.string().nullable().describe('The finding’s status after the change'),
    comment: z.string().nullable(),
    check: z.string().nullable().describe('The console check that opened or closed a system finding'),
  }),
);
export const findingHistory = listOf('FindingHistoryEntryList', findingHistoryEntry, 'A page of the finding’s history, oldest first');

export const securityEvent = named(
  'SecurityEvent',
  z.object({
    seq: z.number().int().min(1),
    at: instant,
    kind: z.enum(securityEventKinds),
    actor: z.string().describe('An account’s email, or what was typed at sign-in'),
    address: z.string().nullable(),
    target: z.string().nullable().describe('What it concerned: a path, an evidence version, an export'),
    detail: z.unknown().describe('Details of the event (JSON), or null'),
    prevHash: sha256Hex,
    hash: sha256Hex,
  }),
);
export const securityEventList = cursorListOf('SecurityEventList', securityEvent, 'events', 'A page of the security-event log, newest first');
export const securityEventVerification = named(
  'SecurityEventVerification',
  z.object({
    ok: z.boolean(),
    entries: count,
    headHash: z.string(),
    firstSeq: z.number().int().nullable().describe('First event still kept: older ones were pruned after the retention period'),
    firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
    checkedAt: instant,
    durationMs: z.number().min(0),
  }),
);
