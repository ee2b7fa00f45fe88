/** Hosting requests: the list, the request form with its services editor, and one request. */
import type { FC } from 'hono/jsx';
import { translateMessage } from '../i18n/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { Badge, Csrf, Empty, ErrorSummary, Facts, Pagination, SelectField, TextArea, TextField, UsageBar, withQuery, type Option } from './components.js';
import { Layout } from './layout.js';
import { RequestInfrastructure, type RequestInfrastructureView } from './request-infrastructure.js';
import { RequestObtained } from './request-obtained.js';
import type { Obtained } from '../services/hosting-requests/obtained.js';
import { fieldId, type FormState, type Ui } from './ui.js';

export interface Footprint {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
}

export interface Quotas extends Footprint {
  environments: number;
}

export interface RequestSummary {
  id: string;
  reference: string;
  ministry: { code: string; name: string };
  environmentName: string;
  classification: string;
  exposure: string;
  availability: string;
  state: string;
  footprint: Footprint;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export interface ServiceView {
  name: string;
  image: string;
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  ports: number[];
  healthcheck: { test: string[] };
  replicas: number;
  kind: string;
  expose?: { port: number; hostname: string };
}

export interface TimelineEntry {
  at: string;
  from: string | null;
  to: string;
  comment: string | null;
  actor: string;
}

export interface RequestDetail extends RequestSummary {
  purpose: string;
  backup: { policy: string; retentionDays: number };
  version: number;
  services: ServiceView[];
  placements: { service: string; replica: number; host: string; powerFeed: string }[];
  createdBy: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  timeline: TimelineEntry[];
  infrastructure?: RequestInfrastructureView;
  /** A draft saved incomplete: the fields submission will still ask for. */
  incomplete?: { missing: string[] } | null;
  allowedActions: string[];
}

const MISSING_LABELS: Record<string, MessageKey> = {
  environmentName: 'request.environmentName',
  purpose: 'request.purpose',
  classification: 'request.classification',
  backup: 'request.backupPolicy',
  'backup.policy': 'request.backupPolicy',
  'backup.retentionDays': 'request.retention',
  name: 'request.service.name',
  image: 'request.service.image',
  vcpu: 'request.service.vcpu',
  memoryMb: 'request.service.memory',
  storageGb: 'request.service.storage',
  ports: 'request.service.ports',
  healthcheck: 'request.service.healthcheck',
  'healthcheck.test': 'request.service.healthcheck',
  replicas: 'request.service.replicas',
};

/** A field submission still asks for, in words: « Service 1 — Image ». */
function missingLabel(ui: Ui, field: string): string {
  const { t } = ui.i18n;
  if (field === 'services') return t('draft.noService');
  const row = /^services\.(\d+)\.(.+)$/.exec(field);
  if (row) {
    const key = MISSING_LABELS[row[2]!] ?? MISSING_LABELS[row[2]!.split('.')[0]!];
    return t('draft.service', { n: Number(row[1]) + 1, field: key ? t(key) : row[2]! });
  }
  const key = MISSING_LABELS[field];
  return key ? t(key) : field;
}

export interface MinistryQuota {
  code: string;
  name: string;
  quotas: Quotas;
  allocated: Quotas;
}

export interface FeedHeadroom {
  feed: string;
  hosts: number;
  capacity: Footprint;
  used: Footprint;
}

/** What approving a request would do to its ministry's quota and to the site. */
export interface CapacityImpact {
  ministry: MinistryQuota | null;
  footprint: Footprint;
  feeds: FeedHeadroom[];
  placement: { ok: true; hosts: { host: string; feed: string; replicas: string[] }[] } | { ok: false; reason: string };
}

export const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'secret'] as const;
export const EXPOSURES = ['internal', 'government', 'public'] as const;
export const AVAILABILITIES = ['standard', 'high'] as const;
export const BACKUP_POLICIES = ['none', 'daily', 'hourly', 'continuous'] as const;
export const REQUEST_STATES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
  'provisioning',
  'active',
  'decommission_requested',
  'decommissioning',
  'decommissioned',
] as const;

export function stateLabel(ui: Ui, state: string): string {
  return (REQUEST_STATES as readonly string[]).includes(state) ? ui.i18n.t(`state.${state as (typeof REQUEST_STATES)[number]}`) : state;
}

function label<K extends string>(ui: Ui, prefix: 'classification' | 'exposure' | 'availability' | 'backup', values: readonly K[], value: string): string {
  return (values as readonly string[]).includes(value) ? ui.i18n.t(`${prefix}.${value}` as MessageKey) : value;
}

