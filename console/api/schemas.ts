/**
 * Every input the API accepts, as zod schemas. Routes validate with them, the OpenAPI document
 * is generated from them, and services take their inferred types.
 */
import { z } from 'zod';
import {
  availabilitySchema,
  backupPolicySchema,
  classificationSchema,
  exposureSchema,
  healthcheckSchema,
  ministryCodeSchema,
  pinnedImageSchema,
  powerFeedSchema,
  serviceExposeSchema,
  serviceKindSchema,
  slugSchema,
  isStatefulKind,
  type ServiceKind,
} from '../../infra/spec.js';
import { requestStates } from '../db/schema/hosting-requests.js';
import { roles, tokenScopes } from '../db/schema/users.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const emailSchema = z.email().max(254).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(200);
const versionSchema = z.number().int().min(1);

export const loginInput = z.strictObject({
  email: z.string().min(3).max(254).transform((e) => e.trim().toLowerCase()),
  password: z.string().min(1).max(200),
});

export const createTokenInput = z.strictObject({
  name: text(100),
  /** Capped by DCOPS_API_TOKEN_MAX_DAYS (90 by default). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** read, write, metrics; omitted: the owner's rights. */
  scopes: z
    .array(z.enum(tokenScopes))
    .min(1, 'name at least one scope, or omit the field for the owner’s rights')
    .max(3)
    .refine((s) => new Set(s).size === s.length, 'scopes must be unique')
    .optional(),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const mfaCodeInput = z.strictObject({
  /** Six digits from the authenticator app, or one recovery code. */
  code: z.string().trim().min(6).max(40),
});

export const disableMfaInput = z.strictObject({
  password: z.string().min(1).max(200),
  code: z.string().trim().min(6).max(40),
});

export const quotasInput = z.strictObject({
  vcpu: z.number().min(0).max(100_000).multipleOf(0.25),
  memoryMb: z.number().int().min(0).max(1_000_000_000),
  storageGb: z.number().int().min(0).max(100_000_000),
  environments: z.number().int().min(0).max(10_000),
});

export const createMinistryInput = z.strictObject({
  code: ministryCodeSchema,
  name: text(200),
  kind: z.enum(['ministry', 'agency']).default('ministry'),
  quotas: quotasInput,
});

export const updateMinistryInput = z
  .strictObject({
    name: text(200).optional(),
    kind: z.enum(['ministry', 'agency']).optional(),
    quotas: quotasInput.partial().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export const createHostInput = z.strictObject({
  name: slugSchema,
  dockerHost: z
    .string()
    .min(1)
    .max(200)
    .regex(/^(tcp|ssh|unix):\/\/\S+$/, 'must be a docker endpoint: tcp://, ssh:// or unix://'),
  vcpu: z.number().int().min(1).max(1024),
  memoryMb: z.number().int().min(1024).max(64 * 1024 * 1024),
  storageGb: z.number().int().min(1).max(10_000_000),
  powerFeed: powerFeedSchema,
  zone: text(60),
});

export const updateHostInput = z
  .strictObject({
    dockerHost: createHostInput.shape.dockerHost.optional(),
    vcpu: createHostInput.shape.vcpu.optional(),
    memoryMb: createHostInput.shape.memoryMb.optional(),
    storageGb: createHostInput.shape.storageGb.optional(),
    powerFeed: powerFeedSchema.optional(),
    zone: text(60).optional(),
    schedulable: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export const createUserInput = z
  .strictObject({
    email: emailSchema,
    name: text(200),
    role: z.enum(roles),
    ministry: ministryCodeSchema.optional(),
    password: passwordSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'requester' && !v.ministry) {
      ctx.addIssue({ code: 'custom', path: ['ministry'], message: 'a requester belongs to one ministry' });
    }
    if (v.role !== 'requester' && v.ministry) {
      ctx.addIssue({ code: 'custom', path: ['ministry'], message: 'only requesters belong to a ministry' });
    }
  });

export const updateUserInput = z
  .strictObject({
    name: text(200).optional(),
    role: z.enum(roles).optional(),
    ministry: ministryCodeSchema.nullable().optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export const serviceInput = z.strictObject({
  name: slugSchema,
  image: pinnedImageSchema,
  vcpu: z.number().min(0.25).max(64).multipleOf(0.25),
  memoryMb: z.number().int().min(16).max(262_144),
  storageGb: z.number().int().min(0).max(10_000),
  ports: z
    .array(z.number().int().min(1).max(65_535))
    .max(10)
    .refine((p) => new Set(p).size === p.length, 'ports must be unique')
    .default([]),
  healthcheck: z.strictObject({
    test: healthcheckSchema.shape.test,
    intervalSeconds: healthcheckSchema.shape.intervalSeconds.default(30),
    timeoutSeconds: healthcheckSchema.shape.timeoutSeconds.default(5),
    retries: healthcheckSchema.shape.retries.default(3),
    startPeriodSeconds: healthcheckSchema.shape.startPeriodSeconds.default(10),
  }),
  replicas: z.number().int().min(1).max(10),
  /** What the service is; its template gives the stock image what it needs. */
  kind: serviceKindSchema.default('web'),
  /** Reached through the ingress at `<hostname>.<platform domain>` on `port`; only in an exposed environment. */
  expose: z.strictObject({ port: serviceExposeSchema.shape.port, hostname: serviceExposeSchema.shape.hostname }).optional(),
});
export type ServiceInput = z.infer<typeof serviceInput>;

const requestFields = {
  environmentName: slugSchema,
  purpose: text(500),
  classification: classificationSchema,
  exposure: exposureSchema,
  availability: availabilitySchema,
  backup: z.strictObject({
    policy: backupPolicySchema,
    retentionDays: z.number().int().min(0).max(3650),
  }),
  services: z
    .array(serviceInput)
    .min(1)
    .max(20)
    .refine((s) => new Set(s.map((x) => x.name)).size === s.length, 'service names must be unique'),
};

type RequestShape = {
  classification?: string;
  exposure?: string;
  availability?: string;
  backup?: { policy: string; retentionDays: number };
  services?: { replicas: number; storageGb: number; kind?: string; ports?: number[]; expose?: { port: number; hostname: string } | undefined }[];
};

export interface PolicyIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-field policy every request must meet, whether created whole or patched. */
export function requestPolicyIssues(v: RequestShape): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if ((v.classification === 'restricted' || v.classification === 'secret') && v.exposure === 'public') {
    issues.push({ path: ['exposure'], message: `${v.classification} data is never exposed publicly` });
  }
  v.services?.forEach((s, i) => {
    if (s.expose === undefined) return;
    if (s.kind !== undefined && isStatefulKind(s.kind as ServiceKind)) {
      issues.push({ path: ['services', i, 'expose'], message: `a ${s.kind} service holds data and is never exposed` });
    } else if (v.exposure === 'internal') {
      issues.push({ path: ['services', i, 'expose'], message: 'an internal environment exposes no service: choose government or public exposure' });
    }
    if (s.ports !== undefined && !s.ports.includes(s.expose.port)) {
      issues.push({ path: ['services', i, 'expose', 'port'], message: 'the exposed port must be one of the service ports' });
    }
  });
  if (v.availability === 'high' && v.services) {
    v.services.forEach((s, i) => {
      if (s.replicas < 2) issues.push({ path: ['services', i, 'replicas'], message: 'high availability needs at least 2 replicas' });
    });
  }
  if (v.backup) {
    if (v.backup.policy === 'none' && v.backup.retentionDays !== 0) {
      issues.push({ path: ['backup', 'retentionDays'], message: 'must be 0 when the backup policy is none' });
    }
    if (v.backup.policy !== 'none' && v.backup.retentionDays < 1) {
      issues.push({ path: ['backup', 'retentionDays'], message: 'must be at least 1 day when backups are taken' });
    }
    const stores = v.services?.some((s) => s.storageGb > 0) ?? false;
    if (stores && v.backup.policy === 'none' && (v.classification === 'restricted' || v.classification === 'secret')) {
      issues.push({ path: ['backup', 'policy'], message: `stored ${v.classification} data must be backed up` });
    }
  }
  return issues;
}

export const createRequestInput = z.strictObject(requestFields).superRefine((v, ctx) => {
  for (const issue of requestPolicyIssues(v)) ctx.addIssue({ code: 'custom', ...issue });
});
export type CreateRequestInput = z.infer<typeof createRequestInput>;

export const updateRequestInput = z
  .strictObject({
    version: versionSchema,
    ...Object.fromEntries(Object.entries(requestFields).map(([k, s]) => [k, s.optional()])),
  } as { version: typeof versionSchema } & { [K in keyof typeof requestFields]: z.ZodOptional<(typeof requestFields)[K]> })
  .refine((v) => Object.keys(v).length > 1, { message: 'nothing to change' });
export type UpdateRequestInput = z.infer<typeof updateRequestInput>;

/**
 * A draft saved before it is complete: what is there is well-formed (types and formats), what is
 * missing is asked for at submission, where the whole request is validated.
 */
export const draftServiceInput = z.strictObject({
  name: slugSchema.optional(),
  image: pinnedImageSchema.optional(),
  vcpu: serviceInput.shape.vcpu.optional(),
  memoryMb: serviceInput.shape.memoryMb.optional(),
  storageGb: serviceInput.shape.storageGb.optional(),
  ports: serviceInput.shape.ports,
  healthcheck: z
    .strictObject({
      test: healthcheckSchema.shape.test.optional(),
      intervalSeconds: healthcheckSchema.shape.intervalSeconds.optional(),
      timeoutSeconds: healthcheckSchema.shape.timeoutSeconds.optional(),
      retries: healthcheckSchema.shape.retries.optional(),
      startPeriodSeconds: healthcheckSchema.shape.startPeriodSeconds.optional(),
    })
    .optional(),
  replicas: serviceInput.shape.replicas.optional(),
  kind: serviceKindSchema.default('web'),
  expose: z.strictObject({ port: serviceExposeSchema.shape.port.optional(), hostname: serviceExposeSchema.shape.hostname.optional() }).optional(),
});

export const draftRequestInput = z.strictObject({
  environmentName: slugSchema.optional(),
  purpose: z.string().trim().max(500).optional(),
  classification: classificationSchema.optional(),
  exposure: exposureSchema.optional(),
  availability: availabilitySchema.optional(),
  backup: z.strictObject({ policy: backupPolicySchema.optional(), retentionDays: z.number().int().min(0).max(3650).optional() }).optional(),
  services: z.array(draftServiceInput).max(20).default([]),
});
export type DraftRequestInput = z.infer<typeof draftRequestInput>;

export const transitionActions = [
  'submit',
  'request-changes',
  'approve',
  'reject',
  'start-provisioning',
  'activate',
  'request-decommission',
  'decommission',
] as const;
export type TransitionAction = (typeof transitionActions)[number];

export const transitionInput = z.strictObject({
  /** The version the caller read; a concurrent change makes the call a 409. */
  version: versionSchema.optional(),
  comment: z.string().trim().max(2000).optional(),
});

const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);

export const listRequestsQuery = z.strictObject({
  state: z.enum(requestStates).optional(),
  ministry: ministryCodeSchema.optional(),
  classification: classificationSchema.optional(),
  exposure: exposureSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit,
  offset,
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuery>;

export const listAuditQuery = z.strictObject({
  entity: z.string().min(1).max(50).optional(),
  entityId: z.string().min(1).max(100).optional(),
  /** Who acted (an account's email, or `system`). */
  actor: z.string().trim().min(1).max(200).optional(),
  /** An action code, e.g. `finding.close`. */
  action: z.string().regex(/^[a-z][a-z.-]{1,60}$/, 'an action code like finding.close').optional(),
  /** Period, calendar days (UTC), both ends included. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Entries with seq strictly below this one (newest first paging). */
  before: z.coerce.number().int().min(1).optional().describe('Cursor: only entries older than this seq (the nextBefore of the previous page)'),
  limit,
  offset,
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

export const pageQuery = z.strictObject({ limit, offset });
