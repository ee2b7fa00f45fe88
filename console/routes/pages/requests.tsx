/** Hosting request pages: list, new request, edit, one request and its transitions. */
import type { Hono } from 'hono';
import { createRequestInput, draftRequestInput, listRequestsQuery, transitionActions, transitionInput, type DraftRequestInput, type TransitionAction } from '../../api/schemas.js';
import { CapacityExceeded, InvalidInput, QuotaExceeded, type FieldError, type Shortfall } from '../../errors.js';
import { amount } from '../../views/errors.js';
import type { AppEnv } from '../../http/types.js';
import { createHostingRequest } from '../../services/hosting-requests/create.js';
import { getHostingRequest } from '../../services/hosting-requests/get.js';
import { getObtainedEnvironment } from '../../services/hosting-requests/obtained.js';
import { listHostingRequests } from '../../services/hosting-requests/list.js';
import { transitionRequest } from '../../services/hosting-requests/transition.js';
import { saveIncompleteDraft } from '../../services/hosting-requests/save-incomplete-draft.js';
import { updateDraftRequest } from '../../services/hosting-requests/update-draft.js';
import { listMinistries } from '../../services/ministries/list.js';
import { DecommissionPage } from '../../views/decommission.js';
import { quotaOverrun, RequestDetailPage, RequestFormPage, RequestsListPage, type MinistryQuota, type RequestFilters, type TimelineEntry } from '../../views/requests.js';
import type { FormState } from '../../views/ui.js';
import { capacityImpact, siteState } from './capacity.js';
import { formErrors, formState, html, intParam, isFieldRefusal, page, redirect, refusalErrors, safeLocalPath, validate, type Kit, type PageCall } from './kit.js';
import { blankRequestValues, draftOf, emptyRow, isMissing, nextRow, removeRow, requestInputOf, rowsOf, SPARE_ROWS, valuesFromDraft, valuesFromRequest } from './request-form.js';

export const ID = ':id{[0-9a-fA-F-]{8,64}}';
const EDITABLE = new Set(['draft', 'changes_requested']);

function ownMinistry(p: PageCall): MinistryQuota | null {
  const m = listMinistries({ ctx: p.ctx }).items.find((x) => x.id === p.actor.ministryId);
  return m ? { code: m.code, name: m.name, quotas: m.quotas, allocated: m.allocated } : null;
}

/** The request form's errors; "at least one item" on the service list says what is missing in words. */
function requestErrors(errors: FieldError[], p: PageCall, rename: (field: string) => string): Record<string, string> {
  const out = formErrors(errors, p.i18n, rename);
  if (errors.some((e) => e.field === 'services' && /^Too small: expected array/.test(e.message))) out['services'] = p.i18n.t('err.oneService');
  // Bounds of the API are in MiB; the form speaks Gio.
  for (const field of Object.keys(out)) if (/^services\.\d+\.memoryMb$/.test(field)) out[field] = p.i18n.t('err.memoryGb');
  return out;
}

/**
 * A draft saved with fields left empty: when all the full validation lacks is what was not
 * typed, the draft is kept as typed (its present fields still checked); otherwise the refusal
 * stands (a wrong value, or a rule between complete fields).
 */
function incompleteDraft(data: Record<string, unknown>, errors: FieldError[]): { draft: DraftRequestInput } | { errors: FieldError[] } {
  if (!errors.some((e) => isMissing(data, e.field))) return { errors };
  const partial = validate(draftRequestInput, draftOf(data));
  return partial.ok ? { draft: partial.data } : { errors: partial.errors };
}

function resourceName(p: PageCall, resource: string): string {
  const keys = { vcpu: 'resource.vcpu', memoryMb: 'resource.memoryMb', storageGb: 'resource.storageGb', environments: 'resource.environments' } as const;
  return resource in keys ? p.i18n.t(keys[resource as keyof typeof keys]) : resource;
}

function pick(value: string | undefined, allowed: readonly string[]): string {
  return value && allowed.includes(value) ? value : '';
}

