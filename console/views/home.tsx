/** The home page of each role: what needs their attention first. */
import type { FC } from 'hono/jsx';
import { BarChart, type BarRow } from './charts.js';
import { Empty, UsageBar } from './components.js';
import { Layout } from './layout.js';
import { QuotaPanel, RequestsTable, type FeedHeadroom, type MinistryQuota, type RequestSummary } from './requests.js';
import type { Ui } from './ui.js';

export interface Tile {
  label: string;
  value: number;
  href: string;
  tone?: 'attention' | undefined;
}

export const Tiles: FC<{ tiles: Tile[]; label: string }> = ({ tiles, label }) => (
  <ul class="tiles" aria-label={label}>
    {tiles.map((t) => (
      <li class={t.tone === 'attention' && t.value > 0 ? 'tile attention' : 'tile'}>
        <a href={t.href}>
          <span class="tile-value">{t.value}</span>
          <span class="tile-label">{t.label}</span>
        </a>
      </li>
    ))}
  </ul>
);

export const FeedBars: FC<{ ui: Ui; feeds: FeedHeadroom[] }> = ({ ui, feeds }) => {
  const i = ui.i18n;
  return (
    <div class="feeds">
      {feeds.map((f) => (
        <div class="feed">
          <h3>{i.t('impact.feed', { feed: f.feed, hosts: f.hosts })}</h3>
          <UsageBar ui={ui} label={i.t('resource.vcpu')} used={f.used.vcpu} total={f.capacity.vcpu} format={(n) => i.num(n)} />
          <UsageBar ui={ui} label={i.t('resource.memoryMb')} used={f.used.memoryMb} total={f.capacity.memoryMb} format={(n) => i.mib(n)} />
          <UsageBar ui={ui} label={i.t('resource.storageGb')} used={f.used.storageGb} total={f.capacity.storageGb} format={(n) => i.gib(n)} />
        </div>
      ))}
    </div>
  );
};

export const RequesterHome: FC<{ ui: Ui; ministry: MinistryQuota | null; tiles: Tile[]; recent: RequestSummary[]; waitingChanges: number }> = ({ ui, ministry, tiles, recent, waitingChanges }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('home.requester.title')} lead={ministry ? ministry.name : undefined} nav="home" wide>
      {waitingChanges > 0 ? (
        <div class="callout warning" role="note">
          <p>
            <a href="/demandes?state=changes_requested">{t('home.requester.changesWaiting', { n: waitingChanges })}</a>
          </p>
        </div>
      ) : null}
      <Tiles tiles={tiles} label={t('home.summary')} />
      <div class="with-aside">
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t('home.requester.recent')}</h2>
          <RequestsTable ui={ui} items={recent} caption={t('home.requester.recentCaption')} showMinistry={false} compact />
          <p class="button-row">
            <a class="button" href="/demandes/nouvelle">
              {t('requests.new')}
            </a>
            <a class="button secondary" href="/demandes">
              {t('home.requester.all')}
            </a>
          </p>
        </section>
        <aside class="panel" aria-labelledby="quota-title">
          <h2 id="quota-title">{t('home.requester.quota')}</h2>
          {ministry ? <QuotaPanel ui={ui} ministry={ministry} /> : <Empty ui={ui} />}
        </aside>
      </div>
    </Layout>
  );
};

export const OperatorHome: FC<{ ui: Ui; tiles: Tile[]; feeds: FeedHeadroom[]; todo: RequestSummary[]; policy: { at: string; blocking: boolean; nonCompliant: number } | null }> = ({ ui, tiles, feeds, todo, policy }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('home.operator.title')} nav="home" wide>
      <Tiles tiles={tiles} label={t('home.summary')} />
      <div class="with-aside">
        <section aria-labelledby="todo-title">
          <h2 id="todo-title">{t('home.operator.todo')}</h2>
          <RequestsTable ui={ui} items={todo} caption={t('home.operator.todoCaption')} showMinistry compact />
          <p class="button-row">
            <a class="button" href="/approbations">
              {t('home.operator.openQueue')}
            </a>
          </p>
        </section>
        <aside class="panel" aria-labelledby="site-title">
          <h2 id="site-title">{t('home.operator.site')}</h2>
          <FeedBars ui={ui} feeds={feeds} />
          <h2>{t('home.operator.policy')}</h2>
          {policy ? (
            <p>
              {policy.blocking ? <strong class="text-danger">{t('policy.blocking')}</strong> : <strong>{t('policy.notBlocking')}</strong>}{' '}
              {t('home.operator.policyLine', { n: policy.nonCompliant, at: ui.i18n.dateTime(policy.at) })} <a href="/politique">{t('common.details')}</a>
            </p>
          ) : (
            <p>{t('policy.none')}</p>
          )}
        </aside>
      </div>
    </Layout>
  );
};

