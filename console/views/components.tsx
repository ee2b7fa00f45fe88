/** Small building blocks shared by the pages: labelled fields, error summary, badges, bars. */
import type { Child, FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import { fieldId, type FormState, type Ui } from './ui.js';

export const Csrf: FC<{ ui: Ui }> = ({ ui }) => <input type="hidden" name="_csrf" value={ui.csrf} />;

interface FieldBase {
  form: FormState;
  name: string;
  label: string;
  hint?: string | undefined;
  required?: boolean | undefined;
  class?: string | undefined;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

const Label: FC<{ name: string; label: string; required?: boolean | undefined }> = ({ name, label, required }) => (
  <label for={fieldId(name)}>
    {label}
    {required ? (
      <span class="required" aria-hidden="true">
        {' '}*
      </span>
    ) : null}
  </label>
);

const HintAndError: FC<{ name: string; hint?: string | undefined; error?: string | undefined }> = ({ name, hint, error }) => (
  <>
    {hint ? (
      <p class="hint" id={`${fieldId(name)}-hint`}>
        {hint}
      </p>
    ) : null}
    {error ? (
      <p class="field-error" id={`${fieldId(name)}-error`}>
        {error}
      </p>
    ) : null}
  </>
);

export const TextField: FC<
  FieldBase & {
    type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'url' | 'search' | undefined;
    inputmode?: 'numeric' | 'decimal' | 'text' | undefined;
    autocomplete?: string | undefined;
    width?: 'short' | 'medium' | 'long' | undefined;
    spellcheck?: boolean | undefined;
  }
> = (p) => {
  const error = p.form.errors[p.name];
  return (
    <div class={`field${error ? ' has-error' : ''}${p.class ? ` ${p.class}` : ''}`}>
      <Label name={p.name} label={p.label} required={p.required} />
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <input
        id={fieldId(p.name)}
        name={p.name}
        type={p.type === 'number' ? 'text' : (p.type ?? 'text')}
        value={p.type === 'password' ? '' : (p.form.values[p.name] ?? '')}
        class={p.width ? `w-${p.width}` : undefined}
        inputmode={p.type === 'number' ? (p.inputmode ?? 'decimal') : p.inputmode}
        autocomplete={p.autocomplete}
        spellcheck={p.spellcheck === false ? false : undefined}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </div>
  );
};

export const TextArea: FC<FieldBase & { rows?: number | undefined }> = (p) => {
  const error = p.form.errors[p.name];
  return (
    <div class={`field${error ? ' has-error' : ''}${p.class ? ` ${p.class}` : ''}`}>
      <Label name={p.name} label={p.label} required={p.required} />
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <textarea
        id={fieldId(p.name)}
        name={p.name}
        rows={p.rows ?? 3}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {p.form.values[p.name] ?? ''}
      </textarea>
    </div>
  );
};

export interface Option {
  value: string;
  label: string;
}

export const SelectField: FC<FieldBase & { options: Option[]; blank?: string | undefined }> = (p) => {
  const error = p.form.errors[p.name];
  const current = p.form.values[p.name] ?? '';
  return (
    <div class={`field${error ? ' has-error' : ''}${p.class ? ` ${p.class}` : ''}`}>
      <Label name={p.name} label={p.label} required={p.required} />
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <select
        id={fieldId(p.name)}
        name={p.name}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

export const Checkbox: FC<{ form: FormState; name: string; label: string; hint?: string | undefined }> = (p) => {
  const error = p.form.errors[p.name];
  const checked = ['on', 'true', '1'].includes(p.form.values[p.name] ?? '');
  return (
    <div class={`field checkbox${error ? ' has-error' : ''}`}>
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <input type="checkbox" id={fieldId(p.name)} name={p.name} value="on" checked={checked} aria-describedby={describedBy(p.name, p.hint, error)} />
      <label for={fieldId(p.name)}>{p.label}</label>
    </div>
  );
};

/**
 * The list of what is wrong, first thing in the form, each entry a link to its field: the
 * pattern screen-reader users and keyboard users find fastest.
 */
export const ErrorSummary: FC<{ ui: Ui; form: FormState; labels?: Record<string, string> }> = ({ ui, form, labels }) => {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ui.i18n.t('form.errorsTitle')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            {field === '' ? (
              message
            ) : (
              <a href={`#${fieldId(field)}`}>
                {labels?.[field] ? `${labels[field]} : ` : ''}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
};

export const Badge: FC<{ kind: string; children?: Child }> = ({ kind, children }) => <span class={`badge badge-${kind}`}>{children}</span>;

/**
 * A notice after a write, announced politely to screen readers; one that reports a failure
 * (`…-failed`) is shown and announced as the failure it is, never in the success style.
 */
export const Notice: FC<{ ui: Ui }> = ({ ui }) =>
  ui.notice ? (
    ui.notice.endsWith('-failed') ? (
      <div class="callout danger" role="alert">
        {ui.i18n.t(ui.notice)}
      </div>
    ) : (
      <div class="notice" role="status">
        {ui.i18n.t(ui.notice)}
      </div>
    )
  ) : null;

/**
 * Use against a limit, drawn as a bar: what is booked, what this request would add, and the
 * limit. The figures are always written out beside it; the drawing only repeats them.
 */
export const UsageBar: FC<{ ui: Ui; label: string; used: number; extra?: number | undefined; total: number; format: (n: number) => string }> = ({
  ui,
  label,
  used,
  extra = 0,
  total,
  format,
}) => {
  const width = 240;
  const scale = Math.max(total, used + extra, 1);
  const usedW = Math.min(width, (used / scale) * width);
  const extraW = Math.max(0, Math.min(width - usedW, (extra / scale) * width));
  const over = used + extra > total + 1e-9;
  const limitX = Math.min(width, (total / scale) * width);
  const text =
    extra > 0
      ? ui.i18n.t('usage.withRequest', { used: format(used), extra: format(extra), total: format(total) })
      : ui.i18n.t('usage.plain', { used: format(used), total: format(total) });
  return (
    <div class={`usage${over ? ' usage-over' : ''}`}>
      <div class="usage-head">
        <span class="usage-label">{label}</span>
        <span class="usage-text">
          {text}
          {over ? <strong class="usage-warning"> — {ui.i18n.t('usage.over')}</strong> : null}
        </span>
      </div>
      <svg class="usage-bar" width="100%" height="12" viewBox={`0 0 ${width} 12`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width={width} height="12" class="bar-track" />
        <rect x="0" y="0" width={usedW} height="12" class="bar-used" />
        {extraW > 0 ? <rect x={usedW} y="0" width={extraW} height="12" class={over ? 'bar-over' : 'bar-extra'} /> : null}
        <line x1={limitX} x2={limitX} y1="0" y2="12" class="bar-limit" vector-effect="non-scaling-stroke" />
      </svg>
    </div>
  );
};

export const Pagination: FC<{ ui: Ui; total: number; limit: number; offset: number; href: (offset: number) => string }> = ({ ui, total, limit, offset, href }) => {
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <nav class="pagination" aria-label={ui.i18n.t('pagination.label')}>
      <p>{ui.i18n.t('pagination.range', { from, to, total })}</p>
      <ul>
        {offset > 0 ? (
          <li>
            <a href={href(Math.max(0, offset - limit))} rel="prev">
              {ui.i18n.t('pagination.previous')}
            </a>
          </li>
        ) : null}
        {offset + limit < total ? (
          <li>
            <a href={href(offset + limit)} rel="next">
              {ui.i18n.t('pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
};

/** A label/value list (the summary of an object). */
export const Facts: FC<{ items: [string, Child][]; compact?: boolean }> = ({ items, compact }) => (
  <dl class={compact ? 'facts-compact' : 'facts'}>
    {items.map(([k, v]) => (
      <div>
        <dt>{k}</dt>
        <dd>{v}</dd>
      </div>
    ))}
  </dl>
);

/** A table's column headings, from message keys; `children` adds trailing headings (an optional actions column). */
export const ColumnHeads: FC<{ ui: Ui; columns: readonly MessageKey[]; children?: Child }> = ({ ui, columns, children }) => (
  <thead>
    <tr>
      {columns.map((key) => (
        <th scope="col">{ui.i18n.t(key)}</th>
      ))}
      {children}
    </tr>
  </thead>
);

export const Empty: FC<{ ui: Ui; message?: MessageKey }> = ({ ui, message }) => <p class="empty">{ui.i18n.t(message ?? 'common.none')}</p>;

/** Shortens a hash for tables; the full value stays in the title and for copy. */
export const Hash: FC<{ value: string | null | undefined }> = ({ value }) =>
  value ? (
    <code class="hash" title={value}>
      {value.slice(0, 12)}…
    </code>
  ) : (
    <span>—</span>
  );

/** Builds a query string from the non-empty entries. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
