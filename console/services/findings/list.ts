import { and, desc, eq, exists, gte, inArray, isNotNull, isNull, lt, ne, not, or, sql, type SQL } from 'drizzle-orm';
import type { ListFindingsQuery } from '../../api/compliance-schemas.js';
import type { ServiceContext } from '../../context.js';
import { correctiveActions, findingControls, findings } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { findingView, findingViews, loadFinding, todayOf } from './read-model.js';

/** Findings, newest first, filtered and paged. */
export function listFindings({ ctx, input }: { ctx: ServiceContext; input: ListFindingsQuery }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const today = todayOf(ctx.clock.now());
  const filters: (SQL | undefined)[] = [];
  if (input.status) filters.push(eq(findings.status, input.status));
  if (input.grade) filters.push(eq(findings.grade, input.grade));
  if (input.framework) {
    filters.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(findingControls)
          .where(and(eq(findingControls.findingId, findings.id), eq(findingControls.frameworkId, input.framework))),
      ),
    );
  }
  if (input.origin) filters.push(eq(findings.origin, input.origin));
  const lateAction = exists(
    ctx.db
      .select({ one: sql`1` })
      .from(correctiveActions)
      .where(and(eq(correctiveActions.findingId, findings.id), inArray(correctiveActions.status, ['planned', 'in_progress']), lt(correctiveActions.dueDate, today))),
  );
  const overdue = and(ne(findings.status, 'closed'), or(and(isNotNull(findings.dueDate), lt(findings.dueDate, today)), lateAction));
  if (input.overdue === true) filters.push(overdue);
  if (input.overdue === false) filters.push(or(eq(findings.status, 'closed'), and(or(isNull(findings.dueDate), gte(findings.dueDate, today)), not(lateAction))));
  const where = and(...filters);
  const total = ctx.db.select({ n: sql<number>`count(*)` }).from(findings).where(where).get()?.n ?? 0;
  const rows = ctx.db
    .select()
    .from(findings)
    .where(where)
    .orderBy(desc(findings.raisedAt), desc(findings.reference))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return { items: findingViews(ctx.db, rows, today), total, limit: input.limit, offset: input.offset };
}

export function getFinding({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  return findingView(ctx.db, loadFinding(ctx.db, input.id), todayOf(ctx.clock.now()));
}