export interface ExportLink {
  href: string;
  label: string;
}

export const ExportLinks: FC<{ ui: Ui; links: ExportLink[] }> = ({ ui, links }) => (
  <section aria-labelledby="exports-title" class="panel">
    <h2 id="exports-title">{ui.i18n.t('exports.title')}</h2>
    <p class="hint">{ui.i18n.t('exports.hint')}</p>
    <ul class="link-list">
      {links.map((l) => (
        <li>
          <a class="button secondary" href={l.href}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  </section>
);

export function exportLinks(ui: Ui): ExportLink[] {
  const { t } = ui.i18n;
  return [
    { href: ui.i18n.locale === 'en' ? '/api/v1/exports/soa?lang=en' : '/api/v1/exports/soa', label: t('exports.soaPage') },
    ...(ui.i18n.locale === 'en' ? [] : [{ href: '/api/v1/exports/soa?lang=en', label: t('cert.soa.printEn') }]),
    { href: '/api/v1/exports/soa.csv', label: t('exports.soaCsv') },
    { href: '/api/v1/exports/oscal/assessment-results.json', label: t('exports.oscal') },
    { href: '/api/v1/exports/evidence-package.zip', label: t('exports.package') },
  ];
}

export const AuditorHome: FC<{ ui: Ui; tiles: Tile[]; readiness: BarRow[] }> = ({ ui, tiles, readiness }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('home.auditor.title')} nav="home" wide>
      <Tiles tiles={tiles} label={t('home.summary')} />
      <div class="with-aside">
        <section aria-labelledby="readiness-title">
          <h2 id="readiness-title">{t('readiness.title')}</h2>
          <BarChart
            ui={ui}
            id="readiness"
            title={t('readiness.caption')}
            rows={readiness}
            labelHeader={t('frameworks.col.name')}
            valueHeader={t('readiness.value')}
            detailHeader={t('readiness.detail')}
          />
          <p class="hint">{t('readiness.formula')}</p>
        </section>
        <ExportLinks ui={ui} links={exportLinks(ui)} />
      </div>
    </Layout>
  );
};

export interface MinistryUsageRow extends MinistryQuota {
  kind: string;
}

export const AdminHome: FC<{ ui: Ui; tiles: Tile[]; feeds: FeedHeadroom[]; ministries: MinistryUsageRow[] }> = ({ ui, tiles, feeds, ministries }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <Layout ui={ui} title={t('home.admin.title')} nav="home" wide>
      <Tiles tiles={tiles} label={t('home.summary')} />
      <div class="with-aside">
        <section aria-labelledby="ministries-title">
          <h2 id="ministries-title">{t('home.admin.ministries')}</h2>
          <div class="table-wrap" tabindex={0}>
            <table class="data compact">
              <caption class="visually-hidden">{t('home.admin.ministries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ministries.col.code')}</th>
                  <th scope="col" class="num">
                    {t('resource.vcpu')}
                  </th>
                  <th scope="col" class="num">
                    {t('resource.memoryMb')}
                  </th>
                  <th scope="col" class="num">
                    {t('resource.environments')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ministries.map((m) => (
                  <tr>
                    <th scope="row">
                      <a href={`/admin/ministeres/${m.code}`}>
                        <abbr title={m.name}>{m.code}</abbr>
                      </a>
                    </th>
                    <td class="num">{t('usage.plain', { used: i.num(m.allocated.vcpu), total: i.num(m.quotas.vcpu) })}</td>
                    <td class="num">{t('usage.plain', { used: i.mib(m.allocated.memoryMb), total: i.mib(m.quotas.memoryMb) })}</td>
                    <td class="num">{t('usage.plain', { used: i.num(m.allocated.environments, 0), total: i.num(m.quotas.environments, 0) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <aside class="panel" aria-labelledby="site-title">
          <h2 id="site-title">{t('home.operator.site')}</h2>
          <FeedBars ui={ui} feeds={feeds} />
        </aside>
      </div>
    </Layout>
  );
};
