/** `/constats/:id`: a finding worked to closure, each step a form posting to its verb. */
import type { Hono } from 'hono';
import type { z } from 'zod';
import { closeFindingInput } from '../../api/compliance-schemas.js';
import { addCorrectiveActionInput, proposeClosureInput, rejectClosureInput, reopenFindingInput, rootCauseInput, updateCorrectiveActionInput } from '../../api/finding-schemas.js';
import type { AppEnv } from '../../http/types.js';
import { addCorrectiveAction } from '../../services/findings/add-action.js';
import { closeFinding } from '../../services/findings/close.js';
import { findingEvidenceOptions } from '../../services/findings/evidence-options.js';
import { findingHistory } from '../../services/findings/history.js';
import { wholeList } from '../../services/paging.js';
import { getFinding } from '../../services/findings/list.js';
import { proposeClosure } from '../../services/findings/propose-closure.js';
import { rejectClosure } from '../../services/findings/reject-closure.js';
import { reopenFinding } from '../../services/findings/reopen.js';
import { setRootCause } from '../../services/findings/root-cause.js';
import { updateCorrectiveAction } from '../../services/findings/update-action.js';
import { FindingWorkPage, type FindingForms } from '../../views/finding.js';
import type { FormState } from '../../views/ui.js';
import { formErrors, formState, html, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';
import { ID } from './requests.js';

const blank = (): FormState => formState({});
const STAFF = ['operator', 'auditor', 'admin'] as const;

function findingPage(p: PageCall, forms: Partial<FindingForms> = {}, status: 200 | 422 = 200) {
  const id = p.param('id');
  const finding = getFinding({ ctx: p.ctx, input: { id } });
  const all: FindingForms = {
    rootCause: forms.rootCause ?? formState({ rootCause: finding.rootCause ?? '' }),
    addAction: forms.addAction ?? blank(),
    closure: forms.closure ?? blank(),
    decision: forms.decision ?? blank(),
  };
  return html(p.c, <FindingWorkPage ui={p.ui} finding={finding} evidence={findingEvidenceOptions({ ctx: p.ctx, input: { id } })} history={findingHistory({ ctx: p.ctx, input: { id, ...wholeList } }).items} forms={all} />, status);
}

/**
 * One step of the work: validate the form with the API's schema, call the verb, and either go
 * back to the finding with a notice or show the page again with the errors on the form used.
 */
function step<S extends z.ZodType>(kit: Kit, app: Hono<AppEnv>, path: string, roles: readonly ('operator' | 'auditor' | 'admin')[], form: keyof FindingForms, schema: S, read: (f: Record<string, string>) => unknown, run: (p: PageCall, data: z.output<S>) => unknown, notice: string) {
  app.post(
    `/constats/${ID}/${path}`,
    page(kit, { roles }, (p) => {
      const values = Object.fromEntries(Object.entries(p.form).filter(([k]) => k !== 'version'));
      const parsed = validate(schema, read(p.form));
      if (!parsed.ok) return findingPage(p, { [form]: formState(values, formErrors(parsed.errors, p.i18n)) }, 422);
      try {
        run(p, parsed.data);
      } catch (err) {
        if (isFieldRefusal(err)) return findingPage(p, { [form]: formState(values, refusalErrors(err, p.i18n)) }, 422);
        throw err;
      }
      return redirect(p.c, `/constats/${p.param('id')}`, notice);
    }),
  );
}

const version = (f: Record<string, string>) => Number(f['version'] ?? 'x');
const text = (v: string | undefined) => (v && v.trim() !== '' ? v : undefined);

export function findingPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(`/constats/${ID}`, page(kit, { roles: STAFF }, (p) => findingPage(p)));

  step(kit, app, 'cause', ['operator', 'admin'], 'rootCause', rootCauseInput, (f) => ({ version: version(f), rootCause: f['rootCause'] ?? '' }), (p, d) => setRootCause({ ctx: p.ctx, input: { ...d, id: p.param('id') } }), 'finding-updated');

  step(
    kit,
    app,
    'actions',
    ['operator', 'admin'],
    'addAction',
    addCorrectiveActionInput,
    (f) => ({ version: version(f), description: f['description'] ?? '', owner: f['owner'] ?? '', dueDate: f['dueDate'] ?? '', ...(text(f['evidenceId']) ? { evidenceId: f['evidenceId'] } : {}) }),
    (p, d) => addCorrectiveAction({ ctx: p.ctx, input: { ...d, id: p.param('id') } }),
    'finding-updated',
  );

  app.post(
    `/constats/${ID}/actions/:action{[0-9a-f-]{36}}`,
    page(kit, { roles: ['operator', 'admin'] }, (p) => {
      const f = p.form;
      const parsed = validate(updateCorrectiveActionInput, { version: version(f), ...(text(f['status']) ? { status: f['status'] } : {}), evidenceId: text(f['evidenceId']) ?? null });
      if (!parsed.ok) return findingPage(p, {}, 422);
      updateCorrectiveAction({ ctx: p.ctx, input: { ...parsed.data, id: p.param('id'), actionId: p.param('action') } });
      return redirect(p.c, `/constats/${p.param('id')}`, 'finding-updated');
    }),
  );

  step(
    kit,
    app,
    'proposer-cloture',
    ['operator', 'admin', 'auditor'],
    'closure',
    proposeClosureInput,
    (f) => ({ version: version(f), closingEvidenceVersionId: f['closingEvidenceVersionId'] ?? '', ...(text(f['comment']) ? { comment: f['comment'] } : {}) }),
    (p, d) => proposeClosure({ ctx: p.ctx, input: { ...d, id: p.param('id') } }),
    'closure-proposed',
  );
  step(kit, app, 'cloturer', ['auditor'], 'decision', closeFindingInput, (f) => ({ version: version(f), ...(text(f['comment']) ? { comment: f['comment'] } : {}) }), (p, d) => closeFinding({ ctx: p.ctx, input: { ...d, id: p.param('id') } }), 'finding-closed');
  step(kit, app, 'refuser-cloture', ['auditor'], 'decision', rejectClosureInput, (f) => ({ version: version(f), comment: f['comment'] ?? '' }), (p, d) => rejectClosure({ ctx: p.ctx, input: { ...d, id: p.param('id') } }), 'finding-updated');
  step(kit, app, 'rouvrir', ['auditor'], 'decision', reopenFindingInput, (f) => ({ version: version(f), comment: f['comment'] ?? '' }), (p, d) => reopenFinding({ ctx: p.ctx, input: { ...d, id: p.param('id') } }), 'finding-reopened');
}
