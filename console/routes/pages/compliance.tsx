/** Certification pages: frameworks, controls, one control (and its status), findings. */
import type { Hono } from 'hono';
import { controlStatusInput, listControlsQuery, listFindingsQuery, raiseFindingInput } from '../../api/compliance-schemas.js';
import type { AppEnv } from '../../http/types.js';
import { getFrameworkView, listFrameworksView } from '../../services/controls/frameworks.js';
import { getControlView } from '../../services/controls/get.js';
import { listControlsView } from '../../services/controls/list.js';
import { updateControlStatus } from '../../services/controls/update-status.js';
import { listFindings } from '../../services/findings/list.js';
import { raiseFinding } from '../../services/findings/raise.js';
import type { BarRow } from '../../views/charts.js';
import { ControlPage, ControlsPage, FindingsPage, FINDING_GRADES, FINDING_STATES, FrameworksPage, IMPLEMENTATION_STATES, localName, RaiseFindingPage, type ControlFilters } from '../../views/compliance.js';
import { exportLinks } from '../../views/home.js';
import type { FormState } from '../../views/ui.js';
import { readinessRows } from './home.js';
import { chosenFramework, controlChoices } from './control-choices.js';
import { formErrors, formState, html, intParam, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';

const FW = ':fw{[a-z0-9.-]{2,40}}';
const CONTROL = ':control{[A-Za-z0-9._-]{1,40}}';

function pick(value: string | undefined, allowed: readonly string[]): string {
  return value && allowed.includes(value) ? value : '';
}

function frameworkOptions(p: PageCall) {
  return listFrameworksView({ ctx: p.ctx }).items.map((f) => ({ value: f.id, label: localName(p.ui, f) }));
}

function controlPage(p: PageCall, form: FormState | null, status: 200 | 409 | 422 = 200) {
  const control = getControlView({ ctx: p.ctx, input: { frameworkId: p.param('fw'), controlId: p.param('control') } });
  const framework = getFrameworkView({ ctx: p.ctx, input: { id: control.frameworkId } });
  const s = control.status;
  const values = form ?? formState({ applicable: String(s.applicable), justification: s.justification, justificationReason: s.justificationReason ?? '', implementation: s.implementation, owner: s.owner ?? '' });
  const canEdit = p.actor.role === 'operator' || p.actor.role === 'admin';
  return html(p.c, <ControlPage ui={p.ui} control={control} form={values} canEdit={canEdit} frameworkName={localName(p.ui, framework)} />, status);
}

export function compliancePages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/referentiels',
    page(kit, {}, (p) => {
      const frameworks = listFrameworksView({ ctx: p.ctx }).items;
      const staff = p.actor.role !== 'requester';
      return html(p.c, <FrameworksPage ui={p.ui} frameworks={frameworks} readiness={readinessRows(p)} exports={staff ? exportLinks(p.ui) : null} />);
    }),
  );

  app.get(
    `/referentiels/${FW}`,
    page(kit, {}, (p) => {
      const framework = getFrameworkView({ ctx: p.ctx, input: { id: p.param('fw') } });
      const q = p.c.req.query();
      const filters: ControlFilters = {
        group: pick(q['group'], framework.groups.map((g) => g.id)),
        status: pick(q['status'], IMPLEMENTATION_STATES),
        applicable: pick(q['applicable'], ['true', 'false']),
        q: (q['q'] ?? '').trim().slice(0, 100),
      };
      const limit = 100;
      const offset = intParam(q['offset'], 0);
      const given = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
      const result = listControlsView({ ctx: p.ctx, input: listControlsQuery.parse({ ...given, framework: framework.id, limit: String(limit), offset: String(offset) }) });
      // Readiness per group, from every control of the framework (same formula as the framework's).
      const all = listControlsView({ ctx: p.ctx, input: listControlsQuery.parse({ framework: framework.id, limit: '200' }) }).items;
      const readiness: BarRow[] = framework.groups.map((g) => {
        const scored = all.filter((c) => c.group === g.id && c.score !== null);
        const ratio = scored.length === 0 ? 0 : scored.reduce((sum, c) => sum + (c.score ?? 0), 0) / scored.length;
        const implemented = scored.filter((c) => c.implementation === 'implemented').length;
        const evidence = scored.filter((c) => c.liveEvidence > 0).length;
        return { label: `${g.id} — ${localName(p.ui, g)}`, ratio, detail: p.i18n.t('readiness.rowDetail', { implemented, applicable: scored.length, evidence }), href: `/referentiels/${framework.id}?group=${encodeURIComponent(g.id)}` };
      });
      return html(p.c, <ControlsPage ui={p.ui} framework={framework} items={result.items} total={result.total} limit={limit} offset={offset} filters={filters} readiness={readiness} />);
    }),
  );

  app.get(
    `/referentiels/${FW}/${CONTROL}`,
    page(kit, {}, (p) => controlPage(p, null)),
  );

  app.post(
    `/referentiels/${FW}/${CONTROL}`,
    page(kit, { roles: ['operator', 'admin'] }, (p) => {
      const f = p.form;
      const values = { applicable: f['applicable'] ?? '', justification: f['justification'] ?? '', justificationReason: f['justificationReason'] ?? '', implementation: f['implementation'] ?? '', owner: f['owner'] ?? '', reviewed: f['reviewed'] ?? '' };
      const owner = values.owner.trim();
      const justification = values.justification.trim();
      const parsed = validate(controlStatusInput, {
        version: Number(f['version'] ?? 'x'),
        applicable: values.applicable === 'true' ? true : values.applicable === 'false' ? false : values.applicable,
        ...(justification ? { justification } : {}),
        ...(values.justificationReason && justification && values.applicable === 'true' ? { justificationReason: values.justificationReason } : {}),
        implementation: values.implementation,
        owner: owner === '' ? null : owner,
        reviewed: values.reviewed === 'on',
      });
      if (!parsed.ok) return controlPage(p, formState(values, formErrors(parsed.errors, p.i18n)), 422);
      try {
        updateControlStatus({ ctx: p.ctx, input: { ...parsed.data, frameworkId: p.param('fw'), controlId: p.param('control') } });
      } catch (err) {
        if (isFieldRefusal(err)) return controlPage(p, formState(values, refusalErrors(err, p.i18n)), 422);
        throw err;
      }
      return redirect(p.c, `/referentiels/${p.param('fw')}/${encodeURIComponent(p.param('control'))}`, 'saved');
    }),
  );

  app.get(
    '/constats',
    page(kit, { roles: ['operator', 'auditor', 'admin'] }, (p) => {
      const q = p.c.req.query();
      const frameworks = frameworkOptions(p);
      const filters: Record<string, string> = {
        status: pick(q['status'], FINDING_STATES),
        grade: pick(q['grade'], FINDING_GRADES),
        framework: pick(q['framework'], frameworks.map((f) => f.value)),
        overdue: pick(q['overdue'], ['true', 'false']),
      };
      const limit = 50;
      const offset = intParam(q['offset'], 0);
      const given = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
      const result = listFindings({ ctx: p.ctx, input: listFindingsQuery.parse({ ...given, limit: String(limit), offset: String(offset) }) });
      return html(p.c, <FindingsPage ui={p.ui} items={result.items} total={result.total} limit={limit} offset={offset} filters={filters} frameworks={frameworks} canRaise={p.actor.role === 'auditor'} />);
    }),
  );

  const raisePage = (p: PageCall, form: FormState, status: 200 | 422 = 200) =>
    html(p.c, <RaiseFindingPage ui={p.ui} form={form} frameworks={frameworkOptions(p)} choices={controlChoices(p.ui)} />, status);

  app.get(
    '/constats/nouveau',
    // `?framework=` opens the form on that framework's controls, `&controls=` with those picked
    // (the link on a control's page).
    page(kit, { roles: ['auditor'] }, (p) =>
      raisePage(p, formState({ grade: 'minor', framework: chosenFramework(p.c.req.query('framework')), controls: (p.c.req.query('controls') ?? '').slice(0, 400) })),
    ),
  );

  app.post(
    '/constats/nouveau',
    page(kit, { roles: ['auditor'] }, (p) => {
      const f = p.form;
      const values = { title: f['title'] ?? '', description: f['description'] ?? '', grade: f['grade'] ?? '', framework: f['framework'] ?? '', controls: f['controls'] ?? '', owner: f['owner'] ?? '', dueDate: f['dueDate'] ?? '' };
      // Without script, choosing another framework sends the form back for its list: nothing is saved.
      if (f['refresh'] === 'controls') return raisePage(p, formState({ ...values, framework: chosenFramework(values.framework) }));
      const ids = values.controls.split(/[\s,;]+/).filter(Boolean);
      const data = {
        title: values.title,
        description: values.description,
        grade: values.grade,
        controls: ids.map((controlId) => ({ frameworkId: values.framework, controlId })),
        ...(values.owner.trim() ? { owner: values.owner } : {}),
        ...(values.dueDate.trim() ? { dueDate: values.dueDate.trim() } : {}),
      };
      // Every per-control error lands on the one field where the ids are typed.
      const rename = (field: string) => (field.startsWith('controls') ? (field.endsWith('frameworkId') ? 'framework' : 'controls') : field);
      const parsed = validate(raiseFindingInput, data);
      if (!parsed.ok) return raisePage(p, formState(values, formErrors(parsed.errors, p.i18n, rename)), 422);
      let created;
      try {
        created = raiseFinding({ ctx: p.ctx, input: parsed.data });
      } catch (err) {
        if (isFieldRefusal(err)) return raisePage(p, formState(values, refusalErrors(err, p.i18n, rename)), 422);
        throw err;
      }
      return redirect(p.c, `/constats/${created.id}`, 'created');
    }),
  );

}
