/**
 * Operations of the account security endpoints (second factor, own sessions, password). Kept
 * apart from `operations/` so the contract there can evolve on its own; the document lists both.
 */
import type { Operation } from './operations/types.js';
import * as r from './responses/core.js';
import { changePasswordInput, disableMfaInput, mfaCodeInput, pageQuery } from './schemas.js';

export const securityOps = {
  startMfa: { method: 'post', path: '/auth/mfa/enrol', summary: 'Start enrolment in the second factor: a TOTP secret, its otpauth URI and an SVG QR code', tag: 'auth', roles: 'signed in (also before enrolment when the role requires it)', success: 200, response: r.mfaEnrolment, errors: [409] },
  confirmMfa: { method: 'post', path: '/auth/mfa/enrol/confirm', summary: 'Confirm enrolment with a first code; returns the ten recovery codes, shown once', tag: 'auth', roles: 'signed in', body: mfaCodeInput, success: 200, response: r.mfaEnabled, errors: [409] },
  verifyMfa: { method: 'post', path: '/auth/mfa/verify', summary: 'Second step of signing in: a TOTP code or a recovery code', tag: 'auth', roles: 'session waiting for its second factor', body: mfaCodeInput, success: 200, public: true, response: r.mfaVerified, errors: [401, 429] },
  disableMfa: { method: 'post', path: '/auth/mfa/disable', summary: 'Turn the second factor off (password and code); refused where the role requires it', tag: 'auth', roles: 'signed in (session)', body: disableMfaInput, success: 200, response: r.mfaDisabled, errors: [409] },
  listSessions: { method: 'get', path: '/auth/sessions', summary: "The account's open sessions, the current one marked", tag: 'auth', roles: 'signed in', query: pageQuery, success: 200, response: r.sessionList },
  revokeSession: { method: 'delete', path: '/auth/sessions/:id', summary: 'End one of your sessions', tag: 'auth', roles: 'owner', success: 200, response: r.sessionRevoked },
  changePassword: { method: 'post', path: '/auth/password', summary: 'Change your password (current one required); ends your other sessions', tag: 'auth', roles: 'signed in (session)', body: changePasswordInput, success: 200, response: r.passwordChanged },
} satisfies Record<string, Operation>;

export const securityOperations: Operation[] = Object.values(securityOps);
