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

/**
 * The control ids of a form, picked from a searchable list (id and title) of the chosen
 * framework; several ids are separated by commas. The hint's example comes from that framework,
 * unless the form gives its own (a list across frameworks).
 */
export const ControlPicker: FC<{ ui: Ui; form: FormState; name: string; label: string; framework: string; choices: ControlChoice[]; hint?: string | undefined }> = ({ ui, form, name, label, framework, choices, hint }) => {
  const error = form.errors[name];
  const id = `f-${name}`;
  const listId = `${id}-choices`;
  const example = choices.slice(0, 2).map((c) => c.id).join(', ');
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint ?? ui.i18n.t('cert.picker.hint', { example, count: choices.length })}
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
        list={listId}
        autocomplete="off"
        spellcheck={false}
        value={form.values[name] ?? ''}
        data-framework={framework}
        aria-required="true"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      <datalist id={listId}>
        {choices.map((c) => (
          <option value={c.id} label={`${c.id} — ${c.title}`} />
        ))}
      </datalist>
    </div>
  );
};
