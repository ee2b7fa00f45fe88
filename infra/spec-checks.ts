/**
 * Cross-field checks the zod schema cannot express, run before anything is synthesized.
 *
 * The console should never produce a spec that fails these, but infra must not trust that:
 * a missing placement would silently drop a replica, a duplicate name would make two
 * resources share an address.
 */
import { isStatefulKind, tenancySpecSchema, type TenancySpec } from './spec.js';
import { templateOf } from './service-kinds/index.js';

export class TenancySpecError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid tenancy spec:\n  ${problems.join('\n  ')}`);
    this.name = 'TenancySpecError';
  }
}

/** Parses and cross-checks a spec; throws {@link TenancySpecError} listing every problem. */
export function parseTenancySpec(input: unknown): TenancySpec {
  const parsed = tenancySpecSchema.safeParse(input);
  if (!parsed.success) {
    throw new TenancySpecError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const problems = checkTenancySpec(parsed.data);
  if (problems.length > 0) throw new TenancySpecError(problems);
  return parsed.data;
}

export function checkTenancySpec(spec: TenancySpec): string[] {
  const problems: string[] = [];
  const hosts = new Set<string>();
  for (const h of spec.site.hosts) {
    if (hosts.has(h.name)) problems.push(`site.hosts: duplicate host "${h.name}"`);
    hosts.add(h.name);
  }
  if (!hosts.has(spec.platform.host)) problems.push(`platform.host: unknown host "${spec.platform.host}"`);

  const codes = new Set<string>();
  // The platform's own web endpoints keep their names.
  const hostnames = new Map<string, string>([
    ['console', 'the platform console'],
    ['grafana', 'the platform Grafana'],
  ]);
  for (const m of spec.ministries) {
    if (codes.has(m.code)) problems.push(`ministries: duplicate code "${m.code}"`);
    codes.add(m.code);
    const envNames = new Set<string>();
    for (const env of m.environments) {
      const where = `${m.code}/${env.name}`;
      if (env.ministry !== m.code) problems.push(`${where}: environment says ministry "${env.ministry}"`);
      if (envNames.has(env.name)) problems.push(`${where}: duplicate environment name`);
      envNames.add(env.name);
      // The same policy the console applies to requests (PSSIE: sensitive data stays off the public path).
      if ((env.classification === 'restricted' || env.classification === 'secret') && env.exposure === 'public') {
        problems.push(`${where}: ${env.classification} data is never exposed publicly`);
      }
      problems.push(...checkPlacements(where, env.services, env.placements, hosts));
      for (const service of env.services) {
        const at = `${where}/${service.name}`;
        for (const problem of templateOf(service.kind).check(service)) problems.push(`${at}: ${problem}`);
        const expose = service.expose;
        if (expose === undefined) continue;
        // Networks by need: only what is asked for, and allowed, is ever reachable from the ingress.
        if (isStatefulKind(service.kind)) problems.push(`${at}: a ${service.kind} service holds data and is never exposed`);
        if (env.exposure === 'internal') problems.push(`${at}: exposed, but its environment's exposure is internal`);
        if (!service.ports.includes(expose.port)) problems.push(`${at}: exposed port ${expose.port} is not one of its ports`);
        const taken = hostnames.get(expose.hostname);
        if (taken !== undefined) problems.push(`${at}: host name "${expose.hostname}" is already routed to ${taken}`);
        else hostnames.set(expose.hostname, at);
      }
    }
  }
  return problems;
}

function checkPlacements(
  where: string,
  services: TenancySpec['ministries'][number]['environments'][number]['services'],
  placements: TenancySpec['ministries'][number]['environments'][number]['placements'],
  hosts: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const replicas = new Map<string, number>();
  for (const s of services) {
    if (replicas.has(s.name)) problems.push(`${where}: duplicate service "${s.name}"`);
    replicas.set(s.name, s.replicas);
  }
  const seen = new Set<string>();
  for (const p of placements) {
    const key = `${p.service}#${p.replica}`;
    const count = replicas.get(p.service);
    if (count === undefined) problems.push(`${where}: placement for unknown service "${p.service}"`);
    else if (p.replica >= count) problems.push(`${where}: placement for replica ${p.replica} of "${p.service}", which has ${count}`);
    if (seen.has(key)) problems.push(`${where}: replica ${p.replica} of "${p.service}" placed twice`);
    seen.add(key);
    if (!hosts.has(p.host)) problems.push(`${where}: replica ${p.replica} of "${p.service}" placed on unknown host "${p.host}"`);
  }
  for (const [service, count] of replicas) {
    for (let r = 0; r < count; r++) {
      if (!seen.has(`${service}#${r}`)) problems.push(`${where}: replica ${r} of "${service}" has no placement`);
    }
  }
  return problems;
}
