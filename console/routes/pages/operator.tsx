/** Operator pages: approval queue, tenancy, policy findings and exceptions (runs: pages/runs.tsx). */
import type { Hono } from 'hono';
import { allRules } from '../../../compliance/index.js';
import { listExceptionsQuery, requestExceptionInput } from '../../api/compliance-schemas.js';
import { Conflict, NotFound } from '../../errors.js';
import type { AppEnv } from '../../http/types.js';
import { decideException } from '../../services/exceptions/decide.js';
import { listExceptions } from '../../services/exceptions/list.js';
import { requestException } from '../../services/exceptions/request.js';
import { revokeException } from '../../services/exceptions/revoke.js';
import { listHosts } from '../../services/hosts/list.js';
import { listMinistries } from '../../services/ministries/list.js';
import { checkPolicy } from '../../services/policy/check.js';
import { getPolicyRun } from '../../services/policy/list.js';
import { infraDepsOf } from '../../services/runs/desired-state.js';
import { getTenancySpec } from '../../services/tenancy/build-spec.js';
import { PolicyPage, TenancyPage, type PolicyRunView, type TenancyHost, type TenancyMinistry } from '../../views/operator.js';
import type { FormState } from '../../views/ui.js';
import { siteState } from './capacity.js';
import type { ServiceContext } from '../../context.js';
import { QUEUE_SORTS, queueRows, sortRows, type QueueSort } from './queue-model.js';
import { keptApprovalQueue } from '../../services/hosting-requests/queue.js';
import { QueuePage, VERDICTS, type QueueFilters } from '../../views/queue.js';
import { formErrors, formState, html, intParam, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';
import { ID } from './requests.js';

const STAFF = ['operator', 'auditor', 'admin'] as const;
const QUEUE_PAGE = 50;

function policyPage(p: PageCall, form: FormState, status: 200 | 409 | 422 = 200) {
  let run: PolicyRunView | null = null;
  try {
    const latest = getPolicyRun({ ctx: p.ctx, input: { id: 'latest', filter: {} } });
    const byStatus = (latest.totals['byStatus'] ?? {}) as Partial<PolicyRunView['byStatus']>;
    run = {
      ...latest,
      byStatus: { compliant: byStatus.compliant ?? 0, non_compliant: byStatus.non_compliant ?? 0, not_applicable: byStatus.not_applicable ?? 0, suppressed: byStatus.suppressed ?? 0 },
    };
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
  }
  const exceptions = listExceptions({ ctx: p.ctx, input: listExceptionsQuery.parse({ limit: '200' }) }).items;
  const canAct = p.actor.role === 'operator' || p.actor.role === 'admin';
  const rules = allRules.map((r) => ({ value: r.id, label: `${r.id} — ${p.i18n.local(r.title, r.titleEn)}` }));
  return html(p.c, <PolicyPage ui={p.ui} run={run} shown={Math.min(run?.results.length ?? 0, 300)} exceptions={exceptions} canAct={canAct} form={form} rules={rules} />, status);
}

/** The queue's model: quota, combined quota and a placement dry run for every pending request. */
function queueModel(ctx: ServiceContext) {
  return keptApprovalQueue(ctx, (entries) => {
    const site = siteState(ctx);
    return { site, ...queueRows(entries, site) };
  });
}

export function operatorPages(app: Hono<AppEnv>, kit: Kit): void {
  const infra = () => infraDepsOf(kit.deps.config, kit.deps.infra);

  app.get(
    '/approbations',
    page(kit, { roles: ['operator'] }, (p) => {
      const q = p.c.req.query();
      const { site, rows, ministries } = queueModel(p.ctx);
      const filters: QueueFilters = {
        ministry: site.ministries.has(q['ministere'] ?? '') ? q['ministere']! : '',
        availability: q['disponibilite'] === 'standard' || q['disponibilite'] === 'high' ? q['disponibilite'] : '',
        verdict: (VERDICTS as readonly string[]).includes(q['verdict'] ?? '') ? q['verdict']! : '',
        sort: (QUEUE_SORTS as readonly string[]).includes(q['tri'] ?? '') ? (q['tri'] as QueueSort) : 'age',
        order: q['ordre'] === 'desc' ? 'desc' : 'asc',
      };
      const shown = sortRows(
        rows.filter((r) => (!filters.ministry || r.ministry.code === filters.ministry) && (!filters.availability || r.availability === filters.availability) && (!filters.verdict || r.verdict === filters.verdict)),
        filters.sort,
        filters.order === 'desc',
      );
      const ministryOptions = [...site.ministries.values()].map((m) => ({ value: m.code, label: `${m.code} — ${m.name}` }));
      // A busy day has hundreds: the table shows a page of them, the summary above counts them all.
      const offset = Math.min(intParam(q['offset'], 0), Math.max(0, shown.length - 1));
      return html(
        p.c,
        <QueuePage
          ui={p.ui}
          rows={shown.slice(offset, offset + QUEUE_PAGE)}
          matching={shown.length}
          offset={offset}
          limit={QUEUE_PAGE}
          total={rows.length}
          ministries={ministries}
          filters={filters}
          ministryOptions={ministryOptions}
          now={p.ctx.clock.now()}
        />,
      );
    }),
  );

  app.get(
    '/hebergement',
    page(kit, { roles: STAFF }, (p) => {
      const quotas = listMinistries({ ctx: p.ctx }).items;
      const hostViews = listHosts({ ctx: p.ctx }).items;
      let spec: ReturnType<typeof getTenancySpec> | null = null;
      try {
        spec = getTenancySpec({ ctx: p.ctx });
      } catch (err) {
        if (!(err instanceof Conflict)) throw err;
      }
      const envsOf = new Map((spec?.spec.ministries ?? []).map((m) => [m.code, m.environments]));
      const ministries: TenancyMinistry[] = quotas.map((m) => ({
        code: m.code,
        name: m.name,
        quotas: m.quotas,
        allocated: m.allocated,
        environments: (envsOf.get(m.code) ?? []).map((e) => ({
          requestId: e.requestId,
          name: e.name,
          state: e.state,
          availability: e.availability,
          classification: e.classification,
          services: e.services.map((s) => ({ name: s.name, replicas: s.replicas })),
        })),
      }));
      const replicas = new Map<string, string[]>();
      for (const m of spec?.spec.ministries ?? []) {
        for (const e of m.environments) {
          for (const pl of e.placements) {
            const list = replicas.get(pl.host) ?? [];
            list.push(`${m.code}/${e.name}/${pl.service} #${pl.replica + 1}`);
            replicas.set(pl.host, list);
          }
        }
      }
      const hosts: TenancyHost[] = hostViews.map((h) => ({ ...h, replicas: replicas.get(h.name) ?? [] }));
      return html(p.c, <TenancyPage ui={p.ui} ministries={ministries} hosts={hosts} specSha256={spec?.sha256 ?? null} />);
    }),
  );

  app.get(
    '/politique',
    page(kit, { roles: STAFF }, (p) => policyPage(p, formState({}))),
  );

  app.post(
    '/politique/controler',
    page(kit, { roles: ['operator'] }, (p) => {
      checkPolicy({ ctx: p.ctx, deps: infra() });
      return redirect(p.c, '/politique', 'checked');
    }),
  );

  app.post(
    '/politique/exceptions',
    page(kit, { roles: ['operator', 'admin'] }, (p) => {
      const values = { ruleId: p.form['ruleId'] ?? '', resource: p.form['resource'] ?? '', reason: p.form['reason'] ?? '', expiresAt: p.form['expiresAt'] ?? '' };
      // A date means the end of that day, Benin time.
      const expiresAt = /^\d{4}-\d{2}-\d{2}$/.test(values.expiresAt.trim()) ? `${values.expiresAt.trim()}T23:59:59+01:00` : values.expiresAt;
      const parsed = validate(requestExceptionInput, { ...values, expiresAt });
      if (!parsed.ok) return policyPage(p, formState(values, formErrors(parsed.errors, p.i18n)), 422);
      try {
        requestException({ ctx: p.ctx, input: parsed.data });
      } catch (err) {
        if (isFieldRefusal(err)) return policyPage(p, formState(values, refusalErrors(err, p.i18n)), 422);
        throw err;
      }
      return redirect(p.c, '/politique', 'exception-requested');
    }),
  );

  app.post(
    `/politique/exceptions/${ID}/:action{approve|reject|revoke}`,
    page(kit, { roles: ['operator', 'admin'] }, (p) => {
      const id = p.param('id');
      const action = p.param('action');
      const comment = (p.form['comment'] ?? '').trim().slice(0, 2000);
      const input = { id, ...(comment ? { comment } : {}) };
      if (action === 'revoke') revokeException({ ctx: p.ctx, input });
      else decideException({ ctx: p.ctx, input: { ...input, decision: action === 'approve' ? 'approve' : 'reject' } });
      return redirect(p.c, '/politique', `exception-${action}`);
    }),
  );
}
