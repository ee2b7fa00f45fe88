/** Evidence: the list (and the auditors' review queue), filing an item, one item and its versions. */
import { ControlPicker, type FrameworkChoices } from './cert.js';
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import { ColumnHeads, Csrf, Empty, ErrorSummary, Facts, Pagination, SelectField, TextArea, TextField, withQuery, type Option } from './components.js';
import { FreshnessBadge, ReviewBadge } from './compliance.js';
import { Layout } from './layout.js';
import { evidenceTitle, fieldId, type FormState, type Ui } from './ui.js';

export const EVIDENCE_KINDS = ['file', 'link', 'note'] as const;
const kindKeys: Record<string, MessageKey> = { file: 'evidence.kind.file', link: 'evidence.kind.link', note: 'evidence.kind.note', automatic: 'evidence.kind.automatic' };
export const kindLabel = (ui: Ui, kind: string) => (kindKeys[kind] ? ui.i18n.t(kindKeys[kind]!) : kind);

export interface EvidenceVersion {
  id: string;
  version: number;
  file: { sha256: string; size: number | null; name: string | null; contentType: string | null; downloadUrl: string } | null;
  url: string | null;
  note: string | null;
  effectiveAt: string;
  expiresAt: string | null;
  uploadedBy: string;
  uploadedAt: string;
  reviewStatus: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  freshness: string;
  producedBy?: string | null;
  lastCheckedAt?: string | null;
  lastCheckedBy?: string | null;
  checkCount?: number;
}

export interface EvidenceItem {
  id: string;
  title: string;
  description: string;
  kind: string;
  source: string;
  ministry: { code: string; name: string } | null;
  controls: { frameworkId: string; controlId: string }[];
  createdAt: string;
  updatedAt: string;
  latestVersion: EvidenceVersion | null;
}

export interface EvidenceListItem extends EvidenceItem {
  versionCount: number;
}

