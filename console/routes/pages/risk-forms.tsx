/**
 * The register's forms: a new asset, an asset changed, a new risk, a risk changed, a risk's treatment. Each posts
 * to the same verb as the API, validated by the same schema; a refusal comes back as the form,
 * with what was typed and a message per field, and changes nothing.
 */
import type { Hono } from 'hono';
import { createAssetInput, createRiskInput, platformComponents, treatRiskInput, updateAssetInput, updateRiskInput } from '../../api/risk-schemas.js';
import { NotFound, type FieldError } from '../../errors.js';
import type { AppEnv } from '../../http/types.js';
import { allFrameworks } from '../../services/catalogs/framework-data.js';
import { createAsset } from '../../services/risks/create-asset.js';
import { createRisk } from '../../services/risks/create.js';
import { environmentChoices, ownerChoices } from '../../services/risks/form-choices.js';
import { getMatrix, getRisk, listAssets } from '../../services/risks/list.js';
import { treatRisk } from '../../services/risks/treat.js';
import { updateAsset } from '../../services/risks/update-asset.js';
import { updateRisk } from '../../services/risks/update.js';
import type { ControlChoice } from '../../views/cert.js';
import { AssetFormPage, RiskFormPage, TreatmentFormPage } from '../../views/risk-forms.js';
import type { FormState } from '../../views/ui.js';
import { formErrors, formState, html, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';
import { ID } from './requests.js';

const writers = { roles: ['operator', 'admin'] as const };
const FACILITY = ['room', 'power', 'cooling', 'network-link'];

const field = (p: PageCall, name: string) => (p.form[name] ?? '').trim();
/** A number typed in a form; nothing typed stays missing (« requis »), not zero. */
const num = (v: string) => (v === '' ? undefined : Number(v));

function owners(p: PageCall) {
  return ownerChoices({ ctx: p.ctx }).map((o) => ({ value: o.email, label: `${o.name} — ${o.email}` }));
}

type Outcome<T> = { ok: true; value: T } | { ok: false; response: Response | Promise<Response> };

/** Runs a verb; a refusal about the fields re-renders the form (422), anything else is the error page. */
function attempt<T>(p: PageCall, run: () => T, refused: (errors: Record<string, string>) => Response | Promise<Response>, rename?: (f: string) => string): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (err) {
    if (isFieldRefusal(err)) return { ok: false, response: refused(refusalErrors(err, p.i18n, rename)) };
    throw err;
  }
}

// --- Assets -----------------------------------------------------------------------------------

function assetForm(p: PageCall, form: FormState, assetId: string | null, status: 200 | 422 = 200) {
  const asset = assetId ? (listAssets({ ctx: p.ctx }).items.find((a) => a.id === assetId) ?? null) : null;
  if (assetId && !asset) throw new NotFound('risk_asset', assetId);
  const environments = environmentChoices({ ctx: p.ctx }).map((e) => ({ value: e.id, label: `${e.ministry} — ${e.environment} (${e.classification})` }));
  return html(p.c, <AssetFormPage ui={p.ui} form={form} asset={asset} environments={environments} components={platformComponents} owners={owners(p)} />, status);
}

function assetValues(p: PageCall) {
  return Object.fromEntries(['kind', 'code', 'name', 'description', 'ownerEmail', 'requestId', 'component', 'facilityRef'].map((k) => [k, field(p, k)]));
}

// --- Risks ------------------------------------------------------------------------------------

function riskForm(p: PageCall, form: FormState, status: 200 | 422 = 200, riskId?: string) {
  const risk = riskId ? getRisk({ ctx: p.ctx, input: { id: riskId } }) : undefined;
  const assets = risk ? [] : listAssets({ ctx: p.ctx }).items.map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }));
  return html(p.c, <RiskFormPage ui={p.ui} form={form} assets={assets} owners={owners(p)} matrix={getMatrix({ ctx: p.ctx })} risk={risk} />, status);
}

const RISK_FIELDS = ['title', 'threat', 'vulnerability', 'consequence', 'likelihood', 'impact', 'ownerEmail'];

