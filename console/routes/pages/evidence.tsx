/** Evidence pages: list and review queue, filing an item, adding versions, reviewing them. */
import { chosenFramework, controlChoices } from './control-choices.js';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { addVersionInput, createEvidenceInput, listEvidenceQuery, reviewInput } from '../../api/evidence-schemas.js';
import { listRequestsQuery } from '../../api/schemas.js';
import { ServiceError } from '../../errors.js';
import { EvidenceStore } from '../../evidence/store.js';
import type { AppEnv } from '../../http/types.js';
import { TIME_ZONE } from '../../i18n/index.js';
import { listFrameworksView } from '../../services/controls/frameworks.js';
import { addEvidenceVersion } from '../../services/evidence/add-version.js';
import { createEvidence } from '../../services/evidence/create.js';
import { getEvidence } from '../../services/evidence/get.js';
import { listEvidence } from '../../services/evidence/list.js';
import { reviewEvidenceVersion } from '../../services/evidence/review.js';
import { uploadEvidenceVersion } from '../../services/evidence/upload-version.js';
import { listHostingRequests } from '../../services/hosting-requests/list.js';
import { listMinistries } from '../../services/ministries/list.js';
import { localName } from '../../views/compliance.js';
import { EvidenceItemPage, EvidencePage, NewEvidencePage } from '../../views/evidence.js';
import type { FormState } from '../../views/ui.js';
import { fieldErrorsOf, formErrors, formState, html, intParam, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';
import { ID } from './requests.js';

const LIVE_STATES = new Set(['draft', 'submitted', 'changes_requested', 'approved', 'provisioning', 'active', 'decommission_requested']);

function pick(value: string | undefined, allowed: readonly string[]): string {
  return value && allowed.includes(value) ? value : '';
}

function frameworkOptions(p: PageCall) {
  return listFrameworksView({ ctx: p.ctx }).items.map((f) => ({ value: f.id, label: localName(p.ui, f) }));
}

/** Today in Benin, as the date fields expect it. */
function today(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function evidencePages(app: Hono<AppEnv>, kit: Kit): void {
  const store = new EvidenceStore(kit.deps.config.dataDir);

  const itemPage = (p: PageCall, id: string, forms: { review?: Record<string, FormState>; add?: FormState } = {}, status: 200 | 409 | 413 | 415 | 422 = 200) => {
    const item = getEvidence({ ctx: p.ctx, input: { id } });
    const canReview = p.actor.role === 'auditor';
    const canAdd = item.kind !== 'automatic' && (p.actor.role === 'operator' || p.actor.role === 'requester');
    const add = forms.add ?? formState({ effectiveAt: today(kit.deps.clock.now()), expiresAt: '', url: '', note: '' });
    return html(p.c, <EvidenceItemPage ui={p.ui} item={item} canReview={canReview} canAdd={canAdd} reviewForms={forms.review ?? {}} addForm={add} />, status);
  };

  app.get(
    '/preuves',
    page(kit, {}, (p) => {
      const q = p.c.req.query();
      const frameworks = frameworkOptions(p);
      const ministries = p.actor.role === 'requester' ? null : listMinistries({ ctx: p.ctx }).items.map((m) => ({ value: m.code, label: `${m.code} — ${m.name}` }));
      const filters: Record<string, string> = {
        review: pick(q['review'], ['pending', 'accepted', 'rejected']),
        freshness: pick(q['freshness'], ['current', 'expiring', 'expired', 'not_yet_effective']),
        framework: pick(q['framework'], frameworks.map((f) => f.value)),
        ministry: ministries ? pick(q['ministry'], ministries.map((m) => m.value)) : '',
        q: (q['q'] ?? '').trim().slice(0, 100),
      };
      const limit = 50;
      const offset = intParam(q['offset'], 0);
      const given = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
      const result = listEvidence({ ctx: p.ctx, input: listEvidenceQuery.parse({ ...given, limit: String(limit), offset: String(offset) }) });
      const canFile = p.actor.role === 'operator' || p.actor.role === 'requester';
      return html(p.c, <EvidencePage ui={p.ui} items={result.items} total={result.total} limit={limit} offset={offset} filters={filters} frameworks={frameworks} ministries={ministries} canFile={canFile} />);
    }),
  );

  const newPage = (p: PageCall, form: FormState, status: 200 | 409 | 422 = 200) => {
    const requester = p.actor.role === 'requester';
    const environments = requester
      ? listHostingRequests({ ctx: p.ctx, input: listRequestsQuery.parse({ limit: '200' }) })
          .items.filter((r) => LIVE_STATES.has(r.state))
          .map((r) => ({ value: r.environmentName, label: `${r.environmentName} (${r.reference})` }))
      : null;
    const ministries = requester ? null : listMinistries({ ctx: p.ctx }).items.map((m) => ({ value: m.code, label: `${m.code} — ${m.name}` }));
    return html(p.c, <NewEvidencePage ui={p.ui} form={form} frameworks={frameworkOptions(p)} environments={environments} ministries={ministries} choices={controlChoices(p.ui)} />, status);
  };

  app.get(
    '/preuves/nouvelle',
    page(kit, { roles: ['operator', 'requester'] }, (p) => newPage(p, formState({ kind: 'file', framework: chosenFramework(p.c.req.query('framework')) }))),
  );

  app.post(
    '/preuves/nouvelle',
    page(kit, { roles: ['operator', 'requester'] }, (p) => {
      const f = p.form;
      const values = { title: f['title'] ?? '', description: f['description'] ?? '', kind: f['kind'] ?? '', framework: f['framework'] ?? '', controls: f['controls'] ?? '', environment: f['environment'] ?? '', ministry: f['ministry'] ?? '' };
      // Without script, choosing another framework sends the form back for its list: nothing is saved.
      if (f['refresh'] === 'controls') return newPage(p, formState({ ...values, framework: chosenFramework(values.framework) }));
      const environment = values.environment.trim();
      const description = [environment ? p.i18n.t('evidence.environmentLine', { env: environment }) : '', values.description.trim()].filter(Boolean).join('\n');
      const data = {
        title: values.title,
        description,
        kind: values.kind,
        controls: values.controls
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((controlId) => ({ frameworkId: values.framework, controlId })),
        ...(p.actor.role !== 'requester' && values.ministry ? { ministry: values.ministry } : {}),
      };
      const rename = (field: string) => (field.startsWith('controls') ? (field.endsWith('frameworkId') ? 'framework' : 'controls') : field);
      const parsed = validate(createEvidenceInput, data);
      if (!parsed.ok) return newPage(p, formState(values, formErrors(parsed.errors, p.i18n, rename)), 422);
      let created;
      try {
        created = createEvidence({ ctx: p.ctx, input: parsed.data });
      } catch (err) {
        if (isFieldRefusal(err)) return newPage(p, formState(values, refusalErrors(err, p.i18n, rename)), 422);
        throw err;
      }
      return redirect(p.c, `/preuves/${created.id}`, 'created');
    }),
  );

  app.get(
    `/preuves/${ID}`,
    page(kit, {}, (p) => itemPage(p, p.param('id'))),
  );

  app.post(
    `/preuves/${ID}/fichier`,
    page(kit, { roles: ['operator', 'requester'], csrf: 'query' }, async (p) => {
      const id = p.param('id');
      const contentType = p.c.req.header('content-type') ?? '';
      const raw = p.c.req.raw.body;
      try {
        await uploadEvidenceVersion({ ctx: p.ctx, store, input: { id, body: raw ? Readable.fromWeb(raw) : Readable.from([]), contentType } });
      } catch (err) {
        // What was typed in the date fields is gone with the stream: the form starts again from today.
        if (err instanceof ServiceError && fieldErrorsOf(err).length > 0) {
          const status = err.status === 413 || err.status === 415 || err.status === 409 ? err.status : 422;
          return itemPage(p, id, { add: formState({ effectiveAt: today(kit.deps.clock.now()) }, refusalErrors(err, p.i18n)) }, status);
        }
        throw err;
      }
      return redirect(p.c, `/preuves/${id}`, 'version-added');
    }),
  );

  app.post(
    `/preuves/${ID}/version`,
    page(kit, { roles: ['operator', 'requester'] }, (p) => {
      const id = p.param('id');
      const values = { url: p.form['url'] ?? '', note: p.form['note'] ?? '', effectiveAt: p.form['effectiveAt'] ?? '', expiresAt: p.form['expiresAt'] ?? '' };
      const data = {
        ...(values.url.trim() ? { url: values.url } : {}),
        ...(values.note.trim() ? { note: values.note } : {}),
        effectiveAt: values.effectiveAt.trim(),
        expiresAt: values.expiresAt.trim(),
      };
      const parsed = validate(addVersionInput, data);
      if (!parsed.ok) return itemPage(p, id, { add: formState(values, formErrors(parsed.errors, p.i18n)) }, 422);
      try {
        addEvidenceVersion({ ctx: p.ctx, input: { id, body: parsed.data } });
      } catch (err) {
        if (isFieldRefusal(err)) return itemPage(p, id, { add: formState(values, refusalErrors(err, p.i18n)) }, 422);
        throw err;
      }
      return redirect(p.c, `/preuves/${id}`, 'version-added');
    }),
  );

  app.post(
    `/preuves/${ID}/versions/:version{[0-9]{1,9}}/:decision{accept|reject}`,
    page(kit, { roles: ['auditor'] }, async (p) => {
      const id = p.param('id');
      const version = intParam(p.param('version'), 0);
      const decision = p.param('decision') === 'accept' ? 'accept' : 'reject';
      const values = { comment: p.form['comment'] ?? '' };
      const comment = values.comment.trim();
      const parsed = validate(reviewInput, comment ? { comment } : {});
      const again = (errors: Record<string, string>) => itemPage(p, id, { review: { [String(version)]: formState(values, errors) } }, 422);
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n));
      try {
        await reviewEvidenceVersion({ ctx: p.ctx, store, input: { id, version, decision, ...parsed.data } });
      } catch (err) {
        if (isFieldRefusal(err)) return again(refusalErrors(err, p.i18n));
        throw err;
      }
      return redirect(p.c, `/preuves/${id}`, decision === 'accept' ? 'evidence-accepted' : 'evidence-rejected');
    }),
  );
}
