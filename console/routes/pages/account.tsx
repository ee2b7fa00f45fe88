/**
 * « Mon compte »: the second factor, own sessions and tokens, the password; and the sign-in
 * step that asks for the code. The same verbs as `/api/v1/auth/*`.
 */
import type { Hono } from 'hono';
import { changePasswordInput, createTokenInput, disableMfaInput, mfaCodeInput } from '../../api/schemas.js';
import { TooManyRequests, Unauthenticated } from '../../errors.js';
import { verifySecondFactor } from '../../http/sign-in.js';
import type { AppEnv } from '../../http/types.js';
import { changePassword } from '../../services/auth/change-password.js';
import { listSessions } from '../../services/auth/list-sessions.js';
import { confirmMfaEnrolment } from '../../services/auth/mfa-confirm-enrolment.js';
import { disableMfa } from '../../services/auth/mfa-disable.js';
import { startMfaEnrolment } from '../../services/auth/mfa-start-enrolment.js';
import { revokeSession } from '../../services/auth/revoke-session.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/tokens.js';
import { accountSecurity } from '../../services/users/account-security.js';
import { AccountPage, MfaEnrolPage, MfaVerifyPage, RecoveryCodesPage, type AccountView } from '../../views/account.js';
import { emptyForm, type FormState } from '../../views/ui.js';
import { formErrors, formState, html, isFieldRefusal, page, redirect, refusalErrors, safeLocalPath, uiFor, validate, type Kit, type PageCall } from './kit.js';

