/** `/`: each role lands on what it acts on first. */
import type { Hono } from 'hono';
import { listEvidenceQuery } from '../../api/evidence-schemas.js';
import { listFindingsQuery } from '../../api/compliance-schemas.js';
import { listRequestsQuery } from '../../api/schemas.js';
import type { AppEnv } from '../../http/types.js';
import { listFrameworksView } from '../../services/controls/frameworks.js';
import { listEvidence } from '../../services/evidence/list.js';
import { listFindings } from '../../services/findings/list.js';
import { listHostingRequests } from '../../services/hosting-requests/list.js';
import { listMinistries } from '../../services/ministries/list.js';
import { listPolicyRuns } from '../../services/policy/list.js';
import { listUsers } from '../../services/users/list.js';
import type { BarRow } from '../../views/charts.js';
import { AdminHome, AuditorHome, OperatorHome, RequesterHome, type Tile } from '../../views/home.js';
import type { RequestSummary } from '../../views/requests.js';
import type { Ui } from '../../views/ui.js';
import { feedHeadroom, siteState } from './capacity.js';
import { html, page, type Kit, type PageCall } from './kit.js';

type State = NonNullable<ReturnType<typeof listRequestsQuery.parse>['state']>;

function countIn(p: PageCall, state: State): number {
  return listHostingRequests({ ctx: p.ctx, input: listRequestsQuery.parse({ state, limit: '1' }) }).total;
}

function listIn(p: PageCall, state: State, limit: number): RequestSummary[] {
  return listHostingRequests({ ctx: p.ctx, input: listRequestsQuery.parse({ state, limit: String(limit) }) }).items;
}

export function frameworkName(ui: Ui, f: { nameFr: string; nameEn: string }): string {
  return ui.i18n.local(f.nameFr, f.nameEn);
}

export function readinessRows(p: PageCall): BarRow[] {
  return listFrameworksView({ ctx: p.ctx }).items.map((f) => ({
    label: frameworkName(p.ui, f),
    ratio: f.readiness.ratio,
    detail: p.i18n.t('cert.readinessDetail', {
      implemented: f.readiness.implemented,
      applicable: f.readiness.applicable,
      evidence: f.readiness.withLiveEvidence,
      pending: f.readiness.withPendingOnly,
      expired: f.readiness.withExpiredOnly,
    }),
    href: `/referentiels/${f.id}`,
  }));
}

function requesterHome(p: PageCall) {
  const { t } = p.i18n;
  const m = listMinistries({ ctx: p.ctx }).items.find((x) => x.id === p.actor.ministryId);
  const ministry = m ? { code: m.code, name: m.name, quotas: m.quotas, allocated: m.allocated } : null;
  const changes = countIn(p, 'changes_requested');
  const tiles: Tile[] = [
    { label: t('home.tile.drafts'), value: countIn(p, 'draft'), href: '/demandes?state=draft' },
    { label: t('home.tile.changes'), value: changes, href: '/demandes?state=changes_requested', tone: 'attention' },
    { label: t('home.tile.submitted'), value: countIn(p, 'submitted'), href: '/demandes?state=submitted' },
    { label: t('home.tile.active'), value: countIn(p, 'active'), href: '/demandes?state=active' },
  ];
  const recent = listHostingRequests({ ctx: p.ctx, input: listRequestsQuery.parse({ limit: '8' }) }).items;
  return html(p.c, <RequesterHome ui={p.ui} ministry={ministry} tiles={tiles} recent={recent} waitingChanges={changes} />);
}

function operatorHome(p: PageCall) {
  const { t } = p.i18n;
  const tiles: Tile[] = [
    { label: t('home.tile.queue'), value: countIn(p, 'submitted'), href: '/approbations', tone: 'attention' },
    { label: t('home.tile.toProvision'), value: countIn(p, 'approved'), href: '/demandes?state=approved' },
    { label: t('home.tile.provisioning'), value: countIn(p, 'provisioning'), href: '/demandes?state=provisioning' },
    { label: t('home.tile.decommission'), value: countIn(p, 'decommission_requested'), href: '/demandes?state=decommission_requested' },
  ];
  const todo = [...listIn(p, 'approved', 10), ...listIn(p, 'provisioning', 10), ...listIn(p, 'decommission_requested', 10)].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const latest = listPolicyRuns({ ctx: p.ctx, input: { limit: 1, offset: 0 } }).items[0];
  const byStatus = latest?.totals['byStatus'] as { non_compliant?: number } | undefined;
  const policy = latest ? { at: latest.at, blocking: latest.blocking, nonCompliant: byStatus?.non_compliant ?? 0 } : null;
  return html(p.c, <OperatorHome ui={p.ui} tiles={tiles} feeds={feedHeadroom(siteState(p.ctx).hosts)} todo={todo} policy={policy} />);
}

function auditorHome(p: PageCall) {
  const { t } = p.i18n;
  const pending = listEvidence({ ctx: p.ctx, input: listEvidenceQuery.parse({ review: 'pending', limit: '1' }) }).total;
  const expiring = listEvidence({ ctx: p.ctx, input: listEvidenceQuery.parse({ freshness: 'expiring', limit: '1' }) }).total;
  const open = listFindings({ ctx: p.ctx, input: listFindingsQuery.parse({ status: 'open', limit: '1' }) }).total;
  const overdue = listFindings({ ctx: p.ctx, input: listFindingsQuery.parse({ overdue: 'true', limit: '1' }) }).total;
  const tiles: Tile[] = [
    { label: t('home.tile.pendingEvidence'), value: pending, href: '/preuves?review=pending', tone: 'attention' },
    { label: t('home.tile.expiringEvidence'), value: expiring, href: '/preuves?freshness=expiring' },
    { label: t('home.tile.openFindings'), value: open, href: '/constats?status=open' },
    { label: t('home.tile.overdueFindings'), value: overdue, href: '/constats?overdue=true', tone: 'attention' },
  ];
  return html(p.c, <AuditorHome ui={p.ui} tiles={tiles} readiness={readinessRows(p)} />);
}

function adminHome(p: PageCall) {
  const { t } = p.i18n;
  const users = listUsers({ ctx: p.ctx }).items;
  const ministries = listMinistries({ ctx: p.ctx }).items;
  const site = siteState(p.ctx);
  const tiles: Tile[] = [
    { label: t('home.tile.users'), value: users.filter((u) => !u.disabled).length, href: '/admin/utilisateurs' },
    { label: t('home.tile.disabledUsers'), value: users.filter((u) => u.disabled).length, href: '/admin/utilisateurs' },
    { label: t('home.tile.ministries'), value: ministries.length, href: '/admin/ministeres' },
    { label: t('home.tile.hosts'), value: site.hosts.length, href: '/admin/hotes' },
  ];
  const rows = ministries.map((m) => ({ code: m.code, name: m.name, kind: m.kind, quotas: m.quotas, allocated: m.allocated }));
  return html(p.c, <AdminHome ui={p.ui} tiles={tiles} feeds={feedHeadroom(site.hosts)} ministries={rows} />);
}

export function homePages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/',
    page(kit, {}, (p) => {
      switch (p.actor.role) {
        case 'requester':
          return requesterHome(p);
        case 'operator':
          return operatorHome(p);
        case 'auditor':
          return auditorHome(p);
        default:
          return adminHome(p);
      }
    }),
  );
}
