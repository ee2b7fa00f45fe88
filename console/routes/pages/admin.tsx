/** Administration pages: accounts, ministries and quotas, hosts. */
import type { Hono } from 'hono';
import { createHostInput, createMinistryInput, createUserInput, updateHostInput, updateMinistryInput, updateUserInput } from '../../api/schemas.js';
import type { AppEnv } from '../../http/types.js';
import { createHost } from '../../services/hosts/create.js';
import { getHost, listHosts } from '../../services/hosts/list.js';
import { updateHost } from '../../services/hosts/update.js';
import { createMinistry } from '../../services/ministries/create.js';
import { getMinistry, listMinistries } from '../../services/ministries/list.js';
import { updateMinistry } from '../../services/ministries/update.js';
import { createUser } from '../../services/users/create.js';
import { getUser, listUsers } from '../../services/users/list.js';
import { updateUser } from '../../services/users/update.js';
import { HostEditPage, HostsPage, MinistriesPage, MinistryEditPage, UserEditPage, UsersPage } from '../../views/admin.js';
import type { FormState } from '../../views/ui.js';
import { formErrors, formState, html, isFieldRefusal, page, redirect, refusalErrors, validate, type Kit, type PageCall } from './kit.js';
import { ID } from './requests.js';
import { numberOf } from './request-form.js';

const CODE = ':code{[A-Z][A-Z0-9]{1,11}}';
const HOST = ':name{[a-z][a-z0-9-]{1,39}}';

type Status = 200 | 201 | 409 | 422;

function ministryOptions(p: PageCall) {
  return listMinistries({ ctx: p.ctx }).items.map((m) => ({ value: m.code, label: `${m.code} — ${m.name}` }));
}

function pickValues(form: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, form[n] ?? '']));
}

const QUOTA_FIELDS = ['quotas.vcpu', 'quotas.memoryMb', 'quotas.storageGb', 'quotas.environments'] as const;
const HOST_FIELDS = ['dockerHost', 'vcpu', 'memoryMb', 'storageGb', 'powerFeed', 'zone'] as const;

function quotasOf(values: Record<string, string>) {
  return {
    vcpu: numberOf(values['quotas.vcpu']),
    memoryMb: numberOf(values['quotas.memoryMb']),
    storageGb: numberOf(values['quotas.storageGb']),
    environments: numberOf(values['quotas.environments']),
  };
}

function hostData(values: Record<string, string>) {
  return {
    dockerHost: (values['dockerHost'] ?? '').trim(),
    vcpu: numberOf(values['vcpu']),
    memoryMb: numberOf(values['memoryMb']),
    storageGb: numberOf(values['storageGb']),
    powerFeed: values['powerFeed'] ?? '',
    zone: values['zone'] ?? '',
  };
}

/** Saves through a verb; a refusal about fields comes back into the form. */
function attempt(run: () => void, again: (errors: Record<string, string>, status: Status) => Response | Promise<Response>, p: PageCall): Response | Promise<Response> | null {
  try {
    run();
    return null;
  } catch (err) {
    if (isFieldRefusal(err)) return again(refusalErrors(err, p.i18n), err.status === 409 ? 409 : 422);
    throw err;
  }
}