export function accountPages(app: Hono<AppEnv>, kit: Kit): void {
  const { deps } = kit;

  const view = (p: PageCall, forms: Partial<Pick<AccountView, 'tokenForm' | 'passwordForm' | 'disableForm' | 'created'>> = {}): AccountView => ({
    security: accountSecurity({ ctx: p.ctx, input: { session: p.session } }),
    mfaRequired: p.actor.role !== 'system' && deps.config.mfaRequiredRoles.includes(p.actor.role),
    sessions: listSessions({ ctx: p.ctx, input: { currentSessionId: p.session.sessionId, idleMs: deps.config.sessionIdleMs } }).items,
    tokens: listApiTokens({ ctx: p.ctx }).items,
    maxTokenDays: deps.config.apiTokenMaxDays,
    tokenForm: forms.tokenForm ?? emptyForm(),
    passwordForm: forms.passwordForm ?? emptyForm(),
    disableForm: forms.disableForm ?? emptyForm(),
    created: forms.created,
  });
  const show = (p: PageCall, forms: Parameters<typeof view>[1] = {}, status: 200 | 201 | 422 = 200) => html(p.c, <AccountPage ui={p.ui} view={view(p, forms)} />, status);

  app.get('/compte', page(kit, {}, (p) => show(p)));

  app.post(
    '/compte/jetons',
    page(kit, {}, async (p) => {
      const values = { name: p.form.name ?? '', expiresInDays: p.form.expiresInDays ?? '' };
      const scopes = p.formAll('scopes');
      const parsed = validate(createTokenInput, {
        name: values.name,
        ...(values.expiresInDays.trim() !== '' ? { expiresInDays: Number(values.expiresInDays) } : {}),
        ...(scopes.length > 0 ? { scopes } : {}),
      });
      if (!parsed.ok) return show(p, { tokenForm: formState(values, formErrors(parsed.errors, p.i18n)) }, 422);
      try {
        const made = createApiToken({ ctx: p.ctx, input: parsed.data, defaultTtlDays: deps.config.apiTokenTtlDays, maxTtlDays: deps.config.apiTokenMaxDays });
        // The secret is shown in this answer only: no redirect could carry it.
        return show(p, { created: { name: made.name, token: made.token } }, 201);
      } catch (err) {
        if (isFieldRefusal(err)) return show(p, { tokenForm: formState(values, refusalErrors(err, p.i18n)) }, 422);
        throw err;
      }
    }),
  );

  app.post(
    '/compte/jetons/:id/revocation',
    page(kit, {}, (p) => {
      revokeApiToken({ ctx: p.ctx, input: { id: p.param('id') } });
      return redirect(p.c, '/compte', 'token-revoked');
    }),
  );

  app.post(
    '/compte/sessions/:id/fin',
    page(kit, {}, (p) => {
      revokeSession({ ctx: p.ctx, input: { id: p.param('id') } });
      return redirect(p.c, '/compte', 'session-ended');
    }),
  );

  app.post(
    '/compte/mot-de-passe',
    page(kit, {}, async (p) => {
      const parsed = validate(changePasswordInput, { currentPassword: p.form.currentPassword ?? '', newPassword: p.form.newPassword ?? '' });
      if (!parsed.ok) return show(p, { passwordForm: formState({}, formErrors(parsed.errors, p.i18n)) }, 422);
      try {
        await changePassword({ ctx: p.ctx, input: parsed.data, currentSessionId: p.session.sessionId, scryptN: deps.config.scryptN });
        return redirect(p.c, '/compte', 'password-changed');
      } catch (err) {
        if (isFieldRefusal(err)) return show(p, { passwordForm: formState({}, refusalErrors(err, p.i18n)) }, 422);
        throw err;
      }
    }),
  );

  app.post(
    '/compte/double-authentification/desactivation',
    page(kit, {}, async (p) => {
      const parsed = validate(disableMfaInput, { password: p.form.password ?? '', code: p.form.code ?? '' });
      if (!parsed.ok) return show(p, { disableForm: formState({}, formErrors(parsed.errors, p.i18n)) }, 422);
      try {
        await disableMfa({ ctx: p.ctx, input: parsed.data, requiredRoles: deps.config.mfaRequiredRoles });
        return redirect(p.c, '/compte', 'mfa-disabled');
      } catch (err) {
        if (isFieldRefusal(err)) return show(p, { disableForm: formState({}, refusalErrors(err, p.i18n)) }, 422);
        throw err;
      }
    }),
  );

  // Enrolment is open to a session its role holds back until it is done.
  const enrolPage = (p: PageCall, enrolment: { qrSvg: string; secret: string } | null, form: FormState = emptyForm(), status: 200 | 422 = 200) =>
    html(p.c, <MfaEnrolPage ui={uiFor(kit, p.c, p.i18n, p.session)} required={p.session.mfaState === 'enrol'} enrolment={enrolment} form={form} />, status);

  app.get('/compte/double-authentification', page(kit, { incomplete: ['enrol'] }, (p) => enrolPage(p, null)));

  app.post(
    '/compte/double-authentification',
    page(kit, { incomplete: ['enrol'] }, async (p) => {
      const started = await startMfaEnrolment({ ctx: p.ctx });
      return enrolPage(p, started);
    }),
  );

  app.post(
    '/compte/double-authentification/confirmation',
    page(kit, { incomplete: ['enrol'] }, async (p) => {
      const values = { code: p.form.code ?? '' };
      const parsed = validate(mfaCodeInput, values);
      try {
        if (!parsed.ok) return await enrolAgain(p, formState(values, formErrors(parsed.errors, p.i18n)));
        const done = confirmMfaEnrolment({ ctx: p.ctx, input: { code: parsed.data.code, sessionId: p.session.sessionId } });
        const ui = { ...p.ui, actor: p.actor };
        return html(p.c, <RecoveryCodesPage ui={ui} codes={done.recoveryCodes} />);
      } catch (err) {
        if (isFieldRefusal(err)) return enrolAgain(p, formState(values, refusalErrors(err, p.i18n)));
        throw err;
      }
    }),
  );

  /** A wrong code shows the same secret again (it stays pending on the account until confirmed). */
  async function enrolAgain(p: PageCall, form: FormState) {
    const started = await startMfaEnrolment({ ctx: p.ctx, input: { keepPending: true } });
    return enrolPage(p, started, form, 422);
  }

  app.get(
    '/connexion/verification',
    page(kit, { incomplete: ['pending'] }, (p) => {
      if (p.session.mfaState !== 'pending') return redirect(p.c, '/');
      return html(p.c, <MfaVerifyPage ui={p.ui} form={emptyForm()} retour={safeLocalPath(p.c.req.query('retour'))} />);
    }),
  );

  app.post(
    '/connexion/verification',
    page(kit, { incomplete: ['pending'] }, (p) => {
      const retour = safeLocalPath(p.form.retour);
      const values = { code: p.form.code ?? '' };
      const again = (message: string, status: 401 | 422 | 429) => html(p.c, <MfaVerifyPage ui={p.ui} form={formState(values, { code: message })} retour={retour} />, status);
      if (p.session.mfaState !== 'pending') return redirect(p.c, retour);
      const parsed = validate(mfaCodeInput, values);
      if (!parsed.ok) return again(formErrors(parsed.errors, p.i18n).code ?? p.i18n.t('mfa.verify.failed'), 422);
      try {
        verifySecondFactor(p.c, deps, p.session, parsed.data.code);
        return redirect(p.c, retour);
      } catch (err) {
        if (err instanceof Unauthenticated) return again(p.i18n.t('mfa.verify.failed'), 401);
        if (err instanceof TooManyRequests) {
          p.c.header('Retry-After', String(err.retryAfterSeconds));
          return again(p.i18n.t('login.tooMany', { seconds: err.retryAfterSeconds }), 429);
        }
        throw err;
      }
    }),
  );
}
