/**
 * A person's own security: the second factor, open sessions, API tokens, password. And the
 * sign-in steps around the second factor (enrolment with its QR code, the code, recovery codes).
 */
import type { Child, FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import { ColumnHeads, Csrf, ErrorSummary, Facts, TextField } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

export interface AccountView {
  security: {
    mfaEnabled: boolean;
    recoveryCodesLeft: number;
    previousSignInAt: string | null;
    failedSignInsBeforeThisSession: number | null;
  };
  mfaRequired: boolean;
  sessions: { id: string; createdAt: string; lastSeenAt: string; address: string | null; userAgent: string | null; current: boolean }[];
  tokens: { id: string; name: string; prefix: string; expiresAt: string | null; revokedAt: string | null; scopes: string[] | null }[];
  maxTokenDays: number;
  /** A token just created: its secret, shown this once. */
  created?: { name: string; token: string } | undefined;
  tokenForm: FormState;
  passwordForm: FormState;
  disableForm: FormState;
}

const SCOPES = ['read', 'write', 'metrics'] as const;

/** Half signed in, the header has no account menu: the way out is here. */
const SignOut: FC<{ ui: Ui }> = ({ ui }) => (
  <form method="post" action="/deconnexion" class="inline">
    <Csrf ui={ui} />
    <button type="submit" class="button-link">
      {ui.i18n.t('layout.logout')}
    </button>
  </form>
);

/**
 * One row per credential (a session, a token): its facts, then how it ends — a button posting to
 * `action`, or what it reads when it cannot be ended here (the current session, a revoked token).
 */
interface CredentialRow {
  cells: Child[];
  end: { action: string; label: string } | { status: Child };
}

const CredentialTable: FC<{ ui: Ui; columns: readonly MessageKey[]; rows: CredentialRow[] }> = ({ ui, columns, rows }) => (
  <table>
    <ColumnHeads ui={ui} columns={columns}>
      <td></td>
    </ColumnHeads>
    <tbody>
      {rows.map((row) => (
        <tr>
          {row.cells.map((cell) => (
            <td>{cell}</td>
          ))}
          <td>
            {'status' in row.end ? (
              row.end.status
            ) : (
              <form method="post" action={row.end.action} class="inline">
                <Csrf ui={ui} />
                <button type="submit" class="button-link">
                  {row.end.label}
                </button>
              </form>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const AccountPage: FC<{ ui: Ui; view: AccountView }> = ({ ui, view }) => {
  const { t } = ui.i18n;
  const s = view.security;
  return (
    <Layout ui={ui} title={t('account.title')} lead={t('account.lead')}>
      <Facts
        items={[
          [t('account.previousSignIn'), s.previousSignInAt ? ui.i18n.dateTime(s.previousSignInAt) : t('account.never')],
          [t('account.failedBefore'), String(s.failedSignInsBeforeThisSession ?? 0)],
        ]}
      />

      <section class="panel" aria-labelledby="mfa-title">
        <h2 id="mfa-title">{t('account.mfa.title')}</h2>
        <p>{s.mfaEnabled ? t('account.mfa.on', { left: s.recoveryCodesLeft }) : t('account.mfa.off')}</p>
        {!s.mfaEnabled ? (
          <form method="post" action="/compte/double-authentification">
            <Csrf ui={ui} />
            <button type="submit" class="button">
              {t('account.mfa.enable')}
            </button>
          </form>
        ) : view.mfaRequired ? (
          <p class="hint">{t('account.mfa.required')}</p>
        ) : (
          <form method="post" action="/compte/double-authentification/desactivation" novalidate>
            <Csrf ui={ui} />
            <p class="hint">{t('account.mfa.disableHint')}</p>
            <ErrorSummary ui={ui} form={view.disableForm} />
            <TextField form={view.disableForm} name="password" type="password" label={t('account.password.current')} autocomplete="current-password" required />
            <TextField form={view.disableForm} name="code" label={t('mfa.code')} autocomplete="one-time-code" inputmode="numeric" width="short" required />
            <button type="submit" class="button-secondary">
              {t('account.mfa.disable')}
            </button>
          </form>
        )}
      </section>

      <section class="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessions.title')}</h2>
        <CredentialTable
          ui={ui}
          columns={['account.col.opened', 'account.col.lastSeen', 'account.col.from', 'account.col.device']}
          rows={view.sessions.map((x) => ({
            cells: [ui.i18n.dateTime(x.createdAt), ui.i18n.dateTime(x.lastSeenAt), x.address ?? '—', x.userAgent ? x.userAgent.slice(0, 80) : '—'],
            end: x.current ? { status: <strong>{t('account.sessions.current')}</strong> } : { action: `/compte/sessions/${x.id}/fin`, label: t('account.sessions.end') },
          }))}
        />
      </section>

      <section class="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('account.tokens.title')}</h2>
        <p class="hint">{t('account.tokens.lead')}</p>
        {view.created ? (
          <div class="callout" role="status">
            <p>{t('account.tokens.created', { name: view.created.name })}</p>
            <p class="secret-value">{view.created.token}</p>
          </div>
        ) : null}
        {view.tokens.length > 0 ? (
          <CredentialTable
            ui={ui}
            columns={['account.col.name', 'account.col.prefix', 'account.col.scopes', 'account.col.expires']}
            rows={view.tokens.map((x) => ({
              cells: [
                x.name,
                <code>{x.prefix}…</code>,
                x.scopes ? x.scopes.map((sc) => t(`account.tokens.scope.${sc as (typeof SCOPES)[number]}`)).join(', ') : t('account.tokens.allRights'),
                x.expiresAt ? ui.i18n.date(x.expiresAt) : '—',
              ],
              end: x.revokedAt ? { status: t('account.tokens.revoked') } : { action: `/compte/jetons/${x.id}/revocation`, label: t('account.tokens.revoke') },
            }))}
          />
        ) : null}
        <form method="post" action="/compte/jetons" novalidate>
          <Csrf ui={ui} />
          <ErrorSummary ui={ui} form={view.tokenForm} />
          <TextField form={view.tokenForm} name="name" label={t('account.tokens.name')} required width="medium" />
          <TextField form={view.tokenForm} name="expiresInDays" type="number" inputmode="numeric" label={t('account.tokens.days', { max: view.maxTokenDays })} width="short" />
          <fieldset>
            <legend>{t('account.tokens.scopes')}</legend>
            {SCOPES.map((sc) => (
              <div class="field checkbox">
                <input type="checkbox" id={`scope-${sc}`} name="scopes" value={sc} />
                <label for={`scope-${sc}`}>{t(`account.tokens.scope.${sc}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">
            {t('account.tokens.create')}
          </button>
        </form>
      </section>

      <section class="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password.title')}</h2>
        <form method="post" action="/compte/mot-de-passe" novalidate>
          <Csrf ui={ui} />
          <ErrorSummary ui={ui} form={view.passwordForm} labels={{ currentPassword: t('account.password.current'), newPassword: t('account.password.new') }} />
          <TextField form={view.passwordForm} name="currentPassword" type="password" label={t('account.password.current')} autocomplete="current-password" required />
          <TextField form={view.passwordForm} name="newPassword" type="password" label={t('account.password.new')} hint={t('account.password.hint')} autocomplete="new-password" required />
          <button type="submit" class="button">
            {t('account.password.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
};

/** Enrolment: the QR code (an SVG the server drew, shown as an image) and the code that confirms it. */
export const MfaEnrolPage: FC<{ ui: Ui; required: boolean; enrolment: { qrSvg: string; secret: string } | null; form: FormState }> = ({ ui, required, enrolment, form }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('mfa.enrol.title')}>
      <div class="narrow">
        {required ? <p class="callout">{t('mfa.enrol.required')}</p> : null}
        {enrolment ? (
          <>
            <p class="lead">{t('mfa.enrol.lead')}</p>
            <img class="qr-code" alt={t('mfa.enrol.qr')} src={`data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString('base64')}`} />
            <p>
              {t('mfa.enrol.secret')} : <span class="secret-value">{enrolment.secret}</span>
            </p>
            <form method="post" action="/compte/double-authentification/confirmation" novalidate class="panel">
              <Csrf ui={ui} />
              <ErrorSummary ui={ui} form={form} labels={{ code: t('mfa.code') }} />
              <TextField form={form} name="code" label={t('mfa.code')} autocomplete="one-time-code" inputmode="numeric" width="short" required />
              <button type="submit" class="button">
                {t('mfa.enrol.confirm')}
              </button>
            </form>
          </>
        ) : (
          <form method="post" action="/compte/double-authentification" class="panel">
            <Csrf ui={ui} />
            <button type="submit" class="button">
              {t('mfa.enrol.start')}
            </button>
          </form>
        )}
        {ui.actor ? null : <SignOut ui={ui} />}
      </div>
    </Layout>
  );
};

export const RecoveryCodesPage: FC<{ ui: Ui; codes: string[] }> = ({ ui, codes }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('mfa.recovery.title')} lead={t('mfa.recovery.lead')}>
      <ul class="secret-value">
        {codes.map((c) => (
          <li>{c}</li>
        ))}
      </ul>
      <p>
        <a class="button" href="/">
          {t('mfa.recovery.continue')}
        </a>
      </p>
    </Layout>
  );
};

export const MfaVerifyPage: FC<{ ui: Ui; form: FormState; retour: string }> = ({ ui, form, retour }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('mfa.verify.title')}>
      <div class="narrow">
        <p class="lead">{t('mfa.verify.lead')}</p>
        <ErrorSummary ui={ui} form={form} labels={{ code: t('mfa.code') }} />
        <form method="post" action="/connexion/verification" novalidate class="panel">
          <Csrf ui={ui} />
          <input type="hidden" name="retour" value={retour} />
          <TextField form={form} name="code" label={t('mfa.code')} autocomplete="one-time-code" inputmode="numeric" width="short" required />
          <button type="submit" class="button">
            {t('mfa.verify.submit')}
          </button>
        </form>
        <SignOut ui={ui} />
      </div>
    </Layout>
  );
};
