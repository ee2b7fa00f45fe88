/**
 * Can an apply work on this machine? Answered before anyone presses « Appliquer », instead of a
 * `terraform init` error after the fact: the binary and its version, the provider mirror the
 * site configured, and whether every provider the stacks require is in that mirror or in the
 * plugin cache. Each check says ok, failed, or not verifiable (with why); the page translates.
 */
import { existsSync, statSync } from 'node:fs';
import { findProviderPackages, findTerraformBinary, terraformPlatform, terraformVersion } from '../../../infra/terraform.js';
import { hasIngress, ingressRoutesOf, ingressTlsReadiness, missingDockerTlsMaterial, type TerraformJson } from '../../../infra/synth.js';
import { parseTenancyOptions } from '../../../infra/options.js';
import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { desiredState, type InfraDeps } from './desired-state.js';

export type CheckState = 'ok' | 'failed' | 'unverified';

export interface ReadinessCheck {
  /** binary | version | mirror | provider:<source> */
  id: string;
  state: CheckState;
  /** A stable code the page translates (`no-binary`, `mirror-missing`, `provider-found`…). */
  code: string;
  /** Values for the message: a path, a version, a source. */
  values: Record<string, string>;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

const NETWORK_TIMEOUT_MS = 3000;

/** `required_providers` of every stack: source → version constraint (first seen). */
function requiredProviders(stacks: ReadonlyMap<string, Record<string, unknown>>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const doc of stacks.values()) {
    const terraform = doc['terraform'];
    if (typeof terraform !== 'object' || terraform === null) continue;
    const req = (terraform as Record<string, unknown>)['required_providers'];
    if (typeof req !== 'object' || req === null) continue;
    for (const p of Object.values(req as Record<string, unknown>)) {
      if (typeof p !== 'object' || p === null) continue;
      const source = (p as Record<string, unknown>)['source'];
      const version = (p as Record<string, unknown>)['version'];
      if (typeof source === 'string' && !out.has(source)) out.set(source, typeof version === 'string' ? version : null);
    }
  }
  return out;
}

export async function applyReadiness({ ctx, deps }: { ctx: ServiceContext; deps: InfraDeps }): Promise<Readiness> {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const checks: ReadinessCheck[] = [];
  const env = deps.terraform?.env;
  const binary = deps.terraform?.binary ?? (await findTerraformBinary(env ? env['PATH'] : undefined));
  if (!binary) checks.push({ id: 'binary', state: 'failed', code: 'no-binary', values: {} });
  else {
    checks.push({ id: 'binary', state: 'ok', code: 'binary-found', values: { path: binary.path, flavor: binary.flavor } });
    const v = await terraformVersion(binary, env);
    checks.push('version' in v ? { id: 'version', state: 'ok', code: 'version', values: { version: v.version } } : { id: 'version', state: 'failed', code: 'version-failed', values: { reason: v.error } });
  }

  const mirror = deps.pluginMirror;
  const dirs: { dir: string; kind: 'mirror' | 'cache' }[] = [];
  let networkMirror: string | null = null;
  if (mirror === undefined) checks.push({ id: 'mirror', state: 'unverified', code: 'no-mirror', values: {} });
  else if (mirror.startsWith('https://')) {
    networkMirror = mirror.endsWith('/') ? mirror : `${mirror}/`;
    checks.push({ id: 'mirror', state: 'ok', code: 'network-mirror', values: { url: networkMirror } });
  } else if (existsSync(mirror) && statSync(mirror).isDirectory()) {
    checks.push({ id: 'mirror', state: 'ok', code: 'filesystem-mirror', values: { path: mirror } });
    dirs.push({ dir: mirror, kind: 'mirror' });
  } else checks.push({ id: 'mirror', state: 'failed', code: 'mirror-missing', values: { path: mirror } });
  const cache = env ? env['TF_PLUGIN_CACHE_DIR'] : undefined;
  if (cache && existsSync(cache)) dirs.push({ dir: cache, kind: 'cache' });

  let stacks: ReadonlyMap<string, Record<string, unknown>> = new Map();
  try {
    stacks = desiredState(ctx.db, deps).stacks as ReadonlyMap<string, Record<string, unknown>>;
  } catch {
    // No host yet: no stack, no provider to look for.
  }
  const platform = terraformPlatform();
  for (const [source, constraint] of requiredProviders(stacks)) {
    const values = { source, constraint: constraint ?? '', platform };
    let found: { where: string; version: string } | null = null;
    for (const d of dirs) {
      const pkgs = (await findProviderPackages(d.dir, source)).filter((p) => p.platform === platform && (constraint === null || !/^\d/.test(constraint) || p.version === constraint));
      if (pkgs.length > 0) {
        found = { where: d.kind === 'mirror' ? 'mirror' : 'cache', version: pkgs[pkgs.length - 1]!.version };
        break;
      }
    }
    if (found) checks.push({ id: `provider:${source}`, state: 'ok', code: 'provider-found', values: { ...values, where: found.where, version: found.version } });
    else if (networkMirror) checks.push(await networkProvider(networkMirror, source, values));
    else checks.push({ id: `provider:${source}`, state: 'failed', code: mirror === undefined ? 'provider-no-mirror' : 'provider-missing', values });
  }
  checks.push(...dockerTlsChecks(stacks));
  checks.push(...ingressTlsChecks(stacks, parseTenancyOptions(deps.options).ingressTlsDir, ctx.clock.now()));
  return { ready: checks.every((c) => c.state !== 'failed') && checks.some((c) => c.id === 'binary' && c.state === 'ok'), checks };
}

