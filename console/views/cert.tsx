/** Small pieces the certification pages share: evidence review state, an open major finding. */
import type { FC } from 'hono/jsx';
import { Badge } from './components.js';
import type { FormState, Ui } from './ui.js';

const reviewKind: Record<string, string> = { accepted: 'success', pending: 'info', expired: 'danger', none: 'neutral' };

/** accepted (in force: counts), pending (awaits review), expired, none. */
export const ReviewStateBadge: FC<{ ui: Ui; state: string }> = ({ ui, state }) => {
  const key = state === 'accepted' || state === 'pending' || state === 'expired' ? (`cert.review.${state}` as const) : ('cert.review.none' as const);
  return <Badge kind={reviewKind[state] ?? 'neutral'}>{ui.i18n.t(key)}</Badge>;
};

export const MajorFindingBadge: FC<{ ui: Ui; count: number | undefined }> = ({ ui, count }) =>
  count && count > 0 ? (
    <>
      {' '}
      <Badge kind="danger">{count === 1 ? ui.i18n.t('cert.openMajor') : ui.i18n.t('cert.openMajorCount', { count })}</Badge>
    </>
  ) : null;

/** « 1 acceptée(s) · 2 en attente · 0 expirée(s) » */
export function evidenceCounts(ui: Ui, c: { liveEvidence: number; pendingEvidence?: number | undefined; expiredEvidence?: number | undefined }): string {
  return ui.i18n.t('cert.evidenceCounts', { accepted: c.liveEvidence, pending: c.pendingEvidence ?? 0, expired: c.expiredEvidence ?? 0 });
}

export interface ControlChoice {
  id: string;
  title: string;
}

export interface FrameworkChoices {
  framework: string;
  controls: ControlChoice[];
}

/** The id of a framework's list of choices (framework ids are made of [a-z0-9.-]). */
const listIdOf = (fieldId: string, framework: string) => `${fieldId}-choices-${framework}`;

/**
 * The control ids of a form, picked from a searchable list (id and title) of the chosen
 * framework; several ids are separated by commas. The hint's example comes from that framework.
 * Every framework's list is in the page, each with its own hint: choosing another framework
 * switches the list in place (app.js); without script, « Afficher les mesures de ce référentiel »
 * sends the form back with the list of the framework chosen, saving nothing.
 */
export const ControlPicker: FC<{ ui: Ui; form: FormState; name: string; label: string; framework: string; choices: FrameworkChoices[] }> = ({ ui, form, name, label, framework, choices }) => {
  const error = form.errors[name];
  const id = `f-${name}`;
  const hintOf = (controls: ControlChoice[]) => ui.i18n.t('cert.picker.hint', { example: controls.slice(0, 2).map((c) => c.id).join(', '), count: controls.length });
  const chosen = choices.find((c) => c.framework === framework) ?? choices[0];
  return (
    <div class={`field${error ? ' has-error' : ''}`} data-control-picker={id}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {chosen ? hintOf(chosen.controls) : ''}
      </p>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="text"
        list={chosen ? listIdOf(id, chosen.framework) : undefined}
        autocomplete="off"
        spellcheck={false}
        value={form.values[name] ?? ''}
        data-framework={chosen?.framework ?? ''}
        aria-required="true"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {choices.map((c) => (
        <datalist id={listIdOf(id, c.framework)} data-framework={c.framework} data-hint={hintOf(c.controls)}>
          {c.controls.map((x) => (
            <option value={x.id} label={`${x.id} — ${x.title}`} />
          ))}
        </datalist>
      ))}
      <button type="submit" name="refresh" value="controls" class="button small secondary" formnovalidate data-picker-refresh>
        {ui.i18n.t('cert.picker.refresh')}
      </button>
    </div>
  );
};
