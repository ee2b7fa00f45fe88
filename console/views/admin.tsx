/** Administration: accounts and roles, ministries and quotas, the site's hosts. */
import type { FC } from 'hono/jsx';
import { Badge, Checkbox, Csrf, ErrorSummary, SelectField, TextField, type Option } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

export const ROLES = ['requester', 'operator', 'auditor', 'admin'] as const;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  ministry: string | null;
  disabled: boolean;
  createdAt: string;
}

const roleOptions = (ui: Ui): Option[] => ROLES.map((r) => ({ value: r, label: ui.i18n.t(`role.${r}`) }));
const roleLabel = (ui: Ui, r: string) => ((ROLES as readonly string[]).includes(r) ? ui.i18n.t(`role.${r as (typeof ROLES)[number]}`) : r);

export const UsersPage: FC<{ ui: Ui; users: UserRow[]; form: FormState; ministries: Option[]; created: { email: string; password: string } | null }> = ({ ui, users, form, ministries, created }) => {
  const { t } = ui.i18n;
  const labels = { email: t('users.col.email'), name: t('users.col.name'), role: t('users.col.role'), ministry: t('requests.col.ministry'), password: t('users.password') };
  return (
    <Layout ui={ui} title={t('users.title')} nav="users" wide>
      {created ? (
        <div class="callout success" role="status">
          <h2>{t('users.createdTitle', { email: created.email })}</h2>
          <p>{t('users.generated')}</p>
          <p>
            <code class="secret">{created.password}</code>
          </p>
        </div>
      ) : null}
      <div class="table-wrap" tabindex={0}>
        <table class="data">
          <caption>{t('users.caption', { total: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.email}</th>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.role}</th>
              <th scope="col">{labels.ministry}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">{t('users.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/utilisateurs/${u.id}`}>{u.email}</a>
                </th>
                <td>{u.name}</td>
                <td>{roleLabel(ui, u.role)}</td>
                <td>{u.ministry ?? '—'}</td>
                <td>{u.disabled ? <Badge kind="danger">{t('users.disabled')}</Badge> : <Badge kind="success">{t('users.active')}</Badge>}</td>
                <td class="nowrap">{ui.i18n.date(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="new-user">
        <h2 id="new-user">{t('users.new')}</h2>
        <ErrorSummary ui={ui} form={form} labels={labels} />
        <form method="post" action="/admin/utilisateurs" novalidate>
          <Csrf ui={ui} />
          <div class="grid">
            <TextField form={form} name="email" type="email" label={labels.email} required autocomplete="off" spellcheck={false} />
            <TextField form={form} name="name" label={labels.name} required />
            <SelectField form={form} name="role" label={labels.role} required options={roleOptions(ui)} />
            <SelectField form={form} name="ministry" label={labels.ministry} hint={t('users.ministryHint')} blank={t('common.none')} options={ministries} />
            <TextField form={form} name="password" type="password" label={labels.password} hint={t('users.passwordHint')} autocomplete="new-password" />
          </div>
          <button type="submit" class="button">
            {t('users.create')}
          </button>
        </form>
      </section>
    </Layout>
  );
};

export const UserEditPage: FC<{ ui: Ui; user: UserRow; form: FormState; ministries: Option[] }> = ({ ui, user, form, ministries }) => {
  const { t } = ui.i18n;
  const labels = { name: t('users.col.name'), role: t('users.col.role'), ministry: t('requests.col.ministry'), password: t('users.newPassword'), disabled: t('users.disable') };
  return (
    <Layout ui={ui} title={t('users.editTitle', { email: user.email })} nav="users">
      <p>
        <a href="/admin/utilisateurs">{t('users.back')}</a>
      </p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action={`/admin/utilisateurs/${user.id}`} novalidate class="panel">
        <Csrf ui={ui} />
        <TextField form={form} name="name" label={labels.name} required />
        <div class="grid">
          <SelectField form={form} name="role" label={labels.role} options={roleOptions(ui)} />
          <SelectField form={form} name="ministry" label={labels.ministry} hint={t('users.ministryHint')} blank={t('common.none')} options={ministries} />
        </div>
        <TextField form={form} name="password" type="password" label={labels.password} hint={t('users.newPasswordHint')} autocomplete="new-password" />
        <Checkbox form={form} name="disabled" label={labels.disabled} hint={t('users.disableHint')} />
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
    </Layout>
  );
};

export interface MinistryRow {
  code: string;
  name: string;
  kind: string;
  quotas: { vcpu: number; memoryMb: number; storageGb: number; environments: number };
  allocated: { vcpu: number; memoryMb: number; storageGb: number; environments: number };
}

const kindOptions = (ui: Ui): Option[] => [
  { value: 'ministry', label: ui.i18n.t('ministries.kind.ministry') },
  { value: 'agency', label: ui.i18n.t('ministries.kind.agency') },
];

const QuotaFields: FC<{ ui: Ui; form: FormState }> = ({ ui, form }) => {
  const { t } = ui.i18n;
  return (
    <div class="grid">
      <TextField form={form} name="quotas.vcpu" type="number" label={t('ministries.quota.vcpu')} hint={t('ministries.quota.vcpuHint')} width="short" />
      <TextField form={form} name="quotas.memoryMb" type="number" inputmode="numeric" label={t('ministries.quota.memory')} width="short" />
      <TextField form={form} name="quotas.storageGb" type="number" inputmode="numeric" label={t('ministries.quota.storage')} width="short" />
      <TextField form={form} name="quotas.environments" type="number" inputmode="numeric" label={t('ministries.quota.environments')} width="short" />
    </div>
  );
};

export function ministryLabels(ui: Ui): Record<string, string> {
  const { t } = ui.i18n;
  return {
    code: t('ministries.col.code'),
    name: t('ministries.col.name'),
    kind: t('ministries.col.kind'),
    'quotas.vcpu': t('ministries.quota.vcpu'),
    'quotas.memoryMb': t('ministries.quota.memory'),
    'quotas.storageGb': t('ministries.quota.storage'),
    'quotas.environments': t('ministries.quota.environments'),
  };
}

export const MinistriesPage: FC<{ ui: Ui; ministries: MinistryRow[]; form: FormState }> = ({ ui, ministries, form }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const labels = ministryLabels(ui);
  return (
    <Layout ui={ui} title={t('ministries.title')} nav="ministries" wide>
      <div class="table-wrap" tabindex={0}>
        <table class="data">
          <caption>{t('ministries.caption', { total: ministries.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.code}</th>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.kind}</th>
              <th scope="col" class="num">{t('resource.vcpu')}</th>
              <th scope="col" class="num">{t('resource.memoryMb')}</th>
              <th scope="col" class="num">{t('resource.storageGb')}</th>
              <th scope="col" class="num">{t('resource.environments')}</th>
            </tr>
          </thead>
          <tbody>
            {ministries.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/ministeres/${m.code}`}>{m.code}</a>
                </th>
                <td>{m.name}</td>
                <td>{m.kind === 'agency' ? t('ministries.kind.agency') : t('ministries.kind.ministry')}</td>
                <td class="num">{t('usage.plain', { used: i.num(m.allocated.vcpu), total: i.num(m.quotas.vcpu) })}</td>
                <td class="num">{t('usage.plain', { used: i.mib(m.allocated.memoryMb), total: i.mib(m.quotas.memoryMb) })}</td>
                <td class="num">{t('usage.plain', { used: i.gib(m.allocated.storageGb), total: i.gib(m.quotas.storageGb) })}</td>
                <td class="num">{t('usage.plain', { used: m.allocated.environments, total: m.quotas.environments })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="new-ministry">
        <h2 id="new-ministry">{t('ministries.new')}</h2>
        <ErrorSummary ui={ui} form={form} labels={labels} />
        <form method="post" action="/admin/ministeres" novalidate>
          <Csrf ui={ui} />
          <div class="grid">
            <TextField form={form} name="code" label={labels.code!} hint={t('ministries.codeHint')} required width="short" spellcheck={false} />
            <TextField form={form} name="name" label={labels.name!} required class="span-2" />
            <SelectField form={form} name="kind" label={labels.kind!} options={kindOptions(ui)} />
          </div>
          <QuotaFields ui={ui} form={form} />
          <button type="submit" class="button">
            {t('ministries.create')}
          </button>
        </form>
      </section>
    </Layout>
  );
};

export const MinistryEditPage: FC<{ ui: Ui; ministry: MinistryRow; form: FormState }> = ({ ui, ministry, form }) => {
  const { t } = ui.i18n;
  const labels = ministryLabels(ui);
  return (
    <Layout ui={ui} title={t('ministries.editTitle', { code: ministry.code })} lead={ministry.name} nav="ministries">
      <p>
        <a href="/admin/ministeres">{t('ministries.back')}</a>
      </p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action={`/admin/ministeres/${ministry.code}`} novalidate class="panel">
        <Csrf ui={ui} />
        <TextField form={form} name="name" label={labels.name!} required />
        <SelectField form={form} name="kind" label={labels.kind!} options={kindOptions(ui)} />
        <h2>{t('ministries.quotas')}</h2>
        <p class="hint">{t('ministries.quotasHint')}</p>
        <QuotaFields ui={ui} form={form} />
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
    </Layout>
  );
};

export interface HostRow {
  name: string;
  dockerHost: string;
  powerFeed: string;
  zone: string;
  schedulable: boolean;
  capacity: { vcpu: number; memoryMb: number; storageGb: number };
  used: { vcpu: number; memoryMb: number; storageGb: number };
  replicas: number;
}

export function hostLabels(ui: Ui): Record<string, string> {
  const { t } = ui.i18n;
  return {
    name: t('hosts.col.name'),
    dockerHost: t('hosts.col.docker'),
    vcpu: t('hosts.field.vcpu'),
    memoryMb: t('hosts.field.memory'),
    storageGb: t('hosts.field.storage'),
    powerFeed: t('hosts.col.feed'),
    zone: t('hosts.col.zone'),
    schedulable: t('hosts.schedulable'),
  };
}

const feedOptions: Option[] = [
  { value: 'A', label: 'A' },
  { value: 'B', label: 'B' },
];

const HostFields: FC<{ ui: Ui; form: FormState }> = ({ ui, form }) => {
  const labels = hostLabels(ui);
  return (
    <div class="grid">
      <TextField form={form} name="dockerHost" label={labels.dockerHost!} hint={ui.i18n.t('hosts.dockerHint')} required class="span-2" spellcheck={false} />
      <TextField form={form} name="vcpu" type="number" inputmode="numeric" label={labels.vcpu!} required width="short" />
      <TextField form={form} name="memoryMb" type="number" inputmode="numeric" label={labels.memoryMb!} required width="short" />
      <TextField form={form} name="storageGb" type="number" inputmode="numeric" label={labels.storageGb!} required width="short" />
      <SelectField form={form} name="powerFeed" label={labels.powerFeed!} required options={feedOptions} />
      <TextField form={form} name="zone" label={labels.zone!} required width="medium" />
    </div>
  );
};

export const HostsPage: FC<{ ui: Ui; hosts: HostRow[]; form: FormState }> = ({ ui, hosts, form }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const labels = hostLabels(ui);
  return (
    <Layout ui={ui} title={t('hosts.title')} nav="hosts" wide>
      <div class="table-wrap" tabindex={0}>
        <table class="data">
          <caption>{t('hosts.caption', { total: hosts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.zone}</th>
              <th scope="col">{labels.powerFeed}</th>
              <th scope="col" class="num">{t('resource.vcpu')}</th>
              <th scope="col" class="num">{t('resource.memoryMb')}</th>
              <th scope="col" class="num">{t('resource.storageGb')}</th>
              <th scope="col" class="num">{t('hosts.col.replicas')}</th>
              <th scope="col">{t('hosts.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((h) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/hotes/${h.name}`}>
                    <code>{h.name}</code>
                  </a>
                  <div class="hint">
                    <code>{h.dockerHost}</code>
                  </div>
                </th>
                <td>{h.zone}</td>
                <td>{h.powerFeed}</td>
                <td class="num">{t('usage.plain', { used: i.num(h.used.vcpu), total: i.num(h.capacity.vcpu) })}</td>
                <td class="num">{t('usage.plain', { used: i.mib(h.used.memoryMb), total: i.mib(h.capacity.memoryMb) })}</td>
                <td class="num">{t('usage.plain', { used: i.gib(h.used.storageGb), total: i.gib(h.capacity.storageGb) })}</td>
                <td class="num">{h.replicas}</td>
                <td>{h.schedulable ? <Badge kind="success">{t('hosts.schedulableYes')}</Badge> : <Badge kind="warning">{t('hosts.unschedulable')}</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="new-host">
        <h2 id="new-host">{t('hosts.new')}</h2>
        <ErrorSummary ui={ui} form={form} labels={labels} />
        <form method="post" action="/admin/hotes" novalidate>
          <Csrf ui={ui} />
          <TextField form={form} name="name" label={labels.name!} hint={t('hosts.nameHint')} required width="medium" spellcheck={false} />
          <HostFields ui={ui} form={form} />
          <button type="submit" class="button">
            {t('hosts.create')}
          </button>
        </form>
      </section>
    </Layout>
  );
};

export const HostEditPage: FC<{ ui: Ui; host: HostRow; form: FormState }> = ({ ui, host, form }) => {
  const { t } = ui.i18n;
  const labels = hostLabels(ui);
  return (
    <Layout ui={ui} title={t('hosts.editTitle', { name: host.name })} nav="hosts">
      <p>
        <a href="/admin/hotes">{t('hosts.back')}</a>
      </p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action={`/admin/hotes/${host.name}`} novalidate class="panel">
        <Csrf ui={ui} />
        <HostFields ui={ui} form={form} />
        <Checkbox form={form} name="schedulable" label={labels.schedulable!} hint={t('hosts.schedulableHint')} />
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
    </Layout>
  );
};
