/** Certification pages: frameworks and their readiness, controls, one control, findings. */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import { BarChart, type BarRow } from './charts.js';
import { ControlPicker, evidenceCounts, MajorFindingBadge, ReviewStateBadge, type FrameworkChoices } from './cert.js';
import { Badge, Checkbox, ColumnHeads, Csrf, Empty, ErrorSummary, Facts, Hash, Pagination, SelectField, TextArea, TextField, withQuery, type Option } from './components.js';
import { FINDING_GRADES, FINDING_STATES, findingStateLabel, GradeBadge, gradeLabel, OverdueBadge, OwnerDueFields } from './finding-fragments.js';
import { ExportLinks, type ExportLink } from './home.js';
import { Layout } from './layout.js';
import { evidenceTitle, type FormState, type Ui } from './ui.js';

export const IMPLEMENTATION_STATES = ['not_started', 'planned', 'partially_implemented', 'implemented'] as const;

export function implementationLabel(ui: Ui, v: string): string {
  return (IMPLEMENTATION_STATES as readonly string[]).includes(v) ? ui.i18n.t(`impl.${v as (typeof IMPLEMENTATION_STATES)[number]}`) : v;
}

const implKind: Record<string, string> = { not_started: 'neutral', planned: 'info', partially_implemented: 'warning', implemented: 'success' };
export const ImplBadge: FC<{ ui: Ui; value: string; applicable: boolean }> = ({ ui, value, applicable }) =>
  applicable ? <Badge kind={implKind[value] ?? 'neutral'}>{implementationLabel(ui, value)}</Badge> : <Badge kind="neutral">{ui.i18n.t('controls.excluded')}</Badge>;


export function localTitle(ui: Ui, x: { titleFr: string; titleEn?: string | null }): string {
  return ui.i18n.local(x.titleFr, x.titleEn);
}

export function localName(ui: Ui, x: { nameFr: string; nameEn?: string | null }): string {
  return ui.i18n.local(x.nameFr, x.nameEn);
}

const freshnessKeys: Record<string, MessageKey> = {
  current: 'freshness.current',
  expiring: 'freshness.expiring',
  expired: 'freshness.expired',
  not_yet_effective: 'freshness.not_yet_effective',
};
const freshnessKind: Record<string, string> = { current: 'success', expiring: 'warning', expired: 'danger', not_yet_effective: 'info' };
export const FreshnessBadge: FC<{ ui: Ui; value: string | null }> = ({ ui, value }) =>
  value ? <Badge kind={freshnessKind[value] ?? 'neutral'}>{freshnessKeys[value] ? ui.i18n.t(freshnessKeys[value]) : value}</Badge> : <span>—</span>;

const reviewKeys: Record<string, MessageKey> = { pending: 'review.pending', accepted: 'review.accepted', rejected: 'review.rejected' };
const reviewKind: Record<string, string> = { pending: 'info', accepted: 'success', rejected: 'danger' };
export const ReviewBadge: FC<{ ui: Ui; value: string }> = ({ ui, value }) => <Badge kind={reviewKind[value] ?? 'neutral'}>{reviewKeys[value] ? ui.i18n.t(reviewKeys[value]) : value}</Badge>;

// ---------------------------------------------------------------------------------------------
// Frameworks

export interface FrameworkRow {
  id: string;
  nameFr: string;
  nameEn: string;
  version: string;
  publisher: string;
  controls: { total: number; applicable: number; notApplicable: number; byStatus: Record<string, number> };
  evidence: { current: number; expiring: number; expired: number };
  openFindings?: { total: number } | undefined;
  readiness: { ratio: number; applicable: number; implemented: number; withLiveEvidence: number };
}