function controlChoices(p: PageCall): ControlChoice[] {
  const en = p.i18n.locale === 'en';
  return allFrameworks(p.ctx.db).flatMap((f) => f.controls.map((c) => ({ id: `${f.id}:${c.id}`, title: en && c.titleEn ? c.titleEn : c.titleFr })));
}

function treatmentForm(p: PageCall, form: FormState | null, status: 200 | 422 = 200) {
  const risk = getRisk({ ctx: p.ctx, input: { id: p.param('id') } });
  const target = risk.targetResidual ?? risk.inherent;
  const values =
    form ??
    formState({
      treatment: risk.treatment ?? 'reduce',
      plan: risk.treatmentPlan ?? '',
      dueDate: risk.treatmentDueDate ?? '',
      residualLikelihood: String(target.likelihood),
      residualImpact: String(target.impact),
      controls: risk.controls.map((c) => `${c.frameworkId}:${c.controlId}`).join(', '),
    });
  return html(p.c, <TreatmentFormPage ui={p.ui} form={values} risk={risk} matrix={getMatrix({ ctx: p.ctx })} choices={controlChoices(p)} />, status);
}

/** « iso27001-2022:A.8.13, tia942-r3:TIA-MEC-01 » → control references, and the entries that are not one. */
function parseControls(text: string): { controls: { frameworkId: string; controlId: string }[]; bad: string[] } {
  const controls: { frameworkId: string; controlId: string }[] = [];
  const bad: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([a-z0-9][a-z0-9.-]*):(.+)$/.exec(token);
    if (m) controls.push({ frameworkId: m[1]!, controlId: m[2]! });
    else bad.push(token);
  }
  return { controls, bad };
}

/** Every error about one of the listed controls lands on the one field where they are typed. */
const controlsField = (f: string) => (f.startsWith('controls') ? 'controls' : f);

