/**
 * TenancySpec: the contract between the console and the infrastructure code.
 *
 * The console produces it from its database; `infra/` turns it into CDKTF stacks and never
 * touches the database. Everything here is plain, validated data so the same database state
 * always gives the same spec, and the same spec always gives byte-identical Terraform JSON.
 */
import { z } from 'zod';

export { canonicalJson } from '../lib/canonical-json.js';

/** DNS-safe label: lower case letters, digits and inner hyphens, 2–40 characters. */
export const slugSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be a DNS-safe slug (a-z, 0-9, inner hyphens)');

/** Ministry or agency code as used in stack names and labels (upper case, 2–12 characters). */
export const ministryCodeSchema = z
  .string()
  .min(2)
  .max(12)
  .regex(/^[A-Z][A-Z0-9]*$/, 'must be upper-case letters and digits, starting with a letter');

/** Container image pinned by digest: `registry/name@sha256:<64 hex>` (a tag before @ is allowed). */
export const pinnedImageSchema = z
  .string()
  .min(8)
  .max(300)
  .regex(
    /^[a-z0-9][a-z0-9._\-/:]*(?::[A-Za-z0-9._-]+)?@sha256:[a-f0-9]{64}$/,
    'must be an image reference pinned by digest (…@sha256:<64 hex>)',
  );

export const powerFeedSchema = z.enum(['A', 'B']);
export const classificationSchema = z.enum(['public', 'internal', 'restricted', 'secret']);
export const exposureSchema = z.enum(['internal', 'government', 'public']);
export const availabilitySchema = z.enum(['standard', 'high']);
export const backupPolicySchema = z.enum(['none', 'daily', 'hourly', 'continuous']);

export type PowerFeed = z.infer<typeof powerFeedSchema>;
export type Classification = z.infer<typeof classificationSchema>;
export type Exposure = z.infer<typeof exposureSchema>;
export type Availability = z.infer<typeof availabilitySchema>;
export type BackupPolicy = z.infer<typeof backupPolicySchema>;

export const hostSpecSchema = z.object({
  /** Stable host name, e.g. `dc1-r01-h01`; also the docker provider alias. */
  name: slugSchema,
  /** Docker engine endpoint for this host (`tcp://…:2376`, `ssh://…` or `unix://…`). */
  dockerHost: z.string().min(1).max(200),
  vcpu: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
  storageGb: z.number().int().positive(),
  powerFeed: powerFeedSchema,
  /** Room / zone label, e.g. `salle-1`. */
  zone: z.string().min(1).max(60),
});
export type HostSpec = z.infer<typeof hostSpecSchema>;

export const healthcheckSchema = z.object({
  /** Command run inside the container (exec form), e.g. ["CMD", "wget", "-qO-", "http://127.0.0.1:8080/health"]. */
  test: z.array(z.string().min(1).max(200)).min(1).max(20),
  intervalSeconds: z.number().int().min(1).max(3600),
  timeoutSeconds: z.number().int().min(1).max(600),
  retries: z.number().int().min(1).max(20),
  startPeriodSeconds: z.number().int().min(0).max(3600),
});
export type HealthcheckSpec = z.infer<typeof healthcheckSchema>;

/**
 * What a service is, so its template (`infra/service-kinds/`) can give its stock image what it
 * needs under the hardened baseline. Stateful kinds hold data and are never exposed.
 */
export const serviceKindSchema = z.enum(['web', 'api', 'worker', 'postgresql', 'redis']);
export type ServiceKind = z.infer<typeof serviceKindSchema>;
export const STATEFUL_SERVICE_KINDS: readonly ServiceKind[] = ['postgresql', 'redis'];

export function isStatefulKind(kind: ServiceKind): boolean {
  return STATEFUL_SERVICE_KINDS.includes(kind);
}

/**
 * A service reached through the ingress: `https://<hostname>.<platform domain>` is routed to
 * `port` of the service. Absent: the service is reached only inside its environment.
 */
export const serviceExposeSchema = z.object({
  port: z.number().int().min(1).max(65_535),
  hostname: slugSchema,
});
export type ServiceExpose = z.infer<typeof serviceExposeSchema>;