export const EvidencePage: FC<{
  ui: Ui;
  items: EvidenceListItem[];
  total: number;
  limit: number;
  offset: number;
  filters: Record<string, string>;
  frameworks: Option[];
  ministries: Option[] | null;
  canFile: boolean;
}> = ({ ui, items, total, limit, offset, filters, frameworks, ministries, canFile }) => {
  const { t } = ui.i18n;
  const form: FormState = { values: filters, errors: {} };
  const reviewing = ui.actor?.role === 'auditor';
  return (
    <Layout ui={ui} title={reviewing ? t('evidence.reviewTitle') : t('evidence.title')} lead={reviewing ? t('evidence.reviewLead') : t('evidence.lead')} nav="evidence" wide>
      {canFile ? (
        <p>
          <a class="button" href="/preuves/nouvelle">
            {t('evidence.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/preuves" class="filters" role="search" aria-label={t('evidence.filters')}>
        <SelectField
          form={form}
          name="review"
          label={t('evidence.col.review')}
          blank={t('common.all')}
          options={(['pending', 'accepted', 'rejected'] as const).map((v) => ({ value: v, label: t(`review.${v}`) }))}
        />
        <SelectField
          form={form}
          name="freshness"
          label={t('evidence.col.freshness')}
          blank={t('common.all')}
          options={(['current', 'expiring', 'expired', 'not_yet_effective'] as const).map((v) => ({ value: v, label: t(`freshness.${v}`) }))}
        />
        <SelectField form={form} name="framework" label={t('frameworks.col.name')} blank={t('common.all')} options={frameworks} />
        {ministries ? <SelectField form={form} name="ministry" label={t('requests.col.ministry')} blank={t('common.all')} options={ministries} /> : null}
        <TextField form={form} name="q" type="search" label={t('evidence.search')} />
        <button type="submit" class="button secondary">
          {t('common.filter')}
        </button>
      </form>
      {items.length === 0 ? (
        <Empty ui={ui} message="evidence.empty" />
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption>{t('evidence.caption', { total })}</caption>
            <ColumnHeads ui={ui} columns={['evidence.col.title', 'requests.col.ministry', 'evidence.col.kind', 'evidence.col.controls', 'evidence.col.version', 'evidence.col.review', 'evidence.col.freshness']} />
            <tbody>
              {items.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={`/preuves/${e.id}`}>{evidenceTitle(ui, e)}</a>
                  </th>
                  <td>{e.ministry ? <abbr title={e.ministry.name}>{e.ministry.code}</abbr> : t('evidence.site')}</td>
                  <td>{kindLabel(ui, e.kind)}</td>
                  <td class="small">
                    {e.controls.slice(0, 3).map((c) => `${c.controlId}`).join(', ')}
                    {e.controls.length > 3 ? ` +${e.controls.length - 3}` : ''}
                  </td>
                  <td class="nowrap">{e.latestVersion ? `v${e.latestVersion.version} · ${ui.i18n.date(e.latestVersion.uploadedAt)}` : t('evidence.noVersion')}</td>
                  <td>{e.latestVersion ? <ReviewBadge ui={ui} value={e.latestVersion.reviewStatus} /> : '—'}</td>
                  <td>{e.latestVersion ? <FreshnessBadge ui={ui} value={e.latestVersion.freshness} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ui={ui} total={total} limit={limit} offset={offset} href={(o) => withQuery('/preuves', { ...filters, offset: o })} />
    </Layout>
  );
};

export const NewEvidencePage: FC<{ ui: Ui; form: FormState; frameworks: Option[]; environments: Option[] | null; ministries: Option[] | null; choices: FrameworkChoices[] }> = ({
  ui,
  form,
  frameworks,
  environments,
  ministries,
  choices,
}) => {
  const { t } = ui.i18n;
  const labels = {
    title: t('evidence.col.title'),
    description: t('evidence.description'),
    kind: t('evidence.col.kind'),
    framework: t('frameworks.col.name'),
    controls: t('evidence.controlIds'),
    environment: t('evidence.environment'),
    ministry: t('requests.col.ministry'),
  };
  return (
    <Layout ui={ui} title={t('evidence.new')} lead={t('evidence.newLead')} nav="evidence">
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action="/preuves/nouvelle" novalidate class="panel">
        <Csrf ui={ui} />
        <TextField form={form} name="title" label={labels.title} required />
        {environments ? <SelectField form={form} name="environment" label={labels.environment} blank={t('evidence.allEnvironments')} options={environments} /> : null}
        {ministries ? <SelectField form={form} name="ministry" label={labels.ministry} blank={t('evidence.site')} options={ministries} /> : null}
        <TextArea form={form} name="description" label={labels.description} rows={3} />
        <div class="grid">
          <SelectField form={form} name="kind" label={labels.kind} required options={EVIDENCE_KINDS.map((k) => ({ value: k, label: kindLabel(ui, k) }))} />
          <SelectField form={form} name="framework" label={labels.framework} required options={frameworks} />
          <ControlPicker ui={ui} form={form} name="controls" label={labels.controls} framework={form.values['framework'] ?? ''} choices={choices} />
        </div>
        <button type="submit" class="button">
          {t('evidence.create')}
        </button>
      </form>
    </Layout>
  );
};

const VersionContent: FC<{ ui: Ui; v: EvidenceVersion }> = ({ ui, v }) => {
  const { t } = ui.i18n;
  if (v.file) {
    return (
      <>
        <a href={v.file.downloadUrl}>{v.file.name ?? t('evidence.download')}</a> <span class="hint">({ui.i18n.bytes(v.file.size)})</span>
        <div>
          <span class="hint">sha256 </span>
          <code class="hash-full">{v.file.sha256}</code>
        </div>
      </>
    );
  }
  if (v.url) return <a href={v.url} rel="noopener noreferrer">{v.url}</a>;
  if (v.note) return <p class="note">{v.note}</p>;
  return <span>—</span>;
};

export const EvidenceItemPage: FC<{
  ui: Ui;
  item: EvidenceItem & { versions: EvidenceVersion[] };
  canReview: boolean;
  canAdd: boolean;
  reviewForms: Record<string, FormState>;
  addForm: FormState;
}> = ({ ui, item, canReview, canAdd, reviewForms, addForm }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <Layout ui={ui} title={evidenceTitle(ui, item)} nav="evidence" wide>
      <Facts
        items={[
          [t('requests.col.ministry'), item.ministry ? `${item.ministry.code} — ${item.ministry.name}` : t('evidence.site')],
          [t('evidence.col.kind'), kindLabel(ui, item.kind)],
          [t('evidence.description'), item.description || '—'],
          [
            t('evidence.col.controls'),
            <ul class="inline-list">
              {item.controls.map((c) => (
                <li>
                  <a href={`/referentiels/${c.frameworkId}/${encodeURIComponent(c.controlId)}`}>
                    {c.frameworkId} {c.controlId}
                  </a>
                </li>
              ))}
            </ul>,
          ],
          [t('evidence.created'), i.dateTime(item.createdAt)],
        ]}
      />
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('evidence.versions')}</h2>
        {item.versions.length === 0 ? (
          <Empty ui={ui} message="evidence.noVersion" />
        ) : (
          <div class="table-wrap" tabindex={0}>
            <table class="data">
              <caption class="visually-hidden">{t('evidence.versions')}</caption>
              <ColumnHeads ui={ui} columns={['evidence.col.version', 'evidence.col.content', 'evidence.col.effective', 'evidence.col.expires', 'evidence.col.uploaded', 'evidence.col.review']}>
                {canReview ? <th scope="col">{t('common.actions')}</th> : null}
              </ColumnHeads>
              <tbody>
                {item.versions.map((v) => {
                  const form = reviewForms[String(v.version)] ?? { values: {}, errors: {} };
                  const commentId = `review-${v.version}`;
                  const error = form.errors['comment'];
                  return (
                    <tr id={`v${v.version}`}>
                      <th scope="row">v{v.version}</th>
                      <td class="break">
                        <VersionContent ui={ui} v={v} />
                      </td>
                      <td class="nowrap">{i.date(v.effectiveAt)}</td>
                      <td class="nowrap">
                        {v.expiresAt ? i.date(v.expiresAt) : t('evidence.noExpiry')}
                        <div>
                          <FreshnessBadge ui={ui} value={v.freshness} />
                        </div>
                      </td>
                      <td class="small">
                        {v.uploadedBy}
                        <div>{i.dateTime(v.uploadedAt)}</div>
                        {v.producedBy ? <div>{t('cert.producedBy', { by: v.producedBy })}</div> : null}
                        {v.checkCount && v.lastCheckedAt ? <div>{t('cert.rechecked', { count: v.checkCount, at: i.dateTime(v.lastCheckedAt), by: v.lastCheckedBy ?? '—' })}</div> : null}
                      </td>
                      <td>
                        <ReviewBadge ui={ui} value={v.reviewStatus} />
                        {v.reviewedBy ? <div class="small">{t('evidence.reviewedBy', { who: v.reviewedBy, at: i.dateTime(v.reviewedAt) })}</div> : null}
                        {v.reviewComment ? <blockquote class="small">{v.reviewComment}</blockquote> : null}
                      </td>
                      {canReview ? (
                        <td>
                          {v.reviewStatus === 'pending' ? (
                            <form method="post" action={`/preuves/${item.id}/versions/${v.version}/accept`} class="stacked" novalidate>
                              <Csrf ui={ui} />
                              <div class={`field${error ? ' has-error' : ''}`}>
                                <label for={commentId}>{t('evidence.reviewComment')}</label>
                                {error ? (
                                  <p class="field-error" id={`${commentId}-error`}>
                                    {error}
                                  </p>
                                ) : null}
                                <textarea id={commentId} name="comment" rows={2} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${commentId}-error` : undefined}>
                                  {form.values['comment'] ?? ''}
                                </textarea>
                              </div>
                              <div class="button-row">
                                <button type="submit" class="button small">
                                  {t('evidence.accept')}
                                </button>
                                <button type="submit" class="button small danger" formAction={`/preuves/${item.id}/versions/${v.version}/reject`}>
                                  {t('evidence.reject')}
                                </button>
                              </div>
                            </form>
                          ) : (
                            '—'
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canAdd ? <AddVersionForm ui={ui} item={item} form={addForm} /> : null}
      <p>
        <a href={withQuery('/journal', { entity: 'evidence', entityId: item.id })}>{t('request.auditLink')}</a>
      </p>
    </Layout>
  );
};

const AddVersionForm: FC<{ ui: Ui; item: EvidenceItem; form: FormState }> = ({ ui, item, form }) => {
  const { t } = ui.i18n;
  const labels = { file: t('evidence.file'), url: t('evidence.url'), note: t('evidence.note'), effectiveAt: t('evidence.col.effective'), expiresAt: t('evidence.col.expires') };
  const fileError = form.errors['file'];
  return (
    <section class="panel" aria-labelledby="add-version">
      <h2 id="add-version">{t('evidence.addVersion')}</h2>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      {item.kind === 'file' ? (
        // The token rides in the address: the multipart body goes to the upload verb untouched.
        <form method="post" action={withQuery(`/preuves/${item.id}/fichier`, { _csrf: ui.csrf })} enctype="multipart/form-data" novalidate>
          <div class={`field${fileError ? ' has-error' : ''}`}>
            <label for={fieldId('file')}>{labels.file}</label>
            <p class="hint" id={`${fieldId('file')}-hint`}>
              {t('evidence.fileHint')}
            </p>
            {fileError ? (
              <p class="field-error" id={`${fieldId('file')}-error`}>
                {fileError}
              </p>
            ) : null}
            <input type="file" id={fieldId('file')} name="file" aria-describedby={`${fieldId('file')}-hint${fileError ? ` ${fieldId('file')}-error` : ''}`} aria-invalid={fileError ? 'true' : undefined} />
          </div>
          <div class="grid">
            <TextField form={form} name="effectiveAt" type="date" label={labels.effectiveAt} hint={t('common.dateHint')} required />
            <TextField form={form} name="expiresAt" type="date" label={labels.expiresAt} hint={t('evidence.expiresHint')} />
          </div>
          <button type="submit" class="button">
            {t('evidence.upload')}
          </button>
        </form>
      ) : (
        <form method="post" action={`/preuves/${item.id}/version`} novalidate>
          <Csrf ui={ui} />
          {item.kind === 'link' ? (
            <TextField form={form} name="url" type="url" label={labels.url} required spellcheck={false} />
          ) : (
            <TextArea form={form} name="note" label={labels.note} required rows={4} />
          )}
          <div class="grid">
            <TextField form={form} name="effectiveAt" type="date" label={labels.effectiveAt} hint={t('common.dateHint')} required />
            <TextField form={form} name="expiresAt" type="date" label={labels.expiresAt} hint={t('evidence.expiresHint')} />
          </div>
          <button type="submit" class="button">
            {t('evidence.addVersionSubmit')}
          </button>
        </form>
      )}
    </section>
  );
};