function detailPage(p: PageCall, id: string, form: FormState, status: 200 | 409 | 422 = 200) {
  const request = getHostingRequest({ ctx: p.ctx, input: { id } });
  const impact = p.actor.role === 'operator' && request.state === 'submitted' ? capacityImpact(siteState(p.ctx), request) : null;
  const canEdit = p.actor.role === 'requester' && EDITABLE.has(request.state);
  const obtained = getObtainedEnvironment({ ctx: p.ctx, input: { id } });
  return html(p.c, <RequestDetailPage ui={p.ui} request={request} form={form} impact={impact} canEdit={canEdit} obtained={obtained} />, status);
}

export function requestPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/demandes',
    page(kit, {}, (p) => {
      const q = p.c.req.query();
      const states = listRequestsQuery.shape.state.unwrap().options;
      const classifications = listRequestsQuery.shape.classification.unwrap().options;
      const exposures = listRequestsQuery.shape.exposure.unwrap().options;
      const filters: RequestFilters = {
        state: pick(q['state'], states),
        classification: pick(q['classification'], classifications),
        exposure: pick(q['exposure'], exposures),
        ministry: p.actor.role === 'requester' ? '' : /^[A-Z][A-Z0-9]{1,11}$/.test(q['ministry'] ?? '') ? q['ministry']! : '',
        q: (q['q'] ?? '').trim().slice(0, 100),
      };
      const limit = 50;
      const offset = intParam(q['offset'], 0);
      const input = listRequestsQuery.parse({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')), limit: String(limit), offset: String(offset) });
      const result = listHostingRequests({ ctx: p.ctx, input });
      const ministries = p.actor.role === 'requester' ? null : listMinistries({ ctx: p.ctx }).items.map((m) => ({ value: m.code, label: `${m.code} — ${m.name}` }));
      return html(p.c, <RequestsListPage ui={p.ui} items={result.items} total={result.total} limit={limit} offset={offset} filters={filters} ministries={ministries} />);
    }),
  );

  type Editing = { id: string; reference: string; version: number; comment?: TimelineEntry | undefined };
  const showForm = (p: PageCall, values: Record<string, string>, errors: Record<string, string>, editing: Editing | null, status: 200 | 409 | 422 = 200) => {
    const rows = rowsOf(values);
    return html(
      p.c,
      <RequestFormPage ui={p.ui} form={formState(values, errors)} rows={rows} ministry={ownMinistry(p)} footprint={requestInputOf(values).footprint} editing={editing} operatorComment={editing?.comment} />,
      status,
    );
  };

  /** Submitting over the remaining quota needs the requester's explicit confirmation, asked before anything is saved. */
  const unconfirmedOverrun = (p: PageCall, values: Record<string, string>, editing: Editing | null): Record<string, string> | null => {
    const ministry = ownMinistry(p);
    if (p.form['_action'] !== 'save-submit' || !ministry || values['confirmOverQuota'] === 'on') return null;
    const over = quotaOverrun(p.ui, ministry, requestInputOf(values).footprint, editing ? 0 : 1);
    return over.length > 0 ? { confirmOverQuota: p.i18n.t('err.confirm') } : null;
  };

  /**
   * The services editor without script: "add" and "remove" are submit buttons that come back
   * to the same form with one row more or less. Returns null when the post is a real save.
   */
  const editorStep = (p: PageCall, editing: Editing | null) => {
    const action = p.form['_action'] ?? 'save';
    const { _action, version: _version, ...values } = p.form;
    if (action === 'add-row') return showForm(p, { ...values, ...emptyRow(nextRow(rowsOf(values))) }, {}, editing);
    const removing = /^remove-row:(\d{1,3})$/.exec(action);
    if (removing) {
      let next = removeRow(values, removing[1]!);
      if (rowsOf(next).length === 0) next = { ...next, ...emptyRow('0') };
      return showForm(p, next, {}, editing);
    }
    return null;
  };

  app.get(
    '/demandes/nouvelle',
    page(kit, { roles: ['requester'] }, (p) => showForm(p, blankRequestValues(), {}, null)),
  );

  app.post(
    '/demandes/nouvelle',
    page(kit, { roles: ['requester'] }, (p) => {
      const step = editorStep(p, null);
      if (step) return step;
      const { _action, confirmOverQuota: _c, ...values } = p.form;
      const { data, rename } = requestInputOf(values);
      const parsed = validate(createRequestInput, data);
      if (!parsed.ok) {
        const partial = _action === 'save-submit' ? { errors: parsed.errors } : incompleteDraft(data, parsed.errors);
        if ('errors' in partial) return showForm(p, p.form, requestErrors(partial.errors, p, rename), null, 422);
        let saved;
        try {
          saved = saveIncompleteDraft({ ctx: p.ctx, input: { draft: partial.draft } });
        } catch (err) {
          if (isFieldRefusal(err)) return showForm(p, values, refusalErrors(err, p.i18n, rename), null, err.status === 409 ? 409 : 422);
          throw err;
        }
        return redirect(p.c, `/demandes/${saved.id}`, 'draft-incomplete');
      }
      const overrun = unconfirmedOverrun(p, p.form, null);
      if (overrun) return showForm(p, p.form, overrun, null, 422);
      let created;
      try {
        created = createHostingRequest({ ctx: p.ctx, input: parsed.data });
      } catch (err) {
        if (isFieldRefusal(err)) return showForm(p, values, refusalErrors(err, p.i18n, rename), null, err.status === 409 ? 409 : 422);
        throw err;
      }
      if (_action === 'save-submit') {
        transitionRequest({ ctx: p.ctx, input: { id: created.id, action: 'submit', version: created.version } });
        return redirect(p.c, `/demandes/${created.id}`, 'submit');
      }
      return redirect(p.c, `/demandes/${created.id}`, 'created');
    }),
  );

  app.get(
    `/demandes/${ID}`,
    page(kit, {}, (p) => detailPage(p, p.param('id'), formState({}))),
  );

  const editing = (p: PageCall) => {
    const request = getHostingRequest({ ctx: p.ctx, input: { id: p.param('id') } });
    // After changes were asked for, the edit page shows what the operators asked.
    const comment = request.state === 'changes_requested' ? [...request.timeline].reverse().find((e) => e.comment) : undefined;
    return { request, editing: { id: request.id, reference: request.reference, version: request.version, comment } };
  };

  app.get(
    `/demandes/${ID}/modifier`,
    page(kit, { roles: ['requester'] }, (p) => {
      const { request, editing: e } = editing(p);
      if (!EDITABLE.has(request.state)) return redirect(p.c, `/demandes/${request.id}`);
      const values = request.incomplete ? valuesFromDraft(request.incomplete.draft) : valuesFromRequest(request);
      // A spare row, so adding a service needs no extra round trip.
      const rows = rowsOf(values);
      const spare = rows.length < SPARE_ROWS ? emptyRow(nextRow(rows)) : {};
      return showForm(p, { ...values, ...spare }, {}, e);
    }),
  );

  app.post(
    `/demandes/${ID}/modifier`,
    page(kit, { roles: ['requester'] }, (p) => {
      const { editing: current } = editing(p);
      const version = Number(p.form['version']);
      const e = { ...current, version: Number.isInteger(version) && version > 0 ? version : current.version };
      const step = editorStep(p, e);
      if (step) return step;
      const { _action, version: _v, confirmOverQuota: _c, ...values } = p.form;
      const shown = { ...values, ...(p.form['confirmOverQuota'] ? { confirmOverQuota: p.form['confirmOverQuota'] } : {}) };
      const { data, rename } = requestInputOf(values);
      const parsed = validate(createRequestInput, data);
      if (!parsed.ok) {
        const partial = _action === 'save-submit' ? { errors: parsed.errors } : incompleteDraft(data, parsed.errors);
        if ('errors' in partial) return showForm(p, shown, requestErrors(partial.errors, p, rename), e, 422);
        try {
          saveIncompleteDraft({ ctx: p.ctx, input: { id: e.id, version: e.version, draft: partial.draft } });
        } catch (err) {
          if (isFieldRefusal(err)) return showForm(p, shown, refusalErrors(err, p.i18n, rename), e, err.status === 409 ? 409 : 422);
          throw err;
        }
        return redirect(p.c, `/demandes/${e.id}`, 'draft-incomplete');
      }
      const overrun = unconfirmedOverrun(p, shown, e);
      if (overrun) return showForm(p, shown, overrun, e, 422);
      let updated;
      try {
        updated = updateDraftRequest({ ctx: p.ctx, input: { id: e.id, patch: { version: e.version, ...parsed.data } } });
      } catch (err) {
        if (isFieldRefusal(err)) return showForm(p, shown, refusalErrors(err, p.i18n, rename), e, err.status === 409 ? 409 : 422);
        throw err;
      }
      if (_action === 'save-submit') {
        transitionRequest({ ctx: p.ctx, input: { id: e.id, action: 'submit', version: updated.version } });
        return redirect(p.c, `/demandes/${e.id}`, 'submit');
      }
      return redirect(p.c, `/demandes/${e.id}`, 'saved');
    }),
  );

  const decommissionAction = (p: PageCall) => {
    const request = getHostingRequest({ ctx: p.ctx, input: { id: p.param('id') } });
    const action = request.allowedActions.find((a): a is 'request-decommission' | 'decommission' => a === 'request-decommission' || a === 'decommission');
    return { request, action };
  };

  app.get(
    `/demandes/${ID}/decommissionner`,
    page(kit, {}, (p) => {
      const { request, action } = decommissionAction(p);
      if (!action) return redirect(p.c, `/demandes/${request.id}`);
      return html(p.c, <DecommissionPage ui={p.ui} request={request} action={action} form={formState({})} />);
    }),
  );

  app.post(
    `/demandes/${ID}/decommissionner`,
    page(kit, {}, (p) => {
      const { request, action } = decommissionAction(p);
      if (!action) return redirect(p.c, `/demandes/${request.id}`);
      const values = { comment: p.form['comment'] ?? '', confirm: p.form['confirm'] ?? '' };
      const errors: Record<string, string> = {};
      if (values.comment.trim().length < 10) errors['comment'] = p.i18n.t('err.minChars', { n: 10 });
      if (values.confirm !== 'on') errors['confirm'] = p.i18n.t('err.confirm');
      const version = Number(p.form['version']);
      if (Object.keys(errors).length > 0) return html(p.c, <DecommissionPage ui={p.ui} request={request} action={action} form={formState(values, errors)} />, 422);
      transitionRequest({ ctx: p.ctx, input: { id: request.id, action, version: Number.isInteger(version) && version > 0 ? version : request.version, comment: values.comment.trim() } });
      return redirect(p.c, `/demandes/${request.id}`, action);
    }),
  );

  app.post(
    `/demandes/${ID}/actions/:action`,
    page(kit, {}, (p) => {
      const id = p.param('id');
      const action = p.param('action');
      if (!(transitionActions as readonly string[]).includes(action)) throw new InvalidInput([{ pointer: '/action', field: 'action', message: `unknown action ${action}` }]);
      // Decommissioning is confirmed, with its reason, on its own page.
      if ((action === 'request-decommission' || action === 'decommission') && !(p.form['comment'] ?? '').trim()) {
        getHostingRequest({ ctx: p.ctx, input: { id } });
        return redirect(p.c, `/demandes/${id}/decommissionner`);
      }
      const comment = (p.form['comment'] ?? '').trim();
      const version = p.form['version'] ? Number(p.form['version']) : undefined;
      const values = { comment: p.form['comment'] ?? '' };
      const parsed = validate(transitionInput, { ...(version !== undefined ? { version } : {}), ...(comment ? { comment } : {}) });
      if (!parsed.ok) return detailPage(p, id, formState(values, formErrors(parsed.errors, p.i18n)), 422);
      try {
        transitionRequest({ ctx: p.ctx, input: { id, action: action as TransitionAction, ...parsed.data } });
      } catch (err) {
        if (err instanceof InvalidInput) return detailPage(p, id, formState(values, refusalErrors(err, p.i18n)), 422);
        // A refused approval stays on the request, with what is missing in its units.
        if (err instanceof QuotaExceeded) {
          const shortfall = (err.extensions['shortfall'] ?? []) as Shortfall[];
          const missing = shortfall.map((x) => p.i18n.t('refusal.missingOne', { resource: resourceName(p, x.resource), missing: amount(p.ui, x.resource, x.missing), available: amount(p.ui, x.resource, x.available) })).join(p.i18n.locale === 'fr' ? '\u202f; ' : '; ');
          return detailPage(p, id, formState(values, { '': p.i18n.t('refusal.quota', { missing }) }), 409);
        }
        if (err instanceof CapacityExceeded) return detailPage(p, id, formState(values, { '': p.i18n.t('error.capacity.text') }), 409);
        throw err;
      }
      return redirect(p.c, safeLocalPath(p.form['retour'], `/demandes/${id}`), action);
    }),
  );
}