export const classificationLabel = (ui: Ui, v: string) => label(ui, 'classification', CLASSIFICATIONS, v);
export const exposureLabel = (ui: Ui, v: string) => label(ui, 'exposure', EXPOSURES, v);
export const availabilityLabel = (ui: Ui, v: string) => label(ui, 'availability', AVAILABILITIES, v);
export const backupLabel = (ui: Ui, v: string) => label(ui, 'backup', BACKUP_POLICIES, v);

const stateKind: Record<string, string> = {
  draft: 'neutral',
  submitted: 'info',
  changes_requested: 'warning',
  approved: 'success',
  rejected: 'danger',
  provisioning: 'info',
  active: 'success',
  decommission_requested: 'warning',
  decommissioning: 'warning',
  decommissioned: 'neutral',
};

export const StateBadge: FC<{ ui: Ui; state: string }> = ({ ui, state }) => <Badge kind={stateKind[state] ?? 'neutral'}>{stateLabel(ui, state)}</Badge>;

/** An image reference with its digest cut short; the full reference stays in the title. */
export function shortImage(image: string): string {
  const at = image.indexOf('@sha256:');
  return at < 0 ? image : `${image.slice(0, at)}@sha256:${image.slice(at + 8, at + 20)}…`;
}

export function footprintText(ui: Ui, f: Footprint): string {
  return `${ui.i18n.vcpu(f.vcpu)} · ${ui.i18n.mib(f.memoryMb)} · ${ui.i18n.gib(f.storageGb)}`;
}

// ---------------------------------------------------------------------------------------------
// List

export interface RequestFilters {
  state: string;
  classification: string;
  exposure: string;
  ministry: string;
  q: string;
}

