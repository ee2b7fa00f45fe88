/**
 * Policy evaluation throughput: resources evaluated per second on a generated datacenter of
 * about 100 000 resources (platform stack + many ministry stacks, every rule applicable).
 */
import { createHash } from 'node:crypto';

import { evaluatePolicy } from '../compliance/evaluate.js';
import type { TerraformJson } from '../compliance/rules/core/inventory.js';
import { atMostTimes, bestOf, type BenchResult } from './types.js';

/**
 * Evaluating every rule may cost at most this many times reading the same Terraform JSON
 * (parse and sha256), measured in the same run: the rules must stay within a small multiple of
 * the price of merely looking at the estate, whatever the machine.
 */
const GOAL_RATIO = 3;
const TARGET_RESOURCES = 100_000;
const HOSTS = 24;
const DIGEST = 'a'.repeat(64);

type Block = Record<string, unknown>;

function labels(map: Record<string, string>): { label: string; value: string }[] {
  return Object.entries(map).map(([label, value]) => ({ label, value }));
}

const ALIASES = Array.from(
  { length: HOSTS },
  (_, i) => `dc1-r${String(Math.floor(i / 8) + 1).padStart(2, '0')}-h${String((i % 8) + 1).padStart(2, '0')}`,
);

function providers(): Block[] {
  return ALIASES.map((alias, i) => ({ alias, host: `tcp://10.10.${Math.floor(i / 8)}.${(i % 8) + 1}:2376`, cert_path: `/etc/dcops/docker-tls/${alias}` }));
}

/** The same slice naming as the synthesized stacks: one systemd slice per container, under its owner's. */
const slice = (owner: string, name: string) => `dcops-${owner}-c${createHash('sha256').update(name).digest('hex').slice(0, 12)}.slice`;

/** Containers follow the hardened baseline the synthesized stacks apply, so the bench evaluates a compliant estate. */
function container(stack: string, attrs: Block, extraLabels: Record<string, string>, host: number, networks: string[]): Block {
  const alias = ALIASES[host % HOSTS]!;
  const owner = stack === 'platform' ? 'platform' : stack.slice('ministry-'.length);
  return {
    name: attrs['name'],
    image: `registry.asin.bj/app/web@sha256:${DIGEST}`,
    user: '10001:10001',
    read_only: true,
    tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
    memory: 512,
    cpus: '0.5',
    restart: 'on-failure',
    max_retry_count: 5,
    healthcheck: [{ test: ['CMD', 'wget', '-qO-', 'http://127.0.0.1:8080/health'], interval: '30s', timeout: '5s', retries: 3, start_period: '10s' }],
    security_opts: ['apparmor=docker-default', 'no-new-privileges:true'],
    cgroup_parent: slice(owner, String(attrs['name'])),
    capabilities: { drop: ['ALL'] },
    networks_advanced: networks.map((name) => ({ name })),
    labels: labels({ 'dcops.stack': stack, 'dcops.pids-limit': '256', ...extraLabels }),
    provider: `docker.${alias}`,
    ...attrs,
  };
}

