/** Facility pages: overview and model editing, what-if, N-1 sweep. */
import type { Hono } from 'hono';
import { zodFieldErrors } from '../../api/validation.js';
import type { AppEnv } from '../../http/types.js';
import { componentFromRecord, facilityFromCsv } from '../../services/dcim/csv.js';
import { importFacility } from '../../services/dcim/import.js';
import { listComponents } from '../../services/dcim/list.js';
import { wholeList } from '../../services/paging.js';
import { facilityOverview } from '../../services/dcim/overview.js';
import { deleteComponent, saveComponent } from '../../services/dcim/save-component.js';
import { lastSweep, runSweep } from '../../services/dcim/sweep.js';
import { whatIfComponent } from '../../services/dcim/what-if.js';
import { ComponentPage, componentFields, componentFormValues, FacilityPage, SweepPage, WhatIfPage } from '../../views/dcim.js';
import { NotFound } from '../../errors.js';
import { formErrors, formState, html, isFieldRefusal, page, redirect, refusalErrors, type Kit, type PageCall } from './kit.js';

const STAFF = ['operator', 'auditor', 'admin'] as const;
const EDITORS = ['operator', 'admin'] as const;
const canEdit = (p: PageCall) => p.actor.role === 'operator' || p.actor.role === 'admin';

function facilityPage(p: PageCall, importForm = formState({}), status: 200 | 422 = 200) {
  return html(p.c, <FacilityPage ui={p.ui} overview={facilityOverview({ ctx: p.ctx })} components={listComponents({ ctx: p.ctx, input: wholeList }).items} canEdit={canEdit(p)} importForm={importForm} />, status);
}

function saveFromForm(p: PageCall, id: string | null) {
  const values: Record<string, string> = {};
  for (const k of componentFields) values[k] = p.form[k] ?? '';
  if (id) values.id = id;
  const parsed = componentFromRecord(values);
  if (!parsed.success) return html(p.c, <ComponentPage ui={p.ui} id={id} form={formState(values, formErrors(zodFieldErrors(parsed.error), p.i18n))} />, 422);
  try {
    saveComponent({ ctx: p.ctx, input: parsed.data });
  } catch (err) {
    if (isFieldRefusal(err)) return html(p.c, <ComponentPage ui={p.ui} id={id} form={formState(values, refusalErrors(err, p.i18n))} />, 422);
    throw err;
  }
  return redirect(p.c, '/installation', 'saved');
}

export function dcimPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get('/installation', page(kit, { roles: STAFF }, (p) => facilityPage(p)));

  app.post(
    '/installation/import',
    page(kit, { roles: EDITORS }, (p) => {
      const values = { csv: p.form.csv ?? '' };
      try {
        importFacility({ ctx: p.ctx, input: { facility: facilityFromCsv(values.csv), format: 'csv' } });
      } catch (err) {
        if (isFieldRefusal(err)) {
          const errors = refusalErrors(err, p.i18n);
          return facilityPage(p, formState(values, { csv: Object.entries(errors).map(([k, v]) => (k ? `${k} : ${v}` : v)).join(' · ') }), 422);
        }
        throw err;
      }
      return redirect(p.c, '/installation', 'saved');
    }),
  );

  app.get('/installation/composants/nouveau', page(kit, { roles: EDITORS }, (p) => html(p.c, <ComponentPage ui={p.ui} id={null} form={formState({ kind: 'rack' })} />)));
  app.post('/installation/composants/nouveau', page(kit, { roles: EDITORS }, (p) => saveFromForm(p, null)));
  app.get(
    '/installation/composants/:id{[A-Za-z0-9._-]{1,64}}',
    page(kit, { roles: EDITORS }, (p) => {
      const c = listComponents({ ctx: p.ctx, input: wholeList }).items.find((x) => x.id === p.param('id'));
      if (!c) throw new NotFound('component', p.param('id'));
      return html(p.c, <ComponentPage ui={p.ui} id={c.id} form={formState(componentFormValues(c))} />);
    }),
  );
  app.post('/installation/composants/:id{[A-Za-z0-9._-]{1,64}}', page(kit, { roles: EDITORS }, (p) => saveFromForm(p, p.param('id'))));
  app.post(
    '/installation/composants/:id{[A-Za-z0-9._-]{1,64}}/suppression',
    page(kit, { roles: EDITORS }, (p) => {
      const id = p.param('id');
      const c = listComponents({ ctx: p.ctx, input: wholeList }).items.find((x) => x.id === id);
      if (!c) throw new NotFound('component', id);
      const refused = (errors: Record<string, string>) =>
        html(p.c, <ComponentPage ui={p.ui} id={id} form={formState(componentFormValues(c))} deleteForm={formState({ confirm: p.form.confirm ?? '' }, errors)} />, 422);
      if (p.form.confirm !== 'on') return refused({ confirm: p.i18n.t('err.confirm') });
      try {
        deleteComponent({ ctx: p.ctx, input: { id } });
      } catch (err) {
        // What still refers to it is named in the confirmation's place: that is what stops the deletion.
        if (isFieldRefusal(err)) return refused({ confirm: Object.values(refusalErrors(err, p.i18n)).join(' ') });
        throw err;
      }
      return redirect(p.c, '/installation', 'component-deleted');
    }),
  );

  app.get(
    '/installation/simulation',
    page(kit, { roles: STAFF }, (p) => {
      const components = listComponents({ ctx: p.ctx, input: wholeList }).items;
      const selected = p.c.req.query('composant') ?? '';
      if (selected === '') return html(p.c, <WhatIfPage ui={p.ui} components={components} selected="" result={null} form={formState({})} />);
      try {
        return html(p.c, <WhatIfPage ui={p.ui} components={components} selected={selected} result={whatIfComponent({ ctx: p.ctx, input: { id: selected } })} form={formState({})} />);
      } catch (err) {
        if (isFieldRefusal(err)) return html(p.c, <WhatIfPage ui={p.ui} components={components} selected={selected} result={null} form={formState({}, { composant: refusalErrors(err, p.i18n).id ?? '' })} />, 422);
        throw err;
      }
    }),
  );

  app.get('/installation/balayage', page(kit, { roles: STAFF }, (p) => html(p.c, <SweepPage ui={p.ui} sweep={lastSweep({ ctx: p.ctx })} canRun={canEdit(p)} />)));
  app.post(
    '/installation/balayage',
    page(kit, { roles: EDITORS }, (p) => {
      runSweep({ ctx: p.ctx, input: { trigger: 'console' } });
      return redirect(p.c, '/installation/balayage', 'saved');
    }),
  );
}