/** Engines reached over TCP need their TLS material where the providers read it, before any run. */
function dockerTlsChecks(stacks: ReadonlyMap<string, Record<string, unknown>>): ReadinessCheck[] {
  const tcp = [...stacks.values()].some((doc) => JSON.stringify((doc as { provider?: unknown }).provider ?? {}).includes('"tcp://'));
  if (!tcp) return [];
  const missing = [...new Set([...stacks.values()].flatMap((doc) => missingDockerTlsMaterial(doc, existsSync)))].sort();
  return missing.length === 0
    ? [{ id: 'docker-tls', state: 'ok', code: 'docker-tls-found', values: {} }]
    : [{ id: 'docker-tls', state: 'failed', code: 'docker-tls-missing', values: { files: missing.join(', ') } }];
}

/**
 * The ingress serves every routed name with the site's certificate: judged where the console
 * reads it (the same files, mounted read-only), at the console's time. Only when a stack runs
 * the ingress.
 */
function ingressTlsChecks(stacks: ReadonlyMap<string, Record<string, unknown>>, dir: string, now: Date): ReadinessCheck[] {
  if (!hasIngress(stacks.values())) return [];
  const hosts = ingressRoutesOf(stacks as ReadonlyMap<string, TerraformJson>).map((r) => r.host);
  return [{ id: 'ingress-tls', ...ingressTlsReadiness(dir, now, hosts) }];
}

/** The network mirror protocol: `<url><host>/<namespace>/<type>/index.json` lists the versions. */
async function networkProvider(url: string, source: string, values: Record<string, string>): Promise<ReadinessCheck> {
  const parts = source.split('/');
  const path = (parts.length === 3 ? parts : ['registry.terraform.io', ...parts]).join('/');
  try {
    const res = await fetch(`${url}${path}/index.json`, { signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS) });
    if (!res.ok) return { id: `provider:${source}`, state: 'failed', code: 'provider-missing', values: { ...values, reason: `HTTP ${res.status}` } };
    const body = (await res.json()) as { versions?: Record<string, unknown> };
    const versions = Object.keys(body.versions ?? {});
    const wanted = values['constraint'];
    const match = wanted && /^\d/.test(wanted) ? versions.includes(wanted) : versions.length > 0;
    return match
      ? { id: `provider:${source}`, state: 'ok', code: 'provider-found', values: { ...values, where: 'mirror', version: wanted && /^\d/.test(wanted) ? wanted : versions.sort().at(-1)! } }
      : { id: `provider:${source}`, state: 'failed', code: 'provider-missing', values };
  } catch (err) {
    return { id: `provider:${source}`, state: 'unverified', code: 'mirror-unreachable', values: { ...values, reason: err instanceof Error ? err.message : String(err) } };
  }
}