/** A deterministic datacenter: ministries with environments of replicated services and volumes. */
export function generateStacks(targetResources: number): Record<string, TerraformJson> {
  const stacks: Record<string, TerraformJson> = {};
  const platformNetworks: Record<string, Block> = {
    dmz: { name: 'dcops-dmz', internal: false, provider: `docker.${ALIASES[0]}`, labels: labels({ 'dcops.network-kind': 'dmz' }) },
    management: { name: 'dcops-management', internal: true, provider: `docker.${ALIASES[0]}`, labels: labels({ 'dcops.network-kind': 'management' }) },
  };
  const platformContainers: Record<string, Block> = {};
  const ministries = Math.max(1, Math.round(targetResources / 2_500));
  const edgeNames: string[] = [];

  const perMinistry = Math.floor((targetResources - ministries - 3) / ministries);
  for (let m = 0; m < ministries; m++) {
    const code = `M${String(m).padStart(3, '0')}`;
    const lower = code.toLowerCase();
    const stack = `ministry-${lower}`;
    const networks: Record<string, Block> = {};
    for (const classification of ['internal', 'restricted'] as const) {
      networks[`tenant_${classification}`] = {
        name: `dcops-${lower}-${classification}`,
        internal: true,
        provider: `docker.${ALIASES[m % HOSTS]}`,
        labels: labels({ 'dcops.network-kind': 'tenant', 'dcops.ministry': code, 'dcops.classification': classification }),
      };
    }
    const containers: Record<string, Block> = {};
    const volumes: Record<string, Block> = {};
    let made = 2;
    for (let env = 0; made < perMinistry; env++) {
      const classification = env % 3 === 0 ? 'restricted' : 'internal';
      const exposure = classification === 'restricted' ? 'government' : env % 2 === 0 ? 'public' : 'internal';
      const envName = `env-${env}`;
      const requestId = `req-${lower}-${env}`;
      for (let replica = 0; replica < 2 && made < perMinistry; replica++) {
        const id = `${envName}_app_${replica}`;
        const base = { 'dcops.ministry': code, 'dcops.request-id': requestId, 'dcops.environment': envName };
        volumes[id] = {
          name: `dcops-${lower}-${envName}-app-${replica}`,
          provider: `docker.${ALIASES[(m + env + replica) % HOSTS]}`,
          labels: labels({ ...base, 'dcops.backup-policy': 'daily', 'dcops.backup-retention-days': '30' }),
        };
        const nets = [`\${docker_network.tenant_${classification}.name}`];
        // As synthesized: an exposed environment gets an edge network of its own in the platform stack.
        const edge = `dcops-edge-${lower}-${envName}`;
        if (exposure !== 'internal') {
          nets.push(edge);
          if (replica === 0) {
            platformNetworks[`edge_${lower}_${env}`] = {
              name: edge,
              internal: true,
              provider: `docker.${ALIASES[0]}`,
              labels: labels({ 'dcops.network-kind': 'edge', 'dcops.ministry': code, 'dcops.classification': classification, 'dcops.environment': envName, 'dcops.request-id': requestId }),
            };
            edgeNames.push(edge);
          }
        }
        containers[id] = container(
          stack,
          {
            name: `${lower}-${envName}-app-${replica}`,
            volumes: [{ volume_name: `\${docker_volume.${id}.name}`, container_path: '/data' }],
            // About one container in a hundred without a healthcheck, so findings and exceptions are exercised too.
            ...((m * 131 + env * 7 + replica) % 97 === 0 ? { healthcheck: undefined } : {}),
          },
          {
            ...base,
            'dcops.role': 'service',
            'dcops.classification': classification,
            'dcops.exposure': exposure,
            'dcops.backup-policy': 'daily',
            'dcops.service': 'app',
            'dcops.replica': String(replica),
            'dcops.kind': 'web',
            ...(exposure !== 'internal' ? { 'dcops.expose-hostname': `${envName}.${lower}`, 'dcops.expose-port': '8080' } : {}),
          },
          m + env + replica,
          nets,
        );
        made += 2;
      }
    }
    stacks[stack] = {
      resource: { docker_network: networks, docker_container: containers, docker_volume: volumes },
      provider: { docker: providers() },
    };
  }
  platformContainers['ingress'] = container(
    'platform',
    {
      name: 'dcops-ingress',
      ports: [
        { internal: 8443, external: 443, ip: '196.192.16.10', protocol: 'tcp' },
        { internal: 8080, external: 80, ip: '196.192.16.10', protocol: 'tcp' },
      ],
    },
    { 'dcops.role': 'ingress' },
    0,
    ['dcops-dmz', ...edgeNames],
  );
  stacks['platform'] = { resource: { docker_network: platformNetworks, docker_container: platformContainers }, provider: { docker: providers() } };
  return stacks;
}

