/**
 * The only reader of process.env. Parsed once; a bad value stops start-up with a message
 * naming the variable.
 */
import { join, resolve } from 'node:path';
import { tenancyOptionsSchema } from '../infra/options.js';
import { BOOTSTRAP_ADMIN_NAME } from './auth/bootstrap-admin-name.js';
import { judgePassword } from './auth/password-policy.js';
import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  /** 0 lets the system pick a free port (tests). */
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DCOPS_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-Proto/For from a reverse proxy in front of the console. */
  DCOPS_TRUST_PROXY: boolish.default(false),
  DCOPS_ADMIN_EMAIL: z.email().default('admin@dcops.local'),
  DCOPS_ADMIN_PASSWORD: z.string().min(12).optional(),
  DCOPS_DEMO_PASSWORD: z.string().min(8).optional(),
  DCOPS_SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  DCOPS_API_TOKEN_TTL_DAYS: z.coerce.number().int().positive().max(3650).default(90),
  /** The longest lifetime a token may be given when it is created (days). */
  DCOPS_API_TOKEN_MAX_DAYS: z.coerce.number().int().positive().max(3650).default(90),
  /** A session unused this long ends, whatever its absolute lifetime (minutes). */
  DCOPS_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  /** Roles that must sign in with a second factor (comma-separated; `none`: nobody). */
  DCOPS_MFA_REQUIRED_ROLES: z
    .string()
    .default('admin,operator,auditor')
    .transform((v) => (v.trim() === 'none' ? [] : v.split(',').map((r) => r.trim()).filter((r) => r !== '')))
    .pipe(z.array(z.enum(['requester', 'operator', 'auditor', 'admin']))),
  /** Writes each account may make per minute through the API, with a burst allowance (0: no limit). */
  DCOPS_WRITE_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  DCOPS_WRITE_BURST: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Where signed checkpoints of the audit chain are written (default <data dir>/checkpoints). */
  DCOPS_AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** The Ed25519 signing key of the checkpoints (PEM, 0600; created when missing). */
  DCOPS_AUDIT_CHECKPOINT_KEY: z.string().min(1).optional(),
  /** A checkpoint is written every N audit entries (besides daily and at shutdown). */
  DCOPS_AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Serve /metrics without a token (the demo does). Otherwise set DCOPS_METRICS_TOKEN. */
  DCOPS_METRICS_PUBLIC: boolish.default(false),
  DCOPS_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  DCOPS_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  DCOPS_SHED_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(256),
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  DCOPS_METRICS_TOKEN: z.string().min(16).optional(),
  /** How often the server re-verifies the whole audit chain (0: only at start-up). */
  DCOPS_AUDIT_VERIFY_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /** Hours between scheduled backups of the data directory (0: no scheduled backup). */
  DCOPS_BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /**
   * The host address the platform's ingress publishes 80/443 on, in the stacks the console plans
   * and applies. Loopback by default: nothing is reachable from outside until it is named.
   */
  DCOPS_INGRESS_BIND_IP: tenancyOptionsSchema.shape.ingressBindIp,
  /** Minutes between scheduled drift checks of every stack (0: only when an operator asks). */
  DCOPS_DRIFT_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(60 * 24 * 30).default(60),
  /**
   * Hours between scheduled N-1 sweeps of the facility (0: only on changes and when asked). Changes
   * sweep at once; the schedule keeps an unchanged facility's evidence current.
   */
  DCOPS_SWEEP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /** A planned run older than this many hours can no longer be applied: plan again. */
  DCOPS_PLAN_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 90).default(24),
  /**
   * Where terraform installs providers from: a directory laid out as a filesystem mirror
   * (`terraform providers mirror`) or an https:// network mirror. Written into the Terraform CLI
   * configuration every run uses; unset, terraform's own configuration applies.
   */
  DCOPS_TF_PLUGIN_MIRROR: z
    .string()
    .min(1)
    .refine((v) => v.startsWith('/') || /^https:\/\/[^\s"]+$/.test(v), 'must be an absolute directory or an https:// URL')
    .optional(),
  /** How many scheduled backups are kept under <data dir>/backups. */
  DCOPS_BACKUP_RETENTION: z.coerce.number().int().min(1).max(1000).default(7),
  /** scrypt cost (N); lower only for tests. */
  DCOPS_SCRYPT_N: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of two ≥ 1024')
    .default(16_384),
});

export type EnvInput = Record<string, string | undefined>;
export type Config = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {}