export function riskFormPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/risques/actifs/nouveau',
    page(kit, writers, (p) => assetForm(p, formState({ kind: p.c.req.query('kind') ?? 'room' }), null)),
  );
  app.post(
    '/risques/actifs/nouveau',
    page(kit, writers, (p) => {
      const v = assetValues(p);
      const common = { kind: v['kind'], code: v['code'], name: v['name'], description: v['description'], ownerEmail: v['ownerEmail'] };
      const data =
        v['kind'] === 'environment'
          ? { ...common, requestId: v['requestId'] }
          : v['kind'] === 'platform-component'
            ? { ...common, component: v['component'] }
            : { ...common, ...(v['facilityRef'] ? { facilityRef: v['facilityRef'] } : {}) };
      const parsed = validate(createAssetInput, data);
      if (!parsed.ok) return assetForm(p, formState(v, formErrors(parsed.errors, p.i18n)), null, 422);
      const done = attempt(p, () => createAsset({ ctx: p.ctx, input: parsed.data }), (errors) => assetForm(p, formState(v, errors), null, 422));
      if (!done.ok) return done.response;
      return redirect(p.c, '/risques/actifs', 'asset-created');
    }),
  );
  app.get(
    `/risques/actifs/${ID}/modifier`,
    page(kit, writers, (p) => {
      const a = listAssets({ ctx: p.ctx }).items.find((x) => x.id === p.param('id'));
      return assetForm(p, formState(a ? { name: a.name, description: a.description, ownerEmail: a.owner.email, facilityRef: a.facilityRef ?? '' } : {}), p.param('id'));
    }),
  );
  app.post(
    `/risques/actifs/${ID}/modifier`,
    page(kit, writers, (p) => {
      const v = assetValues(p);
      const a = listAssets({ ctx: p.ctx }).items.find((x) => x.id === p.param('id'));
      const facility = a !== undefined && FACILITY.includes(a.kind);
      const data = { version: Number(field(p, 'version') || 'x'), name: v['name'], description: v['description'], ownerEmail: v['ownerEmail'], ...(facility ? { facilityRef: v['facilityRef'] || null } : {}) };
      const parsed = validate(updateAssetInput, data);
      if (!parsed.ok) return assetForm(p, formState(v, formErrors(parsed.errors, p.i18n)), p.param('id'), 422);
      const done = attempt(p, () => updateAsset({ ctx: p.ctx, input: { ...parsed.data, id: p.param('id') } }), (errors) => assetForm(p, formState(v, errors), p.param('id'), 422));
      if (!done.ok) return done.response;
      return redirect(p.c, '/risques/actifs', 'asset-saved');
    }),
  );

  app.get(
    '/risques/nouveau',
    page(kit, writers, (p) => riskForm(p, formState({ assetId: p.c.req.query('actif') ?? '' }))),
  );
  app.post(
    '/risques/nouveau',
    page(kit, writers, (p) => {
      const v = Object.fromEntries(['title', 'assetId', 'threat', 'vulnerability', 'consequence', 'likelihood', 'impact', 'ownerEmail'].map((k) => [k, field(p, k)]));
      const data = { ...v, likelihood: num(v['likelihood']!), impact: num(v['impact']!) };
      const parsed = validate(createRiskInput, data);
      if (!parsed.ok) return riskForm(p, formState(v, formErrors(parsed.errors, p.i18n)), 422);
      const done = attempt(p, () => createRisk({ ctx: p.ctx, input: parsed.data }), (errors) => riskForm(p, formState(v, errors), 422));
      if (!done.ok) return done.response;
      return redirect(p.c, `/risques/${done.value.id}`, 'risk-created');
    }),
  );

  app.get(
    `/risques/${ID}/modifier`,
    page(kit, writers, (p) => {
      const r = getRisk({ ctx: p.ctx, input: { id: p.param('id') } });
      const values = { title: r.title, threat: r.threat, vulnerability: r.vulnerability, consequence: r.consequence, likelihood: String(r.inherent.likelihood), impact: String(r.inherent.impact), ownerEmail: r.owner.email };
      return riskForm(p, formState(values), 200, r.id);
    }),
  );
  app.post(
    `/risques/${ID}/modifier`,
    page(kit, writers, (p) => {
      const v = Object.fromEntries(RISK_FIELDS.map((k) => [k, field(p, k)]));
      const data = { ...v, version: Number(field(p, 'version') || 'x'), likelihood: num(v['likelihood']!), impact: num(v['impact']!) };
      const parsed = validate(updateRiskInput, data);
      if (!parsed.ok) return riskForm(p, formState(v, formErrors(parsed.errors, p.i18n)), 422, p.param('id'));
      const done = attempt(p, () => updateRisk({ ctx: p.ctx, input: { ...parsed.data, id: p.param('id') } }), (errors) => riskForm(p, formState(v, errors), 422, p.param('id')));
      if (!done.ok) return done.response;
      return redirect(p.c, `/risques/${p.param('id')}`, 'risk-saved');
    }),
  );

  app.get(
    `/risques/${ID}/traitement`,
    page(kit, writers, (p) => treatmentForm(p, null)),
  );
  app.post(
    `/risques/${ID}/traitement`,
    page(kit, writers, (p) => {
      const v = Object.fromEntries(['treatment', 'plan', 'dueDate', 'residualLikelihood', 'residualImpact', 'controls'].map((k) => [k, field(p, k)]));
      const { controls, bad } = parseControls(v['controls']!);
      const formatErrors: FieldError[] = bad.length > 0 ? [{ pointer: '/controls', field: 'controls', message: `write each control as framework:control (${bad.join(', ')})` }] : [];
      const data = {
        version: Number(field(p, 'version') || 'x'),
        treatment: v['treatment'],
        plan: v['plan'],
        ...(v['dueDate'] ? { dueDate: v['dueDate'] } : {}),
        residualLikelihood: num(v['residualLikelihood']!),
        residualImpact: num(v['residualImpact']!),
        controls,
      };
      const parsed = validate(treatRiskInput, data);
      if (!parsed.ok || formatErrors.length > 0) return treatmentForm(p, formState(v, formErrors([...formatErrors, ...(parsed.ok ? [] : parsed.errors)], p.i18n, controlsField)), 422);
      const done = attempt(p, () => treatRisk({ ctx: p.ctx, input: { ...parsed.data, id: p.param('id') } }), (errors) => treatmentForm(p, formState(v, errors), 422), controlsField);
      if (!done.ok) return done.response;
      return redirect(p.c, `/risques/${p.param('id')}`, 'risk-treated');
    }),
  );
}