/** The floor any evaluation pays: one pass touching each resource of each stack once. */
function trivialPass(stacks: Record<string, TerraformJson>): number {
  let touched = 0;
  for (const json of Object.values(stacks)) {
    for (const byName of Object.values(json.resource ?? {})) {
      for (const body of Object.values(byName)) {
        if (body['name'] !== undefined) touched += 1;
      }
    }
  }
  return touched;
}

export async function run(): Promise<BenchResult[]> {
  const stacks = generateStacks(TARGET_RESOURCES);
  const now = new Date('2025-06-01T08:00:00Z');
  // Warm-up so the figure measures steady-state code, not the first compilation.
  evaluatePolicy({ stacks: generateStacks(5_000), now });
  const exceptions = [
    {
      id: 'EXC-BENCH-1',
      ruleId: 'container-healthcheck',
      resource: 'ministry-m00*/docker_container.*',
      reason: 'Exception de démonstration couvrant une partie des constats du banc.',
      requestedBy: 'dsi@example.bj',
      approvedBy: 'rssi@asin.bj',
      createdAt: '2025-05-01T00:00:00Z',
      expiresAt: '2025-12-01T00:00:00Z',
    },
  ];
  const texts = Object.values(stacks).map((json) => JSON.stringify(json));
  const parseAndHash = () => {
    let n = 0;
    for (const text of texts) {
      const parsed = JSON.parse(text) as TerraformJson;
      createHash('sha256').update(text).digest('hex');
      n += Object.keys(parsed.resource ?? {}).length;
    }
    return n;
  };
  parseAndHash();
  // Alternating rounds, so a slow patch of the machine weighs on both alike.
  const policyRuns: number[] = [];
  const baselineRuns: number[] = [];
  let report!: ReturnType<typeof evaluatePolicy>;
  for (let i = 0; i < 3; i++) {
    const b = bestOf(1, parseAndHash);
    const p = bestOf(1, () => evaluatePolicy({ stacks, now, exceptions }));
    baselineRuns.push(b.ms);
    policyRuns.push(p.ms);
    report = p.value;
  }
  const policyMs = Math.min(...policyRuns);
  const baselineMs = Math.min(...baselineRuns);
  const trivial = bestOf(3, () => trivialPass(stacks));
  // Context only: with a row for every result, the report grows with the estate, so it is
  // measured on a tenth of the datacenter.
  const small = generateStacks(TARGET_RESOURCES / 10);
  const fullDetail = bestOf(3, () => evaluatePolicy({ stacks: small, now, exceptions, detail: 'full' }));
  const fullRate = fullDetail.value.resourceCount / (fullDetail.ms / 1000);
  const rate = report.resourceCount / (policyMs / 1000);
  const trivialRate = trivial.value / (trivial.ms / 1000);
  return [
    atMostTimes({
      id: 'compliance.policy.evaluate.ms',
      title: 'Policy evaluation (all rules, report and sha256 included) against parsing and hashing the same Terraform JSON',
      unit: 'ms',
      value: policyMs,
      baseline: { title: 'JSON.parse and sha256 of the same stacks', value: baselineMs },
      maxTimes: GOAL_RATIO,
      places: 0,
      notes:
        `${report.resourceCount} resources in ${report.stacks.length} stacks, ${report.ruleCount} rules, ${Math.round(rate).toLocaleString('en')} resources/s, ` +
        `${report.results.length} finding rows (${report.totals.byStatus.suppressed} suppressed), default 'findings' detail, best of 3 alternating rounds. ` +
        `Context: a trivial single pass touching each resource once runs at ${Math.round(trivialRate)} resources/s ` +
        `(${trivial.ms.toFixed(1)} ms). With detail 'full' (a row per result) on ${fullDetail.value.resourceCount} resources: ` +
        `${Math.round(fullRate)} resources/s, ${fullDetail.value.results.length} rows.`,
    }),
  ];
}
