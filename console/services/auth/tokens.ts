import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { createTokenInput } from '../../api/schemas.js';
import { API_TOKEN_PREFIX, newApiToken, secretHash } from '../../auth/secrets.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { apiTokens } from '../../db/schema/index.js';
import { Forbidden, InvalidInput, NotFound, Unauthenticated } from '../../errors.js';
import { newId } from '../ids.js';
import { pageOf, wholeList, type Page } from '../paging.js';

function requireUser(ctx: ServiceContext): string {
  if (ctx.actor.userId === null) throw new Unauthenticated('sign in first');
  return ctx.actor.userId;
}

function scopesOf(text: string | null): string[] | null {
  return text === null ? null : (JSON.parse(text) as string[]);
}

function tokenView(t: typeof apiTokens.$inferSelect) {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt, scopes: scopesOf(t.scopes) };
}

/**
 * Issues a bearer token for the signed-in account; the secret is returned this once only.
 *
 * Only a person signed in (a browser session, or the command line run by the operator on the
 * server) creates tokens: a token minting tokens would let a leaked one outlive its own
 * revocation. Its lifetime is capped by the configuration, whatever the request asks.
 */
export function createApiToken({ ctx, input, defaultTtlDays, maxTtlDays }: { ctx: ServiceContext; input: z.output<typeof createTokenInput>; defaultTtlDays: number; maxTtlDays?: number }) {
  const userId = requireUser(ctx);
  if (ctx.actor.via === 'token') throw new Forbidden('API tokens are created from a signed-in session, not with another token');
  const max = maxTtlDays ?? defaultTtlDays;
  if (input.expiresInDays !== undefined && input.expiresInDays > max) {
    throw new InvalidInput([{ pointer: '/expiresInDays', field: 'expiresInDays', message: `at most ${max} days (DCOPS_API_TOKEN_MAX_DAYS)`, code: 'too_big' }]);
  }
  const days = Math.min(input.expiresInDays ?? defaultTtlDays, max);
  const token = newApiToken();
  const now = ctx.clock.now();
  const scopes = input.scopes === undefined ? null : [...new Set(input.scopes)].sort();
  const row = {
    id: newId(),
    userId,
    name: input.name,
    tokenHash: secretHash(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    revokedAt: null,
    scopes: scopes === null ? null : JSON.stringify(scopes),
  };
  writeTransaction(ctx, (tx, audit) => {
    tx.insert(apiTokens).values(row).run();
    audit({ action: 'api-token.create', entity: 'api-token', entityId: row.id, ministryId: ctx.actor.ministryId, after: { name: row.name, prefix: row.prefix, expiresAt: row.expiresAt, scopes } });
  });
  return { ...tokenView(row), token };
}

export function listApiTokens({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  const userId = requireUser(ctx);
  const rows = ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt)).all();
  return pageOf(rows.map(tokenView), input);
}

export function revokeApiToken({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const userId = requireUser(ctx);
  return writeTransaction(ctx, (tx, audit) => {
    const t = tx.select().from(apiTokens).where(eq(apiTokens.id, input.id)).get();
    // Another account's token is reported as missing, like any foreign object.
    if (!t || (t.userId !== userId && ctx.actor.role !== 'admin')) throw new NotFound('api token', input.id);
    const at = ctx.clock.now().toISOString();
    tx.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.id, t.id), isNull(apiTokens.revokedAt))).run();
    audit({ action: 'api-token.revoke', entity: 'api-token', entityId: t.id, ministryId: ctx.actor.ministryId, before: { revokedAt: t.revokedAt }, after: { revokedAt: t.revokedAt ?? at } });
    return tokenView({ ...t, revokedAt: t.revokedAt ?? at });
  });
}
