import { asc, eq } from 'drizzle-orm';
import type { ServiceContext, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { ministries, users } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { pageOf, wholeList, type Page } from '../paging.js';

export function userViews(db: Db | Tx, id?: string) {
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      ministry: ministries.code,
      disabled: users.disabled,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .leftJoin(ministries, eq(ministries.id, users.ministryId))
    .where(id === undefined ? undefined : eq(users.id, id))
    .orderBy(asc(users.email))
    .all();
  return rows;
}

export type UserView = ReturnType<typeof userViews>[number];

export function listUsers({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  requireRole(ctx.actor, 'admin', 'auditor');
  return pageOf(userViews(ctx.db), input);
}

export function getUser({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  if (ctx.actor.userId !== input.id) requireRole(ctx.actor, 'admin', 'auditor');
  const [u] = userViews(ctx.db, input.id);
  if (!u) throw new NotFound('user', input.id);
  return u;
}
