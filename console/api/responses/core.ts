/** Responses of the console core: accounts, ministries, site, hosting requests, audit. */
import { z } from 'zod';
import {
  availabilitySchema,
  backupPolicySchema,
  classificationSchema,
  exposureSchema,
  healthcheckSchema,
  powerFeedSchema,
  serviceExposeSchema,
  serviceKindSchema,
  tenancySpecSchema,
} from '../../../infra/spec.js';
import { requestStates } from '../../db/schema/hosting-requests.js';
import { mfaStates, roles, tokenScopes } from '../../db/schema/users.js';
import { transitionActions } from '../schemas.js';
import { count, cursorListOf, instant, jsonDocument, listOf, named, sha256Hex, uuid } from './registry.js';

export const user = named(
  'User',
  z.object({
    id: uuid,
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    ministry: z.string().nullable().describe('Code of the ministry a requester belongs to'),
    disabled: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  }),
);
export const userList = listOf('UserList', user);
export const createdUser = named(
  'CreatedUser',
  z.object({ user, generatedPassword: z.string().optional().describe('Only when the account was created without a password: shown this once') }),
);

const mfaState = named(
  'SecondFactorState',
  z.enum(mfaStates),
  'none: not needed; verified: given; pending: the password was right, the code is awaited (POST /auth/mfa/verify); enrol: the role needs it and the account has none yet (only enrolment is open)',
);
export const signedIn = named(
  'SignedIn',
  z.object({
    user,
    csrfToken: z.string().describe('Send as X-CSRF-Token on writes made with the session cookie'),
    expiresAt: instant,
    mfa: mfaState,
    previousSignIn: z
      .object({ at: instant.nullable(), failedAttemptsSince: count, lastFailedAt: instant.nullable() })
      .describe('The previous sign-in, and the failed attempts since: someone may be guessing the password'),
  }),
);
export const accountSecurity = named(
  'AccountSecurity',
  z.object({
    mfaEnabled: z.boolean(),
    recoveryCodesLeft: count,
    previousSignInAt: instant.nullable(),
    failedSignInsBeforeThisSession: count.nullable(),
    failedSignInsSinceLastSignIn: count,
    lastFailedSignInAt: instant.nullable(),
  }),
);
/** Scopes as stored: read, write, metrics. */
const tokenScope = z.string().meta({ enum: [...tokenScopes] });
export const me = named(
  'Me',
  z.object({
    user: user.optional().describe('Absent while the session still waits for its second factor'),
    via: z.enum(['session', 'token']),
    security: accountSecurity.optional(),
    token: z.object({ id: uuid, scopes: z.array(tokenScope).readonly().nullable(), expiresAt: instant.nullable() }).optional().describe('With a bearer token only'),
    csrfToken: z.string().optional().describe('With a session only'),
    expiresAt: instant.optional().describe('With a session only'),
    mfa: mfaState.optional().describe('With a session only'),
  }),
);

export const apiToken = named(
  'ApiToken',
  z.object({
    id: uuid,
    name: z.string(),
    prefix: z.string(),
    createdAt: instant,
    expiresAt: instant.nullable(),
    revokedAt: instant.nullable(),
    scopes: z.array(tokenScope).nullable().describe("null: the owner's rights"),
  }),
);
export const apiTokenList = listOf('ApiTokenList', apiToken);
export const createdApiToken = named('CreatedApiToken', apiToken.extend({ token: z.string().describe('The secret: shown this once, stored hashed') }));

const quantities = z.object({ vcpu: z.number(), memoryMb: z.number().int(), storageGb: z.number().int(), environments: z.number().int() });
export const ministry = named(
  'Ministry',
  z.object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    kind: z.enum(['ministry', 'agency']),
    quotas: quantities,
    allocated: quantities,
    remaining: quantities,
    createdAt: instant,
    updatedAt: instant,
  }),
);
export const ministryList = listOf('MinistryList', ministry);

const resources = z.object({ vcpu: z.number(), memoryMb: z.number().int(), storageGb: z.number().int() });
export const host = named(
  'Host',
  z.object({
    id: uuid,
    name: z.string(),
    dockerHost: z.string(),
    powerFeed: powerFeedSchema,
    zone: z.string(),
    schedulable: z.boolean(),
    capacity: resources,
    used: resources,
    replicas: count.describe('Replicas placed on the host'),
    createdAt: instant,
    updatedAt: instant,
  }),
);
export const hostList = listOf('HostList', host);

