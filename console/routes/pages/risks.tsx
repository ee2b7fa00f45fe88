/** Risk register pages: the register, heat map, treatment plan, assets, one risk and its acceptance. */
import type { Hono } from 'hono';
import { acceptRiskInput } from '../../api/risk-schemas.js';
import type { AppEnv } from '../../http/types.js';
import { acceptRisk } from '../../services/risks/accept.js';
import { getRisk, getRiskMetrics, listAssets, listRisks } from '../../services/risks/list.js';
import { AssetsPage, HeatMapPage, PlanPage, RiskPage, RisksPage } from '../../views/risks.js';
import type { FormState } from '../../views/ui.js';
import { formErrors, formState, html, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';
import { ID } from './requests.js';
import { wholeList } from '../../services/paging.js';

const readers = { roles: ['operator', 'auditor', 'admin'] as const };

function riskPage(p: PageCall, form: FormState | null, status: 200 | 422 = 200) {
  const risk = getRisk({ ctx: p.ctx, input: { id: p.param('id') } });
  const canAccept = risk.treatment !== null && risk.state !== 'accepted' && p.actor.userId === risk.owner.id && p.actor.userId !== risk.author.id;
  return html(p.c, <RiskPage ui={p.ui} risk={risk} form={form ?? formState({})} canAccept={canAccept} />, status);
}

export function riskPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/risques',
    page(kit, readers, (p) => html(p.c, <RisksPage ui={p.ui} items={listRisks({ ctx: p.ctx, input: { ...wholeList } }).items} metrics={getRiskMetrics({ ctx: p.ctx })} />)),
  );
  app.get(
    '/risques/carte',
    page(kit, readers, (p) => html(p.c, <HeatMapPage ui={p.ui} metrics={getRiskMetrics({ ctx: p.ctx })} />)),
  );
  app.get(
    '/risques/plan',
    page(kit, readers, (p) => html(p.c, <PlanPage ui={p.ui} items={listRisks({ ctx: p.ctx, input: { ...wholeList } }).items} />)),
  );
  app.get(
    '/risques/actifs',
    page(kit, readers, (p) => html(p.c, <AssetsPage ui={p.ui} items={listAssets({ ctx: p.ctx }).items} />)),
  );
  app.get(
    `/risques/${ID}`,
    page(kit, readers, (p) => riskPage(p, null)),
  );
  app.post(
    `/risques/${ID}/accepter`,
    page(kit, readers, (p) => {
      const values = { expiresOn: (p.form['expiresOn'] ?? '').trim(), comment: (p.form['comment'] ?? '').trim() };
      const parsed = validate(acceptRiskInput, { version: Number(p.form['version'] ?? 'x'), ...values });
      if (!parsed.ok) return riskPage(p, formState(values, formErrors(parsed.errors, p.i18n)), 422);
      try {
        acceptRisk({ ctx: p.ctx, input: { ...parsed.data, id: p.param('id') } });
      } catch (err) {
        if (isFieldRefusal(err)) return riskPage(p, formState(values, refusalErrors(err, p.i18n)), 422);
        throw err;
      }
      return redirect(p.c, `/risques/${p.param('id')}`, 'risk-accepted');
    }),
  );
}