export function adminPages(app: Hono<AppEnv>, kit: Kit): void {
  const admin = { roles: ['admin'] as const };

  // Accounts -----------------------------------------------------------------------------------

  const usersPage = (p: PageCall, form: FormState, status: Status = 200, created: { email: string; password: string } | null = null) =>
    html(p.c, <UsersPage ui={p.ui} users={listUsers({ ctx: p.ctx }).items} form={form} ministries={ministryOptions(p)} created={created} />, status);

  app.get(
    '/admin/utilisateurs',
    page(kit, admin, (p) => usersPage(p, formState({ role: 'requester' }))),
  );

  app.post(
    '/admin/utilisateurs',
    page(kit, admin, async (p) => {
      const values = pickValues(p.form, ['email', 'name', 'role', 'ministry', 'password']);
      const data = {
        email: values['email']!.trim(),
        name: values['name'],
        role: values['role'],
        ...(values['ministry'] ? { ministry: values['ministry'] } : {}),
        ...(values['password'] ? { password: values['password'] } : {}),
      };
      const parsed = validate(createUserInput, data);
      if (!parsed.ok) return usersPage(p, formState(values, formErrors(parsed.errors, p.i18n)), 422);
      try {
        const result = await createUser({ ctx: p.ctx, input: parsed.data, scryptN: kit.deps.config.scryptN });
        // A generated password is shown once, on this very response, never behind a redirect.
        if (result.generatedPassword) return usersPage(p, formState({ role: 'requester' }), 201, { email: result.user.email, password: result.generatedPassword });
      } catch (err) {
        if (isFieldRefusal(err)) return usersPage(p, formState(values, refusalErrors(err, p.i18n)), err.status === 409 ? 409 : 422);
        throw err;
      }
      return redirect(p.c, '/admin/utilisateurs', 'created');
    }),
  );

  const userPage = (p: PageCall, form: FormState | null, status: Status = 200) => {
    const user = getUser({ ctx: p.ctx, input: { id: p.param('id') } });
    const values = form ?? formState({ name: user.name, role: user.role, ministry: user.ministry ?? '', disabled: user.disabled ? 'on' : '' });
    return html(p.c, <UserEditPage ui={p.ui} user={user} form={values} ministries={ministryOptions(p)} />, status);
  };

  app.get(
    `/admin/utilisateurs/${ID}`,
    page(kit, admin, (p) => userPage(p, null)),
  );

  app.post(
    `/admin/utilisateurs/${ID}`,
    page(kit, admin, async (p) => {
      const values = pickValues(p.form, ['name', 'role', 'ministry', 'password', 'disabled']);
      const data = {
        name: values['name'],
        role: values['role'],
        ministry: values['ministry'] ? values['ministry'] : null,
        disabled: values['disabled'] === 'on',
        ...(values['password'] ? { password: values['password'] } : {}),
      };
      const again = (errors: Record<string, string>, status: Status) => userPage(p, formState({ ...values, password: '' }, errors), status);
      const parsed = validate(updateUserInput, data);
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n), 422);
      try {
        await updateUser({ ctx: p.ctx, input: { id: p.param('id'), patch: parsed.data }, scryptN: kit.deps.config.scryptN });
      } catch (err) {
        if (isFieldRefusal(err)) return again(refusalErrors(err, p.i18n), err.status === 409 ? 409 : 422);
        throw err;
      }
      return redirect(p.c, '/admin/utilisateurs', 'saved');
    }),
  );

  // Ministries ---------------------------------------------------------------------------------

  const ministriesPage = (p: PageCall, form: FormState, status: Status = 200) => html(p.c, <MinistriesPage ui={p.ui} ministries={listMinistries({ ctx: p.ctx }).items} form={form} />, status);

  app.get(
    '/admin/ministeres',
    page(kit, admin, (p) => ministriesPage(p, formState({ kind: 'ministry', 'quotas.vcpu': '24', 'quotas.memoryMb': '49152', 'quotas.storageGb': '1500', 'quotas.environments': '6' }))),
  );

  app.post(
    '/admin/ministeres',
    page(kit, admin, (p) => {
      const values = pickValues(p.form, ['code', 'name', 'kind', ...QUOTA_FIELDS]);
      const again = (errors: Record<string, string>, status: Status) => ministriesPage(p, formState(values, errors), status);
      const parsed = validate(createMinistryInput, { code: values['code']!.trim(), name: values['name'], kind: values['kind'], quotas: quotasOf(values) });
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n), 422);
      const refused = attempt(() => createMinistry({ ctx: p.ctx, input: parsed.data }), again, p);
      return refused ?? redirect(p.c, '/admin/ministeres', 'created');
    }),
  );

  const ministryPage = (p: PageCall, form: FormState | null, status: Status = 200) => {
    const m = getMinistry({ ctx: p.ctx, input: { code: p.param('code') } });
    const values =
      form ??
      formState({
        name: m.name,
        kind: m.kind,
        'quotas.vcpu': String(m.quotas.vcpu),
        'quotas.memoryMb': String(m.quotas.memoryMb),
        'quotas.storageGb': String(m.quotas.storageGb),
        'quotas.environments': String(m.quotas.environments),
      });
    return html(p.c, <MinistryEditPage ui={p.ui} ministry={m} form={values} />, status);
  };

  app.get(
    `/admin/ministeres/${CODE}`,
    page(kit, admin, (p) => ministryPage(p, null)),
  );

  app.post(
    `/admin/ministeres/${CODE}`,
    page(kit, admin, (p) => {
      const values = pickValues(p.form, ['name', 'kind', ...QUOTA_FIELDS]);
      const again = (errors: Record<string, string>, status: Status) => ministryPage(p, formState(values, errors), status);
      const parsed = validate(updateMinistryInput, { name: values['name'], kind: values['kind'], quotas: quotasOf(values) });
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n), 422);
      const refused = attempt(() => updateMinistry({ ctx: p.ctx, input: { code: p.param('code'), patch: parsed.data } }), again, p);
      return refused ?? redirect(p.c, '/admin/ministeres', 'saved');
    }),
  );

  // Hosts --------------------------------------------------------------------------------------

  const hostsPage = (p: PageCall, form: FormState, status: Status = 200) => html(p.c, <HostsPage ui={p.ui} hosts={listHosts({ ctx: p.ctx }).items} form={form} />, status);

  app.get(
    '/admin/hotes',
    page(kit, admin, (p) => hostsPage(p, formState({ powerFeed: 'A', zone: 'salle-1', dockerHost: 'tcp://' }))),
  );

  app.post(
    '/admin/hotes',
    page(kit, admin, (p) => {
      const values = pickValues(p.form, ['name', ...HOST_FIELDS]);
      const again = (errors: Record<string, string>, status: Status) => hostsPage(p, formState(values, errors), status);
      const parsed = validate(createHostInput, { name: values['name']!.trim(), ...hostData(values) });
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n), 422);
      const refused = attempt(() => createHost({ ctx: p.ctx, input: parsed.data }), again, p);
      return refused ?? redirect(p.c, '/admin/hotes', 'created');
    }),
  );

  const hostPage = (p: PageCall, form: FormState | null, status: Status = 200) => {
    const h = getHost({ ctx: p.ctx, input: { name: p.param('name') } });
    const values =
      form ??
      formState({
        dockerHost: h.dockerHost,
        vcpu: String(h.capacity.vcpu),
        memoryMb: String(h.capacity.memoryMb),
        storageGb: String(h.capacity.storageGb),
        powerFeed: h.powerFeed,
        zone: h.zone,
        schedulable: h.schedulable ? 'on' : '',
      });
    return html(p.c, <HostEditPage ui={p.ui} host={h} form={values} />, status);
  };

  app.get(
    `/admin/hotes/${HOST}`,
    page(kit, admin, (p) => hostPage(p, null)),
  );

  app.post(
    `/admin/hotes/${HOST}`,
    page(kit, admin, (p) => {
      const values = pickValues(p.form, [...HOST_FIELDS, 'schedulable']);
      const again = (errors: Record<string, string>, status: Status) => hostPage(p, formState(values, errors), status);
      const parsed = validate(updateHostInput, { ...hostData(values), schedulable: values['schedulable'] === 'on' });
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n), 422);
      const refused = attempt(() => updateHost({ ctx: p.ctx, input: { name: p.param('name'), patch: parsed.data } }), again, p);
      return refused ?? redirect(p.c, '/admin/hotes', 'saved');
    }),
  );
}