export function parseConfig(env: EnvInput) {
  // Empty strings mean "unset" so `FOO= npm start` does not trip validation.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.DCOPS_DATA_DIR),
    logLevel: c.LOG_LEVEL,
    trustProxy: c.DCOPS_TRUST_PROXY,
    adminEmail: c.DCOPS_ADMIN_EMAIL,
    adminPassword: c.DCOPS_ADMIN_PASSWORD,
    demoPassword: c.DCOPS_DEMO_PASSWORD,
    sessionTtlMs: c.DCOPS_SESSION_TTL_HOURS * 3_600_000,
    apiTokenTtlDays: c.DCOPS_API_TOKEN_TTL_DAYS,
    bodyLimitBytes: c.DCOPS_BODY_LIMIT_BYTES,
    /** Past these, requests are refused at once with 503 instead of queued (0 disables a check). */
    shedding: { maxEventLoopDelayMs: c.DCOPS_SHED_EVENT_LOOP_DELAY_MS, maxInFlight: c.DCOPS_SHED_MAX_IN_FLIGHT, retryAfterSeconds: 1 },
    metricsToken: c.DCOPS_METRICS_TOKEN,
    metricsPublic: c.DCOPS_METRICS_PUBLIC,
    apiTokenMaxDays: c.DCOPS_API_TOKEN_MAX_DAYS,
    sessionIdleMs: c.DCOPS_SESSION_IDLE_MINUTES * 60_000,
    mfaRequiredRoles: c.DCOPS_MFA_REQUIRED_ROLES as readonly ('requester' | 'operator' | 'auditor' | 'admin')[],
    writeRatePerMinute: c.DCOPS_WRITE_RATE_PER_MINUTE,
    writeBurst: c.DCOPS_WRITE_BURST,
    checkpointDir: c.DCOPS_AUDIT_CHECKPOINT_DIR ? resolve(c.DCOPS_AUDIT_CHECKPOINT_DIR) : join(resolve(c.DCOPS_DATA_DIR), 'checkpoints'),
    checkpointKeyFile: c.DCOPS_AUDIT_CHECKPOINT_KEY ? resolve(c.DCOPS_AUDIT_CHECKPOINT_KEY) : join(resolve(c.DCOPS_DATA_DIR), 'keys', 'audit-checkpoint.pem'),
    checkpointEvery: c.DCOPS_AUDIT_CHECKPOINT_EVERY,
    scryptN: c.DCOPS_SCRYPT_N,
    auditVerifyIntervalMs: c.DCOPS_AUDIT_VERIFY_HOURS * 3_600_000,
    backupIntervalMs: c.DCOPS_BACKUP_INTERVAL_HOURS * 3_600_000,
    backupRetention: c.DCOPS_BACKUP_RETENTION,
    driftIntervalMs: c.DCOPS_DRIFT_INTERVAL_MINUTES * 60_000,
    sweepIntervalMs: c.DCOPS_SWEEP_INTERVAL_HOURS * 3_600_000,
    planMaxAgeMs: c.DCOPS_PLAN_MAX_AGE_HOURS * 3_600_000,
    tfPluginMirror: c.DCOPS_TF_PLUGIN_MIRROR,
    /** Site settings of the synthesized stacks that are not part of the tenancy spec. */
    tenancyOptions: { ingressBindIp: c.DCOPS_INGRESS_BIND_IP },
  } as const;
}

/**
 * `DCOPS_ADMIN_PASSWORD` is held to the policy every password change follows: the first
 * administrator must not start with a password the console would refuse anywhere else. Checked
 * apart from `parseConfig` since the dictionaries load slowly and only `npm start` needs it.
 */
export function checkAdminPassword(config: { adminPassword: string | undefined; adminEmail: string }): void {
  if (config.adminPassword === undefined) return;
  const verdict = judgePassword(config.adminPassword, { email: config.adminEmail, name: BOOTSTRAP_ADMIN_NAME });
  if (verdict.ok) return;
  throw new ConfigError(
    `DCOPS_ADMIN_PASSWORD : mot de passe trop faible pour l’administrateur (trop facile à deviner, ou tiré de son adresse ou de son nom) ; ` +
      `choisissez-en un plus long et moins prévisible, ou laissez la variable vide pour qu’un mot de passe soit généré.
` +
      `DCOPS_ADMIN_PASSWORD: too weak for the administrator (it ${verdict.reason ?? 'is too easy to guess'}); choose a longer, less predictable one, or leave it unset to have one generated.`,
  );
}

let cached: Config | undefined;

/** The process configuration, parsed on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
