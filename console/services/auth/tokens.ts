import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { createTokenInput } from '../../api/schemas.js';
import { API_TOKEN_PREFIX, newApiToken, secretHash } from '../../auth/secrets.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { apiTokens } from '../../db/schema/index.js';
import { NotFound, Unauthenticated } from '../../errors.js';
import { newId } from '../ids.js';
import { pageOf, wholeList, type Page } from '../paging.js';

function requireUser(ctx: ServiceContext): string {
  if (ctx.actor.userId === null) throw new Unauthenticated('sign in first');
  return ctx.actor.userId;
}

function tokenView(t: typeof apiTokens.$inferSelect) {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt };
}

/** Issues a bearer token for the signed-in account; the secret is returned this once only. */
export function createApiToken({ ctx, input, defaultTtlDays }: { ctx: ServiceContext; input: z.output<typeof createTokenInput>; defaultTtlDays: number }) {
  const userId = requireUser(ctx);
  const token = newApiToken();
  const now = ctx.clock.now();
  const days = input.expiresInDays ?? defaultTtlDays;
  const row = {
    id: newId(),
    userId,
    name: input.name,
    tokenHash: secretHash(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    revokedAt: null,
  };
  writeTransaction(ctx, (tx, audit) => {
    tx.insert(apiTokens).values(row).run();
    audit({ action: 'api-token.create', entity: 'api-token', entityId: row.id, ministryId: ctx.actor.ministryId, after: { name: row.name, prefix: row.prefix, expiresAt: row.expiresAt } });
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
