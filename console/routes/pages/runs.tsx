/** Runs pages: history with filters, drift, readiness; plan, approve (four eyes), apply. */
import type { Hono } from 'hono';
import { listRunsQuery } from '../../api/infra-schemas.js';
import type { AppEnv } from '../../http/types.js';
import { liveExceptions } from '../../services/exceptions/live.js';
import { listMinistries } from '../../services/ministries/list.js';
import { applyRun } from '../../services/runs/apply.js';
import { approveRun } from '../../services/runs/approve.js';
import { infraDepsOf } from '../../services/runs/desired-state.js';
import { checkStacksDrift } from '../../services/runs/drift.js';
import { listStackDrift } from '../../services/runs/drift-status.js';
import { getRun, listRuns } from '../../services/runs/list.js';
import { planRuns } from '../../services/runs/plan.js';
import { lastAppliedRun } from '../../services/runs/read-model.js';
import { applyReadiness } from '../../services/runs/readiness.js';
import { DEFAULT_PLAN_MAX_AGE_MS } from '../../services/runs/run-guards.js';
import { RunPage, RunsPage, type AttributeRow, type PolicyVerdictView, type RunDetail, type RunFilters } from '../../views/runs.js';
import { html, page, redirect, type Kit } from './kit.js';
import { ID } from './requests.js';

const STAFF = ['operator', 'auditor', 'admin'] as const;
const PAGE_SIZE = 25;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The stored plan preview, read defensively: it is JSON written by an earlier version too. */
export function planOf(plan: Record<string, unknown>) {
  const change = Array.isArray(plan['change'])
    ? plan['change'].flatMap((c: unknown) => {
        if (!isRecord(c)) return [];
        return typeof c['address'] === 'string' ? [{ address: c['address'], paths: strings(c['paths']) }] : [];
      })
    : [];
  const add = strings(plan['add']);
  const destroy = strings(plan['destroy']);
  return { add, change, destroy, summary: { add: add.length, change: change.length, destroy: destroy.length } };
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

function attributesOf(list: unknown): RunDetail['attributes'] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((r: unknown) => {
    if (!isRecord(r) || typeof r['address'] !== 'string' || !Array.isArray(r['attributes'])) return [];
    const attributes: AttributeRow[] = r['attributes'].flatMap((a: unknown) =>
      isRecord(a) && typeof a['path'] === 'string' ? [{ path: a['path'], before: text(a['before']), after: text(a['after']), sensitive: a['sensitive'] === true }] : [],
    );
    return [{ address: r['address'], attributes }];
  });
}

function verdictOf(v: Record<string, unknown> | null): PolicyVerdictView | null {
  if (!v || !Array.isArray(v['findings'])) return null;
  return {
    blocking: v['blocking'] === true,
    findings: v['findings'].flatMap((f: unknown) =>
      isRecord(f) && typeof f['ruleId'] === 'string'
        ? [{ ruleId: f['ruleId'], severity: text(f['severity']) ?? 'low', address: text(f['address']) ?? '', message: text(f['message']) ?? '', blocking: f['blocking'] === true, suppressedBy: text(f['suppressedBy']) }]
        : [],
    ),
  };
}