export const FrameworksPage: FC<{ ui: Ui; frameworks: FrameworkRow[]; readiness: BarRow[]; exports: ExportLink[] | null }> = ({ ui, frameworks, readiness, exports }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <Layout ui={ui} title={t('frameworks.title')} lead={t('frameworks.lead')} nav="frameworks" wide>
      <div class="table-wrap" tabindex={0}>
        <table class="data">
          <caption>{t('frameworks.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('frameworks.col.name')}</th>
              <th scope="col" class="num">{t('frameworks.col.controls')}</th>
              <th scope="col" class="num">{t('frameworks.col.implemented')}</th>
              <th scope="col">{t('frameworks.col.evidence')}</th>
              {frameworks.some((f) => f.openFindings) ? <th scope="col" class="num">{t('frameworks.col.findings')}</th> : null}
              <th scope="col" class="num">{t('readiness.value')}</th>
            </tr>
          </thead>
          <tbody>
            {frameworks.map((f) => (
              <tr>
                <th scope="row">
                  <a href={`/referentiels/${f.id}`}>{localName(ui, f)}</a>
                  <div class="hint">
                    <span lang="fr">{ui.i18n.local(f.publisher)}</span> · {f.version}
                  </div>
                </th>
                <td class="num">{t('frameworks.controlsValue', { applicable: f.controls.applicable, total: f.controls.total })}</td>
                <td class="num">{i.num(f.readiness.implemented, 0)}</td>
                <td>{t('frameworks.evidenceValue', { current: f.evidence.current, expiring: f.evidence.expiring, expired: f.evidence.expired })}</td>
                {f.openFindings ? <td class="num">{f.openFindings.total}</td> : frameworks.some((x) => x.openFindings) ? <td class="num">—</td> : null}
                <td class="num">{i.percent(f.readiness.ratio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="with-aside">
        <section aria-labelledby="readiness-title">
          <h2 id="readiness-title">{t('readiness.title')}</h2>
          <BarChart ui={ui} id="readiness" title={t('readiness.caption')} rows={readiness} labelHeader={t('frameworks.col.name')} valueHeader={t('readiness.value')} detailHeader={t('readiness.detail')} />
          <p class="hint">{t('readiness.formula')}</p>
        </section>
        {exports ? <ExportLinks ui={ui} links={exports} /> : null}
      </div>
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// Controls of one framework

export interface ControlRow {
  frameworkId: string;
  id: string;
  group: string;
  titleFr: string;
  titleEn: string | null;
  applicable: boolean;
  implementation: string;
  liveEvidence: number;
  pendingEvidence?: number | undefined;
  expiredEvidence?: number | undefined;
  openFindings?: number | undefined;
  openMajorFindings?: number | undefined;
  score: number | null;
  lastReviewedAt: string | null;
}

export interface ControlFilters {
  group: string;
  status: string;
  applicable: string;
  q: string;
}

export const ControlsPage: FC<{
  ui: Ui;
  framework: { id: string; nameFr: string; nameEn: string; groups: { id: string; nameFr: string; nameEn: string | null }[] };
  items: ControlRow[];
  total: number;
  limit: number;
  offset: number;
  filters: ControlFilters;
  readiness: BarRow[];
}> = ({ ui, framework, items, total, limit, offset, filters, readiness }) => {
  const { t } = ui.i18n;
  const form: FormState = { values: { ...filters }, errors: {} };
  const groupName = new Map(framework.groups.map((g) => [g.id, localName(ui, g)]));
  const showFindings = items.some((c) => c.openFindings !== undefined);
  return (
    <Layout ui={ui} title={localName(ui, framework)} nav="frameworks" wide>
      <p>
        <a href="/referentiels">{t('controls.back')}</a>
      </p>
      {readiness.length > 0 ? (
        <details class="panel">
          <summary>{t('controls.groupReadiness')}</summary>
          <BarChart ui={ui} id="groups" title={t('controls.groupReadiness')} rows={readiness} labelHeader={t('controls.col.group')} valueHeader={t('readiness.value')} detailHeader={t('readiness.detail')} />
        </details>
      ) : null}
      <form method="get" action={`/referentiels/${framework.id}`} class="filters" role="search" aria-label={t('controls.filters')}>
        <SelectField form={form} name="group" label={t('controls.col.group')} blank={t('common.all')} options={framework.groups.map((g) => ({ value: g.id, label: `${g.id} — ${localName(ui, g)}` }))} />
        <SelectField form={form} name="status" label={t('controls.col.implementation')} blank={t('common.all')} options={IMPLEMENTATION_STATES.map((s) => ({ value: s, label: implementationLabel(ui, s) }))} />
        <SelectField
          form={form}
          name="applicable"
          label={t('controls.col.applicable')}
          blank={t('common.all')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        <TextField form={form} name="q" type="search" label={t('controls.search')} />
        <button type="submit" class="button secondary">
          {t('common.filter')}
        </button>
      </form>
      {items.length === 0 ? (
        <Empty ui={ui} />
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption>{t('controls.caption', { total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('controls.col.id')}</th>
                <th scope="col">{t('controls.col.title')}</th>
                <th scope="col">{t('controls.col.group')}</th>
                <th scope="col">{t('controls.col.implementation')}</th>
                <th scope="col" class="num">{t('controls.col.evidence')}</th>
                {showFindings ? <th scope="col" class="num">{t('controls.col.findings')}</th> : null}
                <th scope="col" class="num">{t('controls.col.score')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr>
                  <th scope="row" class="nowrap">
                    <a href={`/referentiels/${c.frameworkId}/${encodeURIComponent(c.id)}`}>{c.id}</a>
                  </th>
                  <td>{localTitle(ui, c)}</td>
                  <td class="small">{groupName.get(c.group) ?? c.group}</td>
                  <td>
                    <ImplBadge ui={ui} value={c.implementation} applicable={c.applicable} />
                    <MajorFindingBadge ui={ui} count={c.openMajorFindings} />
                  </td>
                  <td class="num" title={evidenceCounts(ui, c)}>
                    {c.liveEvidence}
                    {c.pendingEvidence || c.expiredEvidence ? <div class="hint">{evidenceCounts(ui, c)}</div> : null}
                  </td>
                  {showFindings ? <td class="num">{c.openFindings ?? 0}</td> : null}
                  <td class="num">{c.score === null ? '—' : ui.i18n.percent(c.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ui={ui} total={total} limit={limit} offset={offset} href={(o) => withQuery(`/referentiels/${framework.id}`, { ...filters, offset: o })} />
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// One control

export interface ControlEvidence {
  id: string;
  title: string;
  kind: string;
  source: string;
  latestVersion: {
    version: number;
    sha256: string | null;
    fileName: string | null;
    url: string | null;
    effectiveAt: string;
    expiresAt: string | null;
    uploadedAt: string;
    uploadedBy: string;
    reviewStatus: string;
  } | null;
  freshness: string | null;
  live: boolean;
  reviewState?: string | undefined;
  acceptedVersion?: { version: number } | null | undefined;
  awaitingReviewVersion?: { version: number } | null | undefined;
}

export interface FindingSummary {
  id: string;
  reference: string;
  grade: string;
  title: string;
  status: string;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
  raisedAt: string;
}

export interface ControlDetail {
  frameworkId: string;
  id: string;
  group: { id: string; nameFr: string; nameEn: string | null };
  titleFr: string;
  titleEn: string | null;
  descriptionFr: string | null;
  guidanceFr: string | null;
  catalogVersion: string;
  status: { applicable: boolean; justification: string; justificationReason?: string | null; implementation: string; owner: string | null; lastReviewedAt: string | null; version: number; reviewedBy: string | null };
  readiness: { score: number | null; liveEvidence: number; pendingEvidence?: number; expiredEvidence?: number; openMajorFindings?: number };
  crosswalk: { frameworkId: string; frameworkNameFr?: string; frameworkNameEn?: string | null; id: string; titleFr: string; titleEn: string | null; relation: string; rationaleFr: string }[];
  rules: { id: string; title: string; titleEn: string; severity: string }[];
  evidence?: ControlEvidence[] | undefined;
  openFindings?: FindingSummary[] | undefined;
}

const relationKeys: Record<string, MessageKey> = { equivalent: 'crosswalk.equivalent', partial: 'crosswalk.partial', related: 'crosswalk.related' };

export const FindingsTable: FC<{ ui: Ui; items: FindingSummary[]; caption: string }> = ({ ui, items, caption }) => {
  if (items.length === 0) return <Empty ui={ui} message="findings.empty" />;
  return (
    <div class="table-wrap" tabindex={0}>
      <table class="data">
        <caption>{caption}</caption>
        <ColumnHeads ui={ui} columns={['findings.col.reference', 'findings.col.grade', 'findings.col.title', 'findings.col.status', 'findings.col.owner', 'findings.col.due']} />
        <tbody>
          {items.map((f) => (
            <tr>
              <th scope="row" class="nowrap">
                <a href={`/constats/${f.id}`}>{f.reference}</a>
              </th>
              <td>
                <GradeBadge ui={ui} grade={f.grade} />
              </td>
              <td>{f.title}</td>
              <td>{findingStateLabel(ui, f.status)}</td>
              <td>{f.owner ?? '—'}</td>
              <td class="nowrap">
                {f.dueDate ? ui.i18n.date(`${f.dueDate}T12:00:00Z`) : '—'}
                <OverdueBadge ui={ui} overdue={f.overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const ControlPage: FC<{ ui: Ui; control: ControlDetail; form: FormState; canEdit: boolean; frameworkName: string }> = ({ ui, control, form, canEdit, frameworkName }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const s = control.status;
  return (
    <Layout ui={ui} title={`${control.id} — ${localTitle(ui, control)}`} nav="frameworks" wide>
      <p>
        <a href={`/referentiels/${control.frameworkId}`}>{t('control.back', { framework: frameworkName })}</a>
      </p>
      <div class="with-aside">
        <div>
          {control.descriptionFr ? (
            <section aria-labelledby="c-desc">
              <h2 id="c-desc">{t('control.description')}</h2>
              <p lang="fr">{control.descriptionFr}</p>
            </section>
          ) : null}
          {control.guidanceFr ? (
            <section aria-labelledby="c-guidance">
              <h2 id="c-guidance">{t('cert.guidance')}</h2>
              <p class="guidance" lang="fr">
                {ui.i18n.local(control.guidanceFr)}
              </p>
            </section>
          ) : null}
          <section aria-labelledby="c-status">
            <h2 id="c-status">{t('control.status')}</h2>
            <Facts
              items={[
                [t('controls.col.group'), `${control.group.id} — ${localName(ui, control.group)}`],
                [t('controls.col.applicable'), s.applicable ? t('common.yes') : t('common.no')],
                [t('control.justification'), s.justification || '—'],
                [
                  t('controls.col.implementation'),
                  <>
                    <ImplBadge ui={ui} value={s.implementation} applicable={s.applicable} />
                    <MajorFindingBadge ui={ui} count={control.readiness.openMajorFindings} />
                  </>,
                ],
                [t('control.owner'), s.owner ?? '—'],
                [t('control.lastReview'), s.lastReviewedAt ? `${i.dateTime(s.lastReviewedAt)} · ${s.reviewedBy ?? '—'}` : '—'],
                [t('controls.col.score'), control.readiness.score === null ? '—' : i.percent(control.readiness.score)],
                [t('controls.col.evidence'), evidenceCounts(ui, control.readiness)],
                [t('control.catalog'), control.catalogVersion],
              ]}
            />
          </section>
          {control.evidence ? (
            <section aria-labelledby="c-evidence">
              <h2 id="c-evidence">{t('control.evidence')}</h2>
              {control.evidence.length === 0 ? (
                <Empty ui={ui} message="control.noEvidence" />
              ) : (
                <div class="table-wrap" tabindex={0}>
                  <table class="data">
                    <caption class="visually-hidden">{t('control.evidence')}</caption>
                    <ColumnHeads ui={ui} columns={['evidence.col.title', 'cert.col.reviewState', 'evidence.col.version', 'evidence.col.sha256', 'evidence.col.effective', 'evidence.col.expires', 'evidence.col.review', 'evidence.col.freshness']} />
                    <tbody>
                      {control.evidence.map((e) => (
                        <tr>
                          <th scope="row">
                            <a href={`/preuves/${e.id}`}>{evidenceTitle(ui, e)}</a>
                          </th>
                          <td>
                            <ReviewStateBadge ui={ui} state={e.reviewState ?? 'none'} />
                            {e.reviewState === 'accepted' && e.awaitingReviewVersion ? <div class="hint">{t('cert.newVersionAwaiting', { version: e.awaitingReviewVersion.version })}</div> : null}
                          </td>
                          <td>{e.latestVersion ? `v${e.latestVersion.version}` : '—'}</td>
                          <td>
                            <Hash value={e.latestVersion?.sha256} />
                          </td>
                          <td class="nowrap">{i.date(e.latestVersion?.effectiveAt)}</td>
                          <td class="nowrap">{e.latestVersion?.expiresAt ? i.date(e.latestVersion.expiresAt) : t('evidence.noExpiry')}</td>
                          <td>{e.latestVersion ? <ReviewBadge ui={ui} value={e.latestVersion.reviewStatus} /> : '—'}</td>
                          <td>
                            <FreshnessBadge ui={ui} value={e.freshness} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ) : null}
          {control.openFindings ? (
            <section aria-labelledby="c-findings">
              <h2 id="c-findings">{t('control.findings')}</h2>
              <FindingsTable ui={ui} items={control.openFindings} caption={t('control.findings')} />
              {ui.actor?.role === 'auditor' ? (
                <p>
                  <a class="button secondary" href={withQuery('/constats/nouveau', { framework: control.frameworkId, controls: control.id })}>
                    {t('cert.raiseOnControl')}
                  </a>
                </p>
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="c-crosswalk">
            <h2 id="c-crosswalk">{t('control.crosswalk')}</h2>
            {control.crosswalk.length === 0 ? (
              <Empty ui={ui} />
            ) : (
              <div class="table-wrap" tabindex={0}>
                <table class="data compact">
                  <caption class="visually-hidden">{t('control.crosswalk')}</caption>
                  <ColumnHeads ui={ui} columns={['control.crosswalkControl', 'control.relation', 'control.rationale']} />
                  <tbody>
                    {control.crosswalk.map((x) => (
                      <tr>
                        <th scope="row">
                          <a href={`/referentiels/${x.frameworkId}/${encodeURIComponent(x.id)}`}>
                            {x.id} — {localTitle(ui, x)}
                          </a>
                          <div class="hint">{x.frameworkNameFr ? localName(ui, { nameFr: x.frameworkNameFr, nameEn: x.frameworkNameEn ?? null }) : x.frameworkId}</div>
                        </th>
                        <td>{relationKeys[x.relation] ? t(relationKeys[x.relation]!) : x.relation}</td>
                        <td lang="fr">{ui.i18n.local(x.rationaleFr)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {control.rules.length > 0 ? (
            <section aria-labelledby="c-rules">
              <h2 id="c-rules">{t('control.rules')}</h2>
              <ul>
                {control.rules.map((r) => (
                  <li>
                    <code>{r.id}</code> — {ui.i18n.local(r.title, r.titleEn)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside>
          {canEdit ? (
            <section class="panel" aria-labelledby="c-edit">
              <h2 id="c-edit">{t('control.edit')}</h2>
              <ErrorSummary ui={ui} form={form} labels={{ justification: t('control.justification'), implementation: t('controls.col.implementation'), owner: t('control.owner') }} />
              <form method="post" action={`/referentiels/${control.frameworkId}/${encodeURIComponent(control.id)}`} novalidate>
                <Csrf ui={ui} />
                <input type="hidden" name="version" value={String(s.version)} />
                <SelectField
                  form={form}
                  name="applicable"
                  label={t('controls.col.applicable')}
                  options={[
                    { value: 'true', label: t('common.yes') },
                    { value: 'false', label: t('common.no') },
                  ]}
                />
                <TextArea form={form} name="justification" label={t('control.justification')} hint={t('control.justificationHint')} />
                <SelectField
                  form={form}
                  name="justificationReason"
                  label={t('cert.soa.reason')}
                  hint={t('cert.soa.reasonHint')}
                  blank="—"
                  options={(['risk_treatment', 'legal_regulatory', 'contractual', 'good_practice'] as const).map((r) => ({ value: r, label: t(`cert.soa.reason.${r}`) }))}
                />
                <SelectField form={form} name="implementation" label={t('controls.col.implementation')} options={IMPLEMENTATION_STATES.map((v) => ({ value: v, label: implementationLabel(ui, v) }))} />
                <TextField form={form} name="owner" label={t('control.owner')} />
                <Checkbox form={form} name="reviewed" label={t('control.reviewed')} />
                <button type="submit" class="button">
                  {t('common.save')}
                </button>
              </form>
            </section>
          ) : null}
        </aside>
      </div>
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// Findings

export interface FindingDetail extends FindingSummary {
  description: string;
  correctiveAction: string | null;
  controls: { frameworkId: string; controlId: string; titleFr: string | null }[];
  raisedBy: string | null;
  closedBy: string | null;
  closedAt: string | null;
  version: number;
  allowedActions: string[];
}

export const FindingsPage: FC<{ ui: Ui; items: FindingSummary[]; total: number; limit: number; offset: number; filters: Record<string, string>; frameworks: Option[]; canRaise: boolean }> = ({
  ui,
  items,
  total,
  limit,
  offset,
  filters,
  frameworks,
  canRaise,
}) => {
  const { t } = ui.i18n;
  const form: FormState = { values: filters, errors: {} };
  return (
    <Layout ui={ui} title={t('findings.title')} lead={t('findings.lead')} nav="findings" wide>
      {canRaise ? (
        <p>
          <a class="button" href="/constats/nouveau">
            {t('findings.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/constats" class="filters" role="search" aria-label={t('findings.filters')}>
        <SelectField form={form} name="status" label={t('findings.col.status')} blank={t('common.all')} options={FINDING_STATES.map((s) => ({ value: s, label: findingStateLabel(ui, s) }))} />
        <SelectField form={form} name="grade" label={t('findings.col.grade')} blank={t('common.all')} options={FINDING_GRADES.map((s) => ({ value: s, label: gradeLabel(ui, s) }))} />
        <SelectField form={form} name="framework" label={t('frameworks.col.name')} blank={t('common.all')} options={frameworks} />
        <SelectField
          form={form}
          name="overdue"
          label={t('findings.overdue')}
          blank={t('common.all')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        <button type="submit" class="button secondary">
          {t('common.filter')}
        </button>
      </form>
      <FindingsTable ui={ui} items={items} caption={t('findings.caption', { total })} />
      <Pagination ui={ui} total={total} limit={limit} offset={offset} href={(o) => withQuery('/constats', { ...filters, offset: o })} />
    </Layout>
  );
};

export const RaiseFindingPage: FC<{ ui: Ui; form: FormState; frameworks: Option[]; choices: FrameworkChoices[] }> = ({ ui, form, frameworks, choices }) => {
  const { t } = ui.i18n;
  const labels = {
    title: t('findings.col.title'),
    description: t('findings.description'),
    grade: t('findings.col.grade'),
    framework: t('frameworks.col.name'),
    controls: t('findings.controlIds'),
    owner: t('findings.col.owner'),
    dueDate: t('findings.col.due'),
  };
  return (
    <Layout ui={ui} title={t('findings.new')} nav="findings">
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action="/constats/nouveau" novalidate class="panel">
        <Csrf ui={ui} />
        <TextField form={form} name="title" label={labels.title} required />
        <TextArea form={form} name="description" label={labels.description} required rows={4} />
        <div class="grid">
          <SelectField form={form} name="grade" label={labels.grade} required options={FINDING_GRADES.map((g) => ({ value: g, label: gradeLabel(ui, g) }))} />
          <SelectField form={form} name="framework" label={labels.framework} required options={frameworks} />
          <ControlPicker ui={ui} form={form} name="controls" label={labels.controls} framework={form.values['framework'] ?? ''} choices={choices} />
          <OwnerDueFields ui={ui} form={form} ownerLabel={labels.owner} dueLabel={labels.dueDate} />
        </div>
        <button type="submit" class="button">
          {t('findings.submit')}
        </button>
      </form>
    </Layout>
  );
};