export const RequestsTable: FC<{ ui: Ui; items: RequestSummary[]; caption: string; showMinistry: boolean; compact?: boolean }> = ({ ui, items, caption, showMinistry, compact = false }) => {
  const { t } = ui.i18n;
  if (items.length === 0) return <Empty ui={ui} message="requests.empty" />;
  return (
    <div class="table-wrap" tabindex={0}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requests.col.reference')}</th>
            <th scope="col">{t('requests.col.environment')}</th>
            {showMinistry ? <th scope="col">{t('requests.col.ministry')}</th> : null}
            <th scope="col">{t('requests.col.state')}</th>
            {compact ? null : <th scope="col">{t('requests.col.classification')}</th>}
            {compact && showMinistry ? null : <th scope="col">{t('requests.col.footprint')}</th>}
            <th scope="col">{t('requests.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr>
              <th scope="row" class="nowrap">
                <a href={`/demandes/${r.id}`}>{r.reference}</a>
              </th>
              <td>
                {r.environmentName ? <code>{r.environmentName}</code> : ui.i18n.t('draft.unnamed')}
              </td>
              {showMinistry ? (
                <td>
                  <abbr title={r.ministry.name}>{r.ministry.code}</abbr>
                </td>
              ) : null}
              <td>
                <StateBadge ui={ui} state={r.state} />
              </td>
              {compact ? null : <td>{classificationLabel(ui, r.classification)}</td>}
              {compact && showMinistry ? null : <td class={compact ? 'small' : 'nowrap'}>{footprintText(ui, r.footprint)}</td>}
              <td class="nowrap">{compact ? ui.i18n.date(r.updatedAt) : ui.i18n.dateTime(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const RequestsListPage: FC<{
  ui: Ui;
  items: RequestSummary[];
  total: number;
  limit: number;
  offset: number;
  filters: RequestFilters;
  ministries: Option[] | null;
}> = ({ ui, items, total, limit, offset, filters, ministries }) => {
  const { t } = ui.i18n;
  const form: FormState = { values: { ...filters }, errors: {} };
  const isRequester = ui.actor?.role === 'requester';
  const base = { ...filters };
  return (
    <Layout ui={ui} title={isRequester ? t('requests.titleMine') : t('requests.title')} nav="requests" wide>
      {isRequester ? (
        <p>
          <a class="button" href="/demandes/nouvelle">
            {t('requests.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/demandes" class="filters" role="search" aria-label={t('requests.filters')}>
        <SelectField form={form} name="state" label={t('requests.col.state')} blank={t('common.all')} options={REQUEST_STATES.map((s) => ({ value: s, label: stateLabel(ui, s) }))} />
        <SelectField form={form} name="classification" label={t('requests.col.classification')} blank={t('common.all')} options={CLASSIFICATIONS.map((s) => ({ value: s, label: classificationLabel(ui, s) }))} />
        <SelectField form={form} name="exposure" label={t('request.exposure')} blank={t('common.all')} options={EXPOSURES.map((s) => ({ value: s, label: exposureLabel(ui, s) }))} />
        {ministries ? <SelectField form={form} name="ministry" label={t('requests.col.ministry')} blank={t('common.all')} options={ministries} /> : null}
        <TextField form={form} name="q" type="search" label={t('requests.search')} />
        <button type="submit" class="button secondary">
          {t('common.filter')}
        </button>
      </form>
      <RequestsTable ui={ui} items={items} caption={t('requests.caption', { total })} showMinistry={!isRequester} />
      <Pagination ui={ui} total={total} limit={limit} offset={offset} href={(o) => withQuery('/demandes', { ...base, offset: o })} />
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// Form

export const SERVICE_FIELDS = ['name', 'kind', 'image', 'vcpu', 'memoryMb', 'storageGb', 'ports', 'healthcheck.test', 'replicas', 'expose.port', 'expose.hostname'] as const;
const SERVICE_KINDS = ['web', 'api', 'worker', 'postgresql', 'redis'] as const;

const ServiceRow: FC<{ ui: Ui; form: FormState; index: string; position: number }> = ({ ui, form, index, position }) => {
  const { t } = ui.i18n;
  const n = (f: string) => `services.${index}.${f}`;
  return (
    <fieldset class="service-row" data-service-row={index}>
      <legend>{t('request.service', { n: position })}</legend>
      <div class="grid">
        <TextField form={form} name={n('name')} label={t('request.service.name')} hint={t('request.service.nameHint')} width="medium" spellcheck={false} />
        <SelectField form={form} name={n('kind')} label={t('request.service.kind')} hint={t('request.service.kindHint')} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`request.service.kind.${k}`) }))} />
        <TextField form={form} name={n('image')} label={t('request.service.image')} hint={t('request.service.imageHint')} class="span-2" spellcheck={false} />
        <TextField form={form} name={n('vcpu')} type="number" label={t('request.service.vcpu')} hint={t('request.service.vcpuHint')} width="short" />
        <TextField form={form} name={n('memoryMb')} type="number" label={t('request.service.memory')} hint={t('request.service.memoryHint')} width="short" />
        <TextField form={form} name={n('storageGb')} type="number" inputmode="numeric" label={t('request.service.storage')} hint={t('request.service.storageHint')} width="short" />
        <TextField form={form} name={n('replicas')} type="number" inputmode="numeric" label={t('request.service.replicas')} width="short" />
        <TextField form={form} name={n('ports')} label={t('request.service.ports')} hint={t('request.service.portsHint')} width="medium" />
        <TextField form={form} name={n('healthcheck.test')} label={t('request.service.healthcheck')} hint={t('request.service.healthcheckHint')} class="span-2" spellcheck={false} />
        <TextField form={form} name={n('expose.port')} type="number" inputmode="numeric" label={t('request.service.exposePort')} hint={t('request.service.exposePortHint')} width="short" />
        <TextField form={form} name={n('expose.hostname')} label={t('request.service.exposeHostname')} hint={t('request.service.exposeHostnameHint')} width="medium" spellcheck={false} />
      </div>
      <button type="submit" name="_action" value={`remove-row:${index}`} class="button-link danger" formnovalidate data-remove-row={index}>
        {t('request.service.remove', { n: position })}
      </button>
    </fieldset>
  );
};

export const QuotaPanel: FC<{ ui: Ui; ministry: MinistryQuota; extra?: Footprint | undefined; extraEnvironments?: number }> = ({ ui, ministry, extra, extraEnvironments = 0 }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <div class="quota">
      <UsageBar ui={ui} label={t('resource.vcpu')} used={ministry.allocated.vcpu} extra={extra?.vcpu} total={ministry.quotas.vcpu} format={(n) => i.num(n)} />
      <UsageBar ui={ui} label={t('resource.memoryMb')} used={ministry.allocated.memoryMb} extra={extra?.memoryMb} total={ministry.quotas.memoryMb} format={(n) => i.mib(n)} />
      <UsageBar ui={ui} label={t('resource.storageGb')} used={ministry.allocated.storageGb} extra={extra?.storageGb} total={ministry.quotas.storageGb} format={(n) => i.gib(n)} />
      <UsageBar ui={ui} label={t('resource.environments')} used={ministry.allocated.environments} extra={extraEnvironments} total={ministry.quotas.environments} format={(n) => i.num(n, 0)} />
    </div>
  );
};

/** What this request would take beyond what is left of the quota, resource by resource, with units. */
export function quotaOverrun(ui: Ui, ministry: MinistryQuota, footprint: Footprint, environments: number): string[] {
  const i = ui.i18n;
  const over: string[] = [];
  const left = (r: keyof Quotas) => ministry.quotas[r] - ministry.allocated[r];
  if (footprint.vcpu > left('vcpu') + 1e-9) over.push(`${i.t('resource.vcpu')} ${i.vcpu(footprint.vcpu - left('vcpu'))}`);
  if (footprint.memoryMb > left('memoryMb')) over.push(`${i.t('resource.memoryMb')} ${i.mib(footprint.memoryMb - left('memoryMb'))}`);
  if (footprint.storageGb > left('storageGb')) over.push(`${i.t('resource.storageGb')} ${i.gib(footprint.storageGb - left('storageGb'))}`);
  if (environments > left('environments')) over.push(`${i.t('resource.environments')} ${i.num(environments - left('environments'), 0)}`);
  return over;
}

export const RequestFormPage: FC<{
  ui: Ui;
  form: FormState;
  rows: string[];
  ministry: MinistryQuota | null;
  footprint: Footprint;
  editing: { id: string; reference: string; version: number } | null;
  operatorComment?: TimelineEntry | undefined;
}> = ({ ui, form, rows, ministry, footprint, editing, operatorComment }) => {
  const { t } = ui.i18n;
  const over = ministry ? quotaOverrun(ui, ministry, footprint, editing ? 0 : 1) : [];
  const action = editing ? `/demandes/${editing.id}/modifier` : '/demandes/nouvelle';
  const labels: Record<string, string> = {
    environmentName: t('request.environmentName'),
    purpose: t('request.purpose'),
    classification: t('request.classification'),
    exposure: t('request.exposure'),
    availability: t('request.availability'),
    'backup.policy': t('request.backupPolicy'),
    'backup.retentionDays': t('request.retention'),
    services: t('request.services'),
  };
  rows.forEach((index, i) => {
    for (const f of SERVICE_FIELDS) labels[`services.${index}.${f}`] = `${t('request.service', { n: i + 1 })} — ${serviceFieldLabel(ui, f)}`;
  });
  const title = editing ? t('request.editTitle', { reference: editing.reference }) : t('request.newTitle');
  return (
    <Layout ui={ui} title={title} nav={editing ? 'requests' : 'new-request'} wide>
      {operatorComment?.comment ? (
        <div class="callout warning" role="note">
          <h2>{t('request.operatorComment')}</h2>
          <blockquote>{operatorComment.comment}</blockquote>
          <p class="hint">{t('request.commentBy', { actor: operatorComment.actor, at: ui.i18n.dateTime(operatorComment.at) })}</p>
        </div>
      ) : null}
      <div class="with-aside">
        <div>
          <ErrorSummary ui={ui} form={form} labels={labels} />
          <form
            method="post"
            action={action}
            novalidate
            class="request-form"
            data-services-editor
            data-legend={t('request.service', { n: '{n}' })}
            data-remove-label={t('request.service.remove', { n: '{n}' })}
            data-added={t('request.service.added', { n: '{n}' })}
            data-removed={t('request.service.removed', { n: '{n}' })}
          >
            <Csrf ui={ui} />
            {editing ? <input type="hidden" name="version" value={String(editing.version)} /> : null}
            <fieldset>
              <legend>{t('request.section.environment')}</legend>
              <TextField form={form} name="environmentName" label={labels.environmentName!} hint={t('request.environmentNameHint')} required width="medium" spellcheck={false} />
              <TextArea form={form} name="purpose" label={labels.purpose!} required rows={2} />
              <div class="grid">
                <SelectField form={form} name="classification" label={labels.classification!} required options={CLASSIFICATIONS.map((v) => ({ value: v, label: classificationLabel(ui, v) }))} />
                <SelectField form={form} name="exposure" label={labels.exposure!} hint={t('request.ruleHint')} required options={EXPOSURES.map((v) => ({ value: v, label: exposureLabel(ui, v) }))} />
                <SelectField form={form} name="availability" label={labels.availability!} hint={t('request.availabilityHint')} required options={AVAILABILITIES.map((v) => ({ value: v, label: availabilityLabel(ui, v) }))} />
                <SelectField form={form} name="backup.policy" label={labels['backup.policy']!} required options={BACKUP_POLICIES.map((v) => ({ value: v, label: backupLabel(ui, v) }))} />
                <TextField form={form} name="backup.retentionDays" type="number" inputmode="numeric" label={labels['backup.retentionDays']!} hint={t('request.retentionHint')} width="short" />
              </div>
            </fieldset>
            <fieldset class="services" id={fieldId('services')}>
              <legend>{t('request.services')}</legend>
              <p class="hint">{t('request.servicesHint')}</p>
              {form.errors['services'] ? <p class="field-error">{form.errors['services']}</p> : null}
              <div data-service-rows>
                {rows.map((index, i) => (
                  <ServiceRow ui={ui} form={form} index={index} position={i + 1} />
                ))}
              </div>
              <template id="service-row-template">
                <ServiceRow ui={ui} form={{ values: { 'services.__i__.storageGb': '0', 'services.__i__.replicas': '1' }, errors: {} }} index="__i__" position={0} />
              </template>
              <button type="submit" name="_action" value="add-row" class="button secondary" formnovalidate data-add-row>
                {t('request.service.add')}
              </button>
              <p class="visually-hidden" aria-live="polite" data-editor-status></p>
            </fieldset>
            {over.length > 0 ? (
              <div class="callout warning" id="quota-warning">
                <h2>{t('request.quotaOverTitle')}</h2>
                <p>{t('request.quotaOver', { what: over.join(', ') })}</p>
                <div class="field checkbox">
                  <input type="checkbox" id={fieldId('confirmOverQuota')} name="confirmOverQuota" value="on" checked={form.values['confirmOverQuota'] === 'on'} />
                  <label for={fieldId('confirmOverQuota')}>{t('request.quotaOverConfirm')}</label>
                </div>
              </div>
            ) : null}
            <div class="form-actions">
              <button type="submit" name="_action" value="save" class="button">
                {editing ? t('request.saveChanges') : t('request.saveDraft')}
              </button>
              <button type="submit" name="_action" value="save-submit" class="button secondary" aria-describedby={over.length > 0 ? 'quota-warning' : undefined}>
                {operatorComment ? t('request.saveAndResubmit') : t('request.saveAndSubmit')}
              </button>
              <a href={editing ? `/demandes/${editing.id}` : '/demandes'}>{t('common.cancel')}</a>
            </div>
          </form>
        </div>
        <aside class="panel sticky" aria-labelledby="quota-title">
          <h2 id="quota-title">{t('request.quotaTitle')}</h2>
          {ministry ? (
            <>
              <p>{t('request.quotaLead', { ministry: ministry.code })}</p>
              <QuotaPanel ui={ui} ministry={ministry} extra={footprint} extraEnvironments={editing ? 0 : 1} />
              <p class="hint">{t('request.quotaHint', { footprint: footprintText(ui, footprint) })}</p>
              <p
                class={over.length > 0 ? 'text-danger' : 'hint'}
                aria-live="polite"
                data-quota-live
                data-left-vcpu={String(ministry.quotas.vcpu - ministry.allocated.vcpu)}
                data-left-memory={String(ministry.quotas.memoryMb - ministry.allocated.memoryMb)}
                data-left-storage={String(ministry.quotas.storageGb - ministry.allocated.storageGb)}
                data-over={t('request.quotaOver', { what: '{what}' })}
                data-ok={t('request.quotaOk')}
                data-unit-vcpu={`${t('resource.vcpu')} ${t('unit.vcpu', { n: '{n}' })}`}
                data-unit-memory={`${t('resource.memoryMb')} ${t('unit.gib', { n: '{n}' })}`}
                data-unit-storage={`${t('resource.storageGb')} ${t('unit.gib', { n: '{n}' })}`}
              >
                {over.length > 0 ? t('request.quotaOver', { what: over.join(', ') }) : t('request.quotaOk')}
              </p>
            </>
          ) : (
            <Empty ui={ui} />
          )}
        </aside>
      </div>
    </Layout>
  );
};

export function serviceFieldLabel(ui: Ui, field: (typeof SERVICE_FIELDS)[number]): string {
  const { t } = ui.i18n;
  switch (field) {
    case 'name':
      return t('request.service.name');
    case 'image':
      return t('request.service.image');
    case 'vcpu':
      return t('request.service.vcpu');
    case 'memoryMb':
      return t('request.service.memory');
    case 'storageGb':
      return t('request.service.storage');
    case 'ports':
      return t('request.service.ports');
    case 'healthcheck.test':
      return t('request.service.healthcheck');
    case 'replicas':
      return t('request.service.replicas');
    case 'kind':
      return t('request.service.kind');
    case 'expose.port':
      return t('request.service.exposePort');
    case 'expose.hostname':
      return t('request.service.exposeHostname');
  }
}

// ---------------------------------------------------------------------------------------------
// One request

const actionKeys: Record<string, MessageKey> = {
  submit: 'action.submit',
  'request-changes': 'action.request-changes',
  approve: 'action.approve',
  reject: 'action.reject',
  'start-provisioning': 'action.start-provisioning',
  activate: 'action.activate',
  'request-decommission': 'action.request-decommission',
  decommission: 'action.decommission',
};
const dangerous = new Set(['reject', 'decommission', 'request-decommission']);

/**
 * The actions the state allows, as one form with one button per action: the comment goes
 * with whichever is pressed (a reason is required to reject or to ask for changes).
 */
export const ActionsForm: FC<{ ui: Ui; request: Pick<RequestDetail, 'id' | 'version' | 'allowedActions' | 'reference'>; form: FormState; retour: string; approveBlockedBy?: string | undefined }> = ({
  ui,
  request,
  form,
  retour,
  approveBlockedBy,
}) => {
  const { t } = ui.i18n;
  // Decommissioning goes through its own page: a reason and a confirmation.
  const decommission = request.allowedActions.find((a) => a === 'request-decommission' || a === 'decommission');
  const actions = request.allowedActions.filter((a) => actionKeys[a] && a !== decommission);
  const decommissionLink = decommission ? (
    <p>
      <a class="button danger" href={`/demandes/${request.id}/decommissionner`}>
        {t('decommission.open')}
      </a>
    </p>
  ) : null;
  if (actions.length === 0) return decommissionLink;
  const decision = actions.includes('approve');
  const commentId = `comment-${request.id}`;
  const error = form.errors['comment'];
  return (
    <form method="post" action={`/demandes/${request.id}/actions/${actions[0]}`} class="actions-form" novalidate>
      <Csrf ui={ui} />
      <input type="hidden" name="version" value={String(request.version)} />
      <input type="hidden" name="retour" value={retour} />
      <div class={`field${error ? ' has-error' : ''}`}>
        <label for={commentId}>{decision ? t('actions.reasonLabel') : t('actions.commentLabel')}</label>
        <p class="hint" id={`${commentId}-hint`}>
          {decision ? t('actions.reasonHint') : t('actions.commentHint')}
        </p>
        {error ? (
          <p class="field-error" id={`${commentId}-error`}>
            {error}
          </p>
        ) : null}
        <textarea id={commentId} name="comment" rows={2} aria-invalid={error ? 'true' : undefined} aria-describedby={`${commentId}-hint${error ? ` ${commentId}-error` : ''}`}>
          {form.values['comment'] ?? ''}
        </textarea>
      </div>
      <div class="button-row">
        {actions.map((a) => (
          <button
            type="submit"
            formAction={`/demandes/${request.id}/actions/${a}`}
            disabled={a === 'approve' && approveBlockedBy ? true : undefined}
            aria-describedby={a === 'approve' && approveBlockedBy ? approveBlockedBy : undefined}
            class={`button${a === 'approve' || a === 'submit' || a === 'activate' ? '' : dangerous.has(a) ? ' danger' : ' secondary'}`}>
            {t(actionKeys[a]!)}
          </button>
        ))}
      </div>
      {decommissionLink}
    </form>
  );
};

/** Approving would exceed the ministry's quota (or its quota is unknown). */
export function overQuota(impact: CapacityImpact): boolean {
  const m = impact.ministry;
  if (!m) return true;
  const f = impact.footprint;
  return (
    m.allocated.vcpu + f.vcpu > m.quotas.vcpu + 1e-9 ||
    m.allocated.memoryMb + f.memoryMb > m.quotas.memoryMb ||
    m.allocated.storageGb + f.storageGb > m.quotas.storageGb ||
    m.allocated.environments + 1 > m.quotas.environments
  );
}

export const CapacityImpactView: FC<{ ui: Ui; impact: CapacityImpact; nested?: boolean }> = ({ ui, impact, nested = false }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const blocked = overQuota(impact);
  const quotaTitle = impact.ministry ? t('impact.quota', { ministry: impact.ministry.code }) : t('impact.quotaUnknown');
  const body = (
    <>
      <div class="impact-grid">
        <div>
          {nested ? <h4>{quotaTitle}</h4> : <h3>{quotaTitle}</h3>}
          {impact.ministry ? <QuotaPanel ui={ui} ministry={impact.ministry} extra={impact.footprint} extraEnvironments={1} /> : null}
        </div>
        <div>
          {nested ? <h4>{t('impact.site')}</h4> : <h3>{t('impact.site')}</h3>}
          {impact.feeds.map((f) => (
            <div class="feed">
              <p class="feed-title">{t('impact.feed', { feed: f.feed, hosts: f.hosts })}</p>
              <UsageBar ui={ui} label={t('resource.vcpu')} used={f.used.vcpu} extra={impact.footprint.vcpu} total={f.capacity.vcpu} format={(n) => i.num(n)} />
              <UsageBar ui={ui} label={t('resource.memoryMb')} used={f.used.memoryMb} extra={impact.footprint.memoryMb} total={f.capacity.memoryMb} format={(n) => i.mib(n)} />
              <UsageBar ui={ui} label={t('resource.storageGb')} used={f.used.storageGb} extra={impact.footprint.storageGb} total={f.capacity.storageGb} format={(n) => i.gib(n)} />
            </div>
          ))}
          <p class="hint">{t('impact.feedHint')}</p>
        </div>
      </div>
      {blocked ? (
        <p class="placement-ko" id="verdict-quota">
          <strong>{t('verdict.overQuota')}</strong> {impact.placement.ok ? t('verdict.placeableButQuota') : null}
        </p>
      ) : impact.placement.ok ? (
        <p class="placement-ok">
          <strong>{t('impact.placementOk')}</strong>{' '}
          {impact.placement.hosts.map((h, n) => (
            <>
              {n > 0 ? ', ' : ''}
              <code>{h.host}</code> ({t('impact.feedShort', { feed: h.feed })}{ui.i18n.locale === 'fr' ? '\u00a0: ' : ': '}{h.replicas.join(', ')})
            </>
          ))}
        </p>
      ) : (
        <p class="placement-ko">
          <strong>{t('impact.placementKo')}</strong> {translateMessage(impact.placement.reason, ui.i18n)}
        </p>
      )}
    </>
  );
  return nested ? (
    <div class="impact">
      <h3>{t('impact.title')}</h3>
      {body}
    </div>
  ) : (
    <section class="impact" aria-labelledby="impact-title">
      <h2 id="impact-title">{t('impact.title')}</h2>
      {body}
    </section>
  );
};

export const RequestDetailPage: FC<{ ui: Ui; request: RequestDetail; form: FormState; impact: CapacityImpact | null; canEdit: boolean; obtained?: Obtained | undefined }> = ({ ui, request, form, impact, canEdit, obtained }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const latestComment = [...request.timeline].reverse().find((e) => e.comment);
  return (
    <Layout ui={ui} title={t('request.detailTitle', { reference: request.reference, env: request.environmentName || t('draft.unnamed') })} nav="requests" wide>
      <p class="status-line">
        <StateBadge ui={ui} state={request.state} /> <span>{request.ministry.name}</span>
      </p>
      {request.state === 'changes_requested' && latestComment ? (
        <div class="callout warning" role="note">
          <h2>{t('request.changesRequested')}</h2>
          <blockquote>{latestComment.comment}</blockquote>
          <p class="hint">{t('request.commentBy', { actor: latestComment.actor, at: i.dateTime(latestComment.at) })}</p>
        </div>
      ) : null}
      <ErrorSummary ui={ui} form={form} labels={{ comment: t('actions.reasonLabel') }} />
      {request.incomplete ? (
        <div class="callout warning" role="note" data-incomplete>
          <h2>{t('draft.incompleteTitle')}</h2>
          <p>{t('draft.incompleteLead')}</p>
          <ul>
            {request.incomplete.missing.filter((f) => f !== '').map((f) => (
              <li>{missingLabel(ui, f)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="with-aside">
        <div>
          <section aria-labelledby="summary-title">
            <h2 id="summary-title">{t('request.summary')}</h2>
            <Facts
              items={[
                [t('request.purpose'), request.purpose],
                [t('request.classification'), classificationLabel(ui, request.classification)],
                [t('request.exposure'), exposureLabel(ui, request.exposure)],
                [t('request.availability'), availabilityLabel(ui, request.availability)],
                [t('request.backup'), t('request.backupValue', { policy: backupLabel(ui, request.backup.policy), days: request.backup.retentionDays })],
                [t('request.footprint'), footprintText(ui, request.footprint)],
                [t('request.createdBy'), `${request.createdBy ?? '—'} · ${i.dateTime(request.createdAt)}`],
                [t('request.submittedBy'), request.submittedBy ? `${request.submittedBy} · ${i.dateTime(request.submittedAt)}` : '—'],
                [t('request.decidedBy'), request.decidedBy ?? '—'],
              ]}
            />
          </section>
          {obtained ? <RequestObtained ui={ui} obtained={obtained} /> : null}
          <section aria-labelledby="services-title">
            <h2 id="services-title">{t('request.services')}</h2>
            <div class="table-wrap" tabindex={0}>
              <table class="data">
                <caption class="visually-hidden">{t('request.services')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('request.service.name')}</th>
                    <th scope="col">{t('request.service.image')}</th>
                    <th scope="col" class="num">{t('request.service.vcpu')}</th>
                    <th scope="col" class="num">{t('request.service.memory')}</th>
                    <th scope="col" class="num">{t('request.service.storage')}</th>
                    <th scope="col">{t('request.service.ports')}</th>
                    <th scope="col">{t('request.service.healthcheck')}</th>
                    <th scope="col" class="num">{t('request.service.replicas')}</th>
                  </tr>
                </thead>
                <tbody>
                  {request.services.map((s) => (
                    <tr>
                      <th scope="row">
                        <code>{s.name}</code>
                      </th>
                      <td class="break">
                        <code title={s.image}>{shortImage(s.image)}</code>
                      </td>
                      <td class="num">{i.num(s.vcpu)}</td>
                      <td class="num">{i.num(s.memoryMb, 0)}</td>
                      <td class="num">{i.num(s.storageGb, 0)}</td>
                      <td>{s.ports.join(', ') || '—'}</td>
                      <td>
                        <code>{s.healthcheck.test.join(' ')}</code>
                      </td>
                      <td class="num">{s.replicas}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {request.placements.length > 0 ? (
            <section aria-labelledby="placements-title">
              <h2 id="placements-title">{t('request.placements')}</h2>
              <table class="data compact">
                <caption class="visually-hidden">{t('request.placements')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('request.service.name')}</th>
                    <th scope="col" class="num">{t('request.replica')}</th>
                    <th scope="col">{t('hosts.col.name')}</th>
                    <th scope="col">{t('hosts.col.feed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {request.placements.map((p) => (
                    <tr>
                      <th scope="row">
                        <code>{p.service}</code>
                      </th>
                      <td class="num">{p.replica + 1}</td>
                      <td>
                        <code>{p.host}</code>
                      </td>
                      <td>{p.powerFeed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          {impact ? <CapacityImpactView ui={ui} impact={impact} /> : null}
        </div>
        <aside>
          {request.infrastructure ? <RequestInfrastructure ui={ui} state={request.state} infra={request.infrastructure} staff={ui.actor?.role !== 'requester'} /> : null}
          <section class="panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{t('request.actions')}</h2>
            {canEdit ? (
              <p>
                <a class="button secondary" href={`/demandes/${request.id}/modifier`}>
                  {t('request.edit')}
                </a>
              </p>
            ) : null}
            {request.allowedActions.length > 0 ? (
              <ActionsForm ui={ui} request={request} form={form} retour={`/demandes/${request.id}`} approveBlockedBy={impact && overQuota(impact) ? 'verdict-quota' : undefined} />
            ) : canEdit ? null : (
              <p>{t('request.noAction')}</p>
            )}
          </section>
          <section class="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('request.timeline')}</h2>
            <ol class="timeline">
              {request.timeline.map((e) => (
                <li>
                  <p class="timeline-head">
                    <strong>{e.from === e.to ? t('timeline.edited') : e.from ? t('timeline.move', { from: stateLabel(ui, e.from), to: stateLabel(ui, e.to) }) : t('timeline.created')}</strong>
                  </p>
                  <p class="hint">
                    <time datetime={e.at}>{i.dateTime(e.at)}</time> · {e.actor}
                  </p>
                  {e.comment ? <blockquote>{e.comment}</blockquote> : null}
                </li>
              ))}
            </ol>
            <p>
              <a href={withQuery('/journal', { entity: 'hosting-request', entityId: request.id })}>{t('request.auditLink')}</a>
            </p>
          </section>
        </aside>
      </div>
    </Layout>
  );
};