export const serviceSpecSchema = z.object({
  name: slugSchema,
  /** Records made before kinds existed are web applications. */
  kind: serviceKindSchema.default('web'),
  image: pinnedImageSchema,
  /** vCPU per replica, in steps of 0.25. */
  vcpu: z.number().positive().max(64).multipleOf(0.25),
  memoryMb: z.number().int().min(16).max(262_144),
  /** Persistent storage per replica; 0 means no volume. */
  storageGb: z.number().int().min(0).max(10_000),
  /** Ports the service listens on inside its networks (never published on the host). */
  ports: z.array(z.number().int().min(1).max(65_535)).max(10),
  healthcheck: healthcheckSchema,
  replicas: z.number().int().min(1).max(10),
  /** Set only for a service reached through the ingress; bounded by the environment's exposure. */
  expose: serviceExposeSchema.optional(),
});
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;
export type ServiceSpecInput = z.input<typeof serviceSpecSchema>;

/** Where one replica of one service runs. */
export const placementSchema = z.object({
  service: slugSchema,
  /** 0-based replica index. */
  replica: z.number().int().min(0),
  host: slugSchema,
});
export type Placement = z.infer<typeof placementSchema>;

export const environmentSpecSchema = z.object({
  /** The hosting request this environment comes from (a stable, opaque id). */
  requestId: z.string().min(1).max(64),
  /** DNS-safe environment name, unique within the ministry. */
  name: slugSchema,
  ministry: ministryCodeSchema,
  purpose: z.string().max(500),
  classification: classificationSchema,
  exposure: exposureSchema,
  availability: availabilitySchema,
  backup: z.object({
    policy: backupPolicySchema,
    retentionDays: z.number().int().min(0).max(3650),
  }),
  state: z.enum(['approved', 'provisioning', 'active', 'decommission_requested']),
  services: z.array(serviceSpecSchema).min(1).max(20),
  /** One entry per (service, replica); decided at approval and kept stable afterwards. */
  placements: z.array(placementSchema),
});
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;

export const ministrySpecSchema = z.object({
  code: ministryCodeSchema,
  name: z.string().min(1).max(200),
  quotas: z.object({
    vcpu: z.number().nonnegative(),
    memoryMb: z.number().int().nonnegative(),
    storageGb: z.number().int().nonnegative(),
    environments: z.number().int().nonnegative(),
  }),
  environments: z.array(environmentSpecSchema),
});
export type MinistrySpec = z.infer<typeof ministrySpecSchema>;

export const platformSpecSchema = z.object({
  /** Host that runs the ingress, the console, Prometheus and Grafana. */
  host: slugSchema,
  /** Public DNS suffix served by the ingress, e.g. `hebergement.gouv.bj`. */
  domain: z.string().min(3).max(200),
  images: z.object({
    ingress: pinnedImageSchema,
    console: pinnedImageSchema,
    prometheus: pinnedImageSchema,
    grafana: pinnedImageSchema,
  }),
});
export type PlatformSpec = z.infer<typeof platformSpecSchema>;

export const tenancySpecSchema = z.object({
  version: z.literal(1),
  site: z.object({
    name: z.string().min(1).max(200),
    hosts: z.array(hostSpecSchema).min(1),
  }),
  platform: platformSpecSchema,
  ministries: z.array(ministrySpecSchema),
});
export type TenancySpec = z.infer<typeof tenancySpecSchema>;

/** Resources a set of services books: per-replica sizes times replicas. */
export function serviceFootprint(services: readonly Pick<ServiceSpec, 'vcpu' | 'memoryMb' | 'storageGb' | 'replicas'>[]): {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
} {
  let vcpu = 0;
  let memoryMb = 0;
  let storageGb = 0;
  for (const s of services) {
    vcpu += s.vcpu * s.replicas;
    memoryMb += s.memoryMb * s.replicas;
    storageGb += s.storageGb * s.replicas;
  }
  return { vcpu, memoryMb, storageGb };
}
