import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ministries } from './ministries.js';

export const roles = ['requester', 'operator', 'auditor', 'admin'] as const;

/**
 * Where a session stands with the second factor: `none` (not needed), `verified`, `pending` (the
 * password was right, the code is awaited) or `enrol` (the role needs MFA and the account has
 * none yet: only enrolment is open).
 */
export const mfaStates = ['none', 'verified', 'pending', 'enrol'] as const;
export type MfaState = (typeof mfaStates)[number];

/** What a token may do: read, write, scrape /metrics. No scopes at all: its owner's rights. */
export const tokenScopes = ['read', 'write', 'metrics'] as const;
export type TokenScope = (typeof tokenScopes)[number];
export type Role = (typeof roles)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    /** Set for requesters only: the ministry whose requests they own. */
    ministryId: text('ministry_id').references(() => ministries.id),
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    /** Failed sign-ins since the last successful one: shown to the owner at their next sign-in. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lastFailedSignInAt: text('last_failed_sign_in_at'),
    lastSignInAt: text('last_sign_in_at'),
    /** TOTP shared secret (base32) once enrolment started; MFA is on when mfaEnabledAt is set. */
    mfaSecret: text('mfa_secret'),
    mfaEnabledAt: text('mfa_enabled_at'),
    /** The time step (RFC 6238) of the last TOTP code accepted: a code of that step or an earlier one is refused, so a code works once. */
    mfaLastStep: integer('mfa_last_step'),
    /** sha256 digests of the unused recovery codes, as a JSON array. */
    mfaRecoveryCodes: text('mfa_recovery_codes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('users_ministry_idx').on(t.ministryId)],
);

/** Browser sessions; the cookie carries a random secret, the table only its sha256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** Last time the session was used, kept to the minute: the idle timeout counts from it. */
    lastSeenAt: text('last_seen_at'),
    mfaState: text('mfa_state', { enum: mfaStates }).notNull().default('none'),
    /** Failed sign-ins between the previous sign-in and this one, and when the previous one was. */
    priorFailedSignIns: integer('prior_failed_sign_ins').notNull().default(0),
    priorSignInAt: text('prior_sign_in_at'),
    userAgent: text('user_agent'),
    address: text('address'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Bearer tokens for scripts and pipelines; shown once, stored as sha256. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, so a person can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
    /** JSON array of TokenScope; null: the owner's rights. */
    scopes: text('scopes'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);
