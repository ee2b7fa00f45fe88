/**
 * The frame of every page: skip link, header with the state's identity, the language switch
 * and the account, the navigation of the user's role, then the page itself.
 */
import type { Child, FC } from 'hono/jsx';
import { AGENCY_NAME, type MessageKey } from '../i18n/index.js';
import { Csrf, Notice, withQuery } from './components.js';
import type { Ui } from './ui.js';

export type NavKey =
  | 'home'
  | 'requests'
  | 'new-request'
  | 'queue'
  | 'tenancy'
  | 'runs'
  | 'policy'
  | 'frameworks'
  | 'evidence'
  | 'findings'
  | 'risks'
  | 'users'
  | 'ministries'
  | 'hosts'
  | 'facility'
  | 'audit';

interface NavItem {
  key: NavKey;
  href: string;
  label: MessageKey;
}

const item = (key: NavKey, href: string, label: MessageKey): NavItem => ({ key, href, label });

const navByRole: Record<string, NavItem[]> = {
  requester: [
    item('home', '/', 'nav.home'),
    item('requests', '/demandes', 'nav.myRequests'),
    item('new-request', '/demandes/nouvelle', 'nav.newRequest'),
    item('evidence', '/preuves', 'nav.evidence'),
    item('audit', '/journal', 'nav.audit'),
  ],
  operator: [
    item('home', '/', 'nav.home'),
    item('queue', '/approbations', 'nav.queue'),
    item('requests', '/demandes', 'nav.requests'),
    item('tenancy', '/hebergement', 'nav.tenancy'),
    item('runs', '/executions', 'nav.runs'),
    item('facility', '/installation', 'nav.facility'),
    item('policy', '/politique', 'nav.policy'),
    item('frameworks', '/referentiels', 'nav.frameworks'),
    item('evidence', '/preuves', 'nav.evidence'),
    item('risks', '/risques', 'nav.risks'),
    item('audit', '/journal', 'nav.audit'),
  ],
  auditor: [
    item('home', '/', 'nav.home'),
    item('frameworks', '/referentiels', 'nav.frameworks'),
    item('evidence', '/preuves?review=pending', 'nav.evidenceReview'),
    item('findings', '/constats', 'nav.findings'),
    item('facility', '/installation', 'nav.facility'),
    item('risks', '/risques', 'nav.risks'),
    item('requests', '/demandes', 'nav.requests'),
    item('policy', '/politique', 'nav.policy'),
    item('audit', '/journal', 'nav.audit'),
  ],
  admin: [
    item('home', '/', 'nav.home'),
    item('users', '/admin/utilisateurs', 'nav.users'),
    item('ministries', '/admin/ministeres', 'nav.ministries'),
    item('hosts', '/admin/hotes', 'nav.hosts'),
    item('facility', '/installation', 'nav.facility'),
    item('requests', '/demandes', 'nav.requests'),
    item('frameworks', '/referentiels', 'nav.frameworks'),
    item('risks', '/risques', 'nav.risks'),
    item('audit', '/journal', 'nav.audit'),
  ],
};

export const Layout: FC<{ ui: Ui; title: string; nav?: NavKey | undefined; children?: Child; lead?: Child; wide?: boolean }> = ({ ui, title, nav, children, lead, wide }) => {
  const { t, locale } = ui.i18n;
  const actor = ui.actor;
  const items = actor ? (navByRole[actor.role] ?? []) : [];
  const other = locale === 'fr' ? 'en' : 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — dcops`}</title>
        <link rel="stylesheet" href={ui.assets.css} />
        <link rel="icon" type="image/svg+xml" href={ui.assets.icon} />
        <script src={ui.assets.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="flag-band" aria-hidden="true">
            <span class="flag-green"></span>
            <span class="flag-yellow"></span>
            <span class="flag-red"></span>
          </div>
          <div class="header-inner">
            <a class="brand" href="/">
              <span class="brand-state">{t('layout.state')}</span>
              <span class="brand-name">{t('layout.product')}</span>
            </a>
            <div class="header-tools">
              <a class="lang-switch" href={withQuery('/langue', { lang: other, retour: ui.path })} lang={other} hreflang={other}>
                {t('layout.switchLanguage')}
              </a>
              {actor ? (
                <div class="account">
                  <a class="account-name" href="/compte">
                    <span class="visually-hidden">{t('layout.account')} — </span>
                    {actor.email}
                    <span class="account-role">{t(`role.${actor.role}`)}</span>
                  </a>
                  <form method="post" action="/deconnexion" class="inline">
                    <Csrf ui={ui} />
                    <button type="submit" class="button-link">
                      {t('layout.logout')}
                    </button>
                  </form>
                </div>
              ) : null}
            </div>
          </div>
          {items.length > 0 ? (
            <nav class="main-nav" aria-label={t('layout.mainNav')}>
              <ul>
                {items.map((i) => (
                  <li>
                    <a href={i.href} aria-current={i.key === nav ? 'page' : undefined}>
                      {t(i.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="contenu" tabindex={-1} class={wide ? 'wide' : undefined}>
          <Notice ui={ui} />
          {ui.failedSignIns ? (
            <p class="notice notice-warning" role="alert">
              {t('security.failedSince', { count: ui.failedSignIns })} <a href="/compte">{t('layout.account')}</a>
            </p>
          ) : null}
          <h1>{title}</h1>
          {lead ? <p class="lead">{lead}</p> : null}
          {children}
        </main>
        <footer class="site-footer">
          <p>
            <span lang="fr">{AGENCY_NAME}</span> (ASIN) — {t('layout.footer')}
          </p>
        </footer>
      </body>
    </html>
  );
};