export function runsPages(app: Hono<AppEnv>, kit: Kit): void {
  const infra = () => infraDepsOf(kit.deps.config, kit.deps.infra);

  app.get(
    '/executions',
    page(kit, { roles: STAFF }, async (p) => {
      const q = p.c.req.query();
      const parsed = listRunsQuery.safeParse({ ...Object.fromEntries(Object.entries(q).filter(([k, v]) => ['stack', 'status', 'operator', 'from', 'to', 'offset'].includes(k) && v !== '')), limit: String(PAGE_SIZE) });
      const input = parsed.success ? parsed.data : listRunsQuery.parse({ limit: String(PAGE_SIZE) });
      const list = listRuns({ ctx: p.ctx, input });
      const runs = list.items.map((r) => ({ ...r, summary: planOf(r.plan).summary }));
      const drift = listStackDrift({ ctx: p.ctx }).items;
      const stacks = ['platform', ...listMinistries({ ctx: p.ctx }).items.map((m) => `ministry-${m.code.toLowerCase()}`)];
      const filters: RunFilters = { stack: input.stack ?? '', status: input.status ?? '', operator: input.operator ?? '', from: input.from ?? '', to: input.to ?? '' };
      const readiness = await applyReadiness({ ctx: p.ctx, deps: infra() });
      return html(
        p.c,
        <RunsPage
          ui={p.ui}
          runs={runs}
          total={list.total}
          limit={list.limit}
          offset={list.offset}
          filters={filters}
          stacks={stacks}
          drift={drift}
          readiness={readiness}
          canPlan={p.actor.role === 'operator'}
          driftIntervalMinutes={Math.round(kit.deps.config.driftIntervalMs / 60_000)}
        />,
      );
    }),
  );

  app.post(
    '/executions/planifier',
    page(kit, { roles: ['operator'] }, async (p) => {
      const result = await planRuns({ ctx: p.ctx, deps: infra(), exceptions: liveExceptions(kit.deps.db, kit.deps.clock.now()) });
      if (result.runs.length === 1) return redirect(p.c, `/executions/${result.runs[0]!.id}`, 'planned');
      return redirect(p.c, '/executions', result.runs.length === 0 ? 'planned-none' : 'planned');
    }),
  );

  app.post(
    '/executions/derive',
    page(kit, { roles: ['operator'] }, async (p) => {
      await checkStacksDrift({ ctx: p.ctx, deps: infra() });
      return redirect(p.c, '/executions', 'drift-checked');
    }),
  );

  app.get(
    `/executions/${ID}`,
    page(kit, { roles: STAFF }, async (p) => {
      const r = getRun({ ctx: p.ctx, input: { id: p.param('id') } });
      const deps = infra();
      const maxAgeMs = deps.planMaxAgeMs ?? DEFAULT_PLAN_MAX_AGE_MS;
      let blocked: RunDetail['blocked'] = null;
      if (r.status === 'planned') {
        if ((lastAppliedRun(kit.deps.db, r.stack)?.id ?? null) !== r.basedOnRunId) blocked = { kind: 'stale' };
        else if (kit.deps.clock.now().getTime() - Date.parse(r.createdAt) > maxAgeMs) blocked = { kind: 'too-old', hours: Math.round(maxAgeMs / 3_600_000) };
      }
      const plan = planOf(r.plan);
      // Terraform's own before → after (with its sensitivity marks) when it planned; the documents' otherwise.
      const fromTerraform = r.terraformPlan ? attributesOf(r.terraformPlan['attributes']) : [];
      const run: RunDetail = { ...r, ...plan, attributes: fromTerraform.length > 0 ? fromTerraform : attributesOf(r.plan['attributes']), policy: verdictOf(r.policy), blocked };
      const readiness = r.status === 'planned' && p.actor.role === 'operator' ? await applyReadiness({ ctx: p.ctx, deps }) : null;
      const plannedByMe = r.operator.toLowerCase() === p.actor.email.toLowerCase();
      return html(p.c, <RunPage ui={p.ui} run={run} isOperator={p.actor.role === 'operator'} plannedByMe={plannedByMe} readiness={readiness} />);
    }),
  );

  app.post(
    `/executions/${ID}/approuver`,
    page(kit, { roles: ['operator'] }, (p) => {
      const run = approveRun({ ctx: p.ctx, input: { id: p.param('id') }, deps: infra() });
      return redirect(p.c, `/executions/${run.id}`, 'approved');
    }),
  );

  app.post(
    `/executions/${ID}/appliquer`,
    page(kit, { roles: ['operator'] }, async (p) => {
      const result = await applyRun({ ctx: p.ctx, input: { id: p.param('id') }, deps: infra(), exceptions: liveExceptions(kit.deps.db, kit.deps.clock.now()) });
      return redirect(p.c, `/executions/${result.run.id}`, result.run.status === 'applied' ? 'applied' : 'apply-failed');
    }),
  );
}