const requestSummaryShape = {
  id: uuid,
  reference: z.string(),
  ministry: z.object({ code: z.string(), name: z.string() }),
  environmentName: z.string(),
  classification: classificationSchema,
  exposure: exposureSchema,
  availability: availabilitySchema,
  backup: z.object({ policy: backupPolicySchema, retentionDays: count }),
  state: z.enum(requestStates),
  version: z.number().int().min(1),
  footprint: resources.describe('What the request books: per-replica sizes times replicas'),
  createdAt: instant,
  updatedAt: instant,
  submittedAt: instant.nullable(),
  decidedAt: instant.nullable(),
  activatedAt: instant.nullable(),
  decommissionedAt: instant.nullable(),
};
export const requestSummary = named('HostingRequestSummary', z.object(requestSummaryShape));
export const requestList = listOf('HostingRequestList', requestSummary);
export const requestService = named(
  'RequestedService',
  z.object({
    name: z.string(),
    image: z.string(),
    vcpu: z.number(),
    memoryMb: z.number().int(),
    storageGb: z.number().int(),
    ports: z.array(z.number().int()),
    healthcheck: healthcheckSchema,
    replicas: z.number().int(),
    kind: serviceKindSchema,
    expose: serviceExposeSchema.optional().describe('Reached through the ingress at <hostname>.<platform domain> on port'),
  }),
);
export const hostingRequest = named(
  'HostingRequest',
  z.object({
    ...requestSummaryShape,
    purpose: z.string(),
    services: z.array(requestService),
    placements: z.array(z.object({ service: z.string(), replica: count, host: z.string(), powerFeed: powerFeedSchema })),
    createdBy: z.string().nullable(),
    submittedBy: z.string().nullable(),
    decidedBy: z.string().nullable(),
    timeline: z.array(z.object({ at: instant, from: z.enum(requestStates).nullable(), to: z.enum(requestStates), comment: z.string().nullable(), actor: z.string() })),
    allowedActions: z.array(z.enum(transitionActions)).describe("What the caller may do next, given the state and the caller's role"),
    infrastructure: z
      .object({
        stack: z.string().nullable(),
        activatedByRun: z.object({ id: uuid, demo: z.boolean() }).nullable().describe('The applied run whose state holds every resource of the environment'),
        decommissionedByRun: z.object({ id: uuid, demo: z.boolean() }).nullable(),
        activationOverride: z.string().nullable().describe("An administrator's written reason for activating without a run"),
        lastFailedRun: z.object({ id: uuid, failureReason: z.string().nullable(), finishedAt: instant.nullable() }).nullable(),
      })
      .describe('What the infrastructure says about the request'),
    incomplete: z
      .object({
        draft: jsonDocument.describe('The fields as typed (the draft input); the request fields above hold what was given, an empty name or purpose when missing'),
        missing: z.array(z.string()).describe('Fields submission will still ask for or refuse, as dotted paths'),
      })
      .nullable()
      .describe('A draft saved before it was complete (in the console); null for a complete request'),
  }),
);

export const auditEntry = named(
  'AuditEntry',
  z.object({
    seq: z.number().int().min(1),
    at: instant,
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    id: z.string(),
    ministryId: z.string().nullable(),
    before: z.unknown().describe('The entity before the change (JSON), or null'),
    after: z.unknown().describe('The entity after the change (JSON), or null'),
    prevHash: sha256Hex,
    hash: sha256Hex,
  }),
);
export const auditList = cursorListOf('AuditEntryList', auditEntry, 'entries', 'A page of the audit trail, newest first');
export const auditVerification = named(
  'AuditVerification',
  z.object({
    ok: z.boolean(),
    entries: count,
    headHash: z.string(),
    firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
    anchoring: z.object({
      checkpoints: count,
      lastCheckpoint: z.object({ seq: z.number().int(), hash: z.string(), at: instant }).nullable(),
      notYetAnchored: count.describe('Entries after the last checkpoint: they verify against each other, nothing else vouches for them yet'),
      tampering: z.array(z.object({ seq: z.number().int(), reason: z.string() })),
      keySource: z.enum(['key-file', 'checkpoint-directory', 'none']),
    }),
    checkedAt: instant,
    durationMs: z.number().min(0),
  }),
);

export const session = named(
  'Session',
  z.object({
    id: z.string(),
    createdAt: instant,
    lastSeenAt: instant,
    expiresAt: instant,
    userAgent: z.string().nullable(),
    address: z.string().nullable(),
    secondFactor: mfaState,
    current: z.boolean(),
  }),
);
export const sessionList = listOf('SessionList', session);
export const sessionRevoked = named('SessionRevoked', z.object({ id: z.string(), revoked: z.boolean() }));
export const passwordChanged = named('PasswordChanged', z.object({ changed: z.boolean(), otherSessionsEnded: count }));
export const mfaEnrolment = named(
  'SecondFactorEnrolment',
  z.object({ secret: z.string().describe('Base32 TOTP secret'), otpauthUri: z.string(), qrSvg: z.string().describe('The otpauth URI as an SVG QR code, drawn by the server') }),
);
export const mfaEnabled = named('SecondFactorEnabled', z.object({ enabled: z.boolean(), recoveryCodes: z.array(z.string()).describe('Shown this once; stored hashed') }));
export const mfaVerified = named('SecondFactorVerified', z.object({ verified: z.boolean(), recoveryCodeUsed: z.boolean() }));
export const mfaDisabled = named('SecondFactorDisabled', z.object({ enabled: z.boolean() }));

export const tenancySpec = named('TenancySpec', tenancySpecSchema);
