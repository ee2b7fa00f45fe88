/**
 * Hand-written Terraform JSON for the policy tests: a small datacenter (platform, MEF, MND)
 * that follows every convention, and helpers to bend one attribute at a time.
 */
import { buildInventory, type TerraformJson } from '../../../compliance/rules/core/inventory.js';
import type { Outcome, OutcomeStatus, Rule } from '../../../compliance/rules/core/model.js';
import type { PolicyException } from '../../../compliance/exceptions.js';

export type Block = Record<string, unknown>;
export type World = Record<string, TerraformJson>;

export const NOW = new Date('2025-06-01T08:00:00Z');
export const DIGEST = `sha256:${'b'.repeat(64)}`;
const PUBLIC_IP = '196.192.16.10';

export function labels(map: Record<string, string>): { label: string; value: string }[] {
  return Object.entries(map).map(([label, value]) => ({ label, value }));
}

const PROVIDERS = [
  { alias: 'dc1-r01-h01', host: 'tcp://10.20.0.11:2376', cert_path: '/etc/dcops/docker-tls/dc1-r01-h01' },
  { alias: 'dc1-r01-h02', host: 'tcp://10.20.0.12:2376', cert_path: '/etc/dcops/docker-tls/dc1-r01-h02' },
  { alias: 'dc1-r02-h01', host: 'tcp://10.20.1.11:2376', cert_path: '/etc/dcops/docker-tls/dc1-r02-h01' },
];

/** A container that passes every runtime check; callers add role, networks and labels. */
function hardened(name: string, stack: string, host: string, extra: Block, labelMap: Record<string, string>): Block {
  return {
    name,
    image: `registry.asin.bj/dcops/${name}@${DIGEST}`,
    user: '10001:10001',
    read_only: true,
    tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
    memory: 512,
    cpus: '0.5',
    restart: 'on-failure',
    max_retry_count: 5,
    healthcheck: [{ test: ['CMD', 'wget', '-qO-', 'http://127.0.0.1:8080/health'], interval: '30s', timeout: '5s', retries: 3, start_period: '10s' }],
    security_opts: ['apparmor=docker-default', 'no-new-privileges:true'],
    capabilities: { drop: ['ALL'] },
    cgroup_parent: `dcops-${stack === 'platform' ? 'platform' : stack.slice('ministry-'.length)}-c${name.replace(/[^a-z0-9]/g, '')}.slice`,
    provider: `docker.${host}`,
    ...extra,
    labels: labels({ 'dcops.stack': stack, 'dcops.pids-limit': '256', ...labelMap }),
  };
}

function service(
  stack: string,
  name: string,
  host: string,
  networks: string[],
  labelMap: {
    ministry: string;
    requestId: string;
    environment: string;
    classification: string;
    exposure: string;
    backup: string;
    service: string;
    replica: number;
    kind?: string;
    expose?: { hostname: string; port: number };
  },
  extra: Block = {},
): Block {
  return hardened(
    name,
    stack,
    host,
    { networks_advanced: networks.map((n) => ({ name: n })), ...extra },
    {
      'dcops.role': 'service',
      'dcops.ministry': labelMap.ministry,
      'dcops.request-id': labelMap.requestId,
      'dcops.environment': labelMap.environment,
      'dcops.classification': labelMap.classification,
      'dcops.exposure': labelMap.exposure,
      'dcops.backup-policy': labelMap.backup,
      'dcops.service': labelMap.service,
      'dcops.replica': String(labelMap.replica),
      'dcops.kind': labelMap.kind ?? 'web',
      ...(labelMap.expose ? { 'dcops.expose-hostname': labelMap.expose.hostname, 'dcops.expose-port': String(labelMap.expose.port) } : {}),
    },
  );
}

function volume(
  name: string,
  host: string,
  policy: string,
  retentionDays: number,
  tenant?: { ministry: string; requestId: string; environment: string },
): Block {
  const tenantLabels: Record<string, string> = tenant === undefined ? {} : { 'dcops.ministry': tenant.ministry, 'dcops.request-id': tenant.requestId, 'dcops.environment': tenant.environment };
  return {
    name,
    provider: `docker.${host}`,
    labels: labels({ ...tenantLabels, 'dcops.backup-policy': policy, 'dcops.backup-retention-days': String(retentionDays) }),
  };
}

function edgeLabels(ministry: string, environment: string, classification: string, requestId: string): Record<string, string> {
  return { 'dcops.network-kind': 'edge', 'dcops.ministry': ministry, 'dcops.environment': environment, 'dcops.classification': classification, 'dcops.request-id': requestId };
}

function network(name: string, host: string, internal: boolean, labelMap: Record<string, string>): Block {
  return { name, driver: 'overlay', attachable: true, internal, provider: `docker.${host}`, labels: labels(labelMap) };
}

/** The compliant datacenter: every rule is compliant or not applicable on every resource. */
export function goodWorld(): World {
  const mefPortal = { ministry: 'MEF', requestId: 'req-mef-001', environment: 'portail', classification: 'internal', exposure: 'public', backup: 'none', service: 'web' };
  const mefPayroll = { ministry: 'MEF', requestId: 'req-mef-002', environment: 'paie', classification: 'restricted', backup: 'continuous' };
  const mndApi = { ministry: 'MND', requestId: 'req-mnd-001', environment: 'interop', classification: 'internal', exposure: 'government', backup: 'daily', service: 'api' };
  return {
    platform: {
      '//': { metadata: { stackName: 'platform' } },
      terraform: { required_providers: { docker: { source: 'kreuzwerker/docker', version: '3.6.2' } } },
      provider: { docker: [{ ...PROVIDERS[0]! }] },
      resource: {
        docker_network: {
          dmz: network('dcops-dmz', 'dc1-r01-h01', false, { 'dcops.network-kind': 'dmz' }),
          management: network('dcops-management', 'dc1-r01-h01', true, { 'dcops.network-kind': 'management' }),
          platform_edge: network('dcops-platform-edge', 'dc1-r01-h01', true, { 'dcops.network-kind': 'edge' }),
          control: { ...network('dcops-control', 'dc1-r01-h01', false, { 'dcops.network-kind': 'control' }), driver: 'bridge', attachable: false, ipam_config: [{ subnet: '172.30.255.0/28' }] },
          edge_mef_portail: network('dcops-edge-mef-portail', 'dc1-r01-h01', true, edgeLabels('MEF', 'portail', 'internal', 'req-mef-001')),
          edge_mef_paie: network('dcops-edge-mef-paie', 'dc1-r01-h01', true, edgeLabels('MEF', 'paie', 'restricted', 'req-mef-002')),
          edge_mnd_interop: network('dcops-edge-mnd-interop', 'dc1-r01-h01', true, edgeLabels('MND', 'interop', 'internal', 'req-mnd-001')),
        },
        docker_volume: {
          console_data: volume('dcops-console-data', 'dc1-r01-h01', 'hourly', 30),
          prometheus_data: volume('dcops-prometheus-data', 'dc1-r01-h01', 'none', 0),
        },
        docker_container: {
          ingress: hardened(
            'dcops-ingress',
            'platform',
            'dc1-r01-h01',
            {
              ports: [
                { internal: 8443, external: 443, ip: PUBLIC_IP, protocol: 'tcp' },
                { internal: 8080, external: 80, ip: PUBLIC_IP, protocol: 'tcp' },
              ],
              capabilities: [{ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }],
              networks_advanced: [
                { name: '${docker_network.dmz.name}' },
                { name: '${docker_network.platform_edge.name}' },
                { name: '${docker_network.edge_mef_portail.name}' },
                { name: '${docker_network.edge_mef_paie.name}' },
                { name: '${docker_network.edge_mnd_interop.name}' },
              ],
            },
            { 'dcops.role': 'ingress' },
          ),
          console: hardened(
            'dcops-console',
            'platform',
            'dc1-r01-h01',
            {
              networks_advanced: [{ name: '${docker_network.management.name}' }, { name: '${docker_network.platform_edge.name}' }, { name: '${docker_network.control.name}' }],
              volumes: [{ volume_name: '${docker_volume.console_data.name}', container_path: '/var/lib/dcops' }],
            },
            { 'dcops.role': 'console', 'dcops.expose-hostname': 'console', 'dcops.expose-port': '8080' },
          ),
          prometheus: hardened(
            'dcops-prometheus',
            'platform',
            'dc1-r01-h01',
            {
              networks_advanced: [{ name: '${docker_network.management.name}' }],
              mounts: [{ type: 'volume', source: '${docker_volume.prometheus_data.name}', target: '/prometheus' }],
            },
            { 'dcops.role': 'prometheus' },
          ),
          grafana: hardened(
            'dcops-grafana',
            'platform',
            'dc1-r01-h01',
            { networks_advanced: [{ name: 'dcops-management' }, { name: 'dcops-platform-edge' }] },
            { 'dcops.role': 'grafana', 'dcops.expose-hostname': 'grafana', 'dcops.expose-port': '3000' },
          ),
        },
      },
    },
    'ministry-mef': {
      provider: { docker: [{ ...PROVIDERS[0]! }, { ...PROVIDERS[1]! }] },
      resource: {
        docker_network: {
          tenant_internal: network('dcops-mef-internal', 'dc1-r01-h01', true, { 'dcops.network-kind': 'tenant', 'dcops.ministry': 'MEF', 'dcops.classification': 'internal' }),
          tenant_restricted: network('dcops-mef-restricted', 'dc1-r01-h01', true, {
            'dcops.network-kind': 'tenant',
            'dcops.ministry': 'MEF',
            'dcops.classification': 'restricted',
          }),
        },
        docker_image: {
          payroll_db: { name: `registry.asin.bj/mef/postgres:16@${DIGEST}`, keep_locally: true },
        },
        docker_volume: {
          payroll_api_0_data: volume('mef-paie-api-0', 'dc1-r01-h02', 'daily', 30, mefPayroll),
          payroll_db_0_data: volume('mef-paie-db-0', 'dc1-r01-h01', 'continuous', 90, mefPayroll),
        },
        docker_container: {
          portal_web_0: service('ministry-mef', 'mef-portail-web-0', 'dc1-r01-h01', ['${docker_network.tenant_internal.name}', 'dcops-edge-mef-portail'], { ...mefPortal, replica: 0, expose: { hostname: 'portail', port: 8080 } }),
          portal_web_1: service('ministry-mef', 'mef-portail-web-1', 'dc1-r01-h02', ['${docker_network.tenant_internal.name}', 'dcops-edge-mef-portail'], { ...mefPortal, replica: 1, expose: { hostname: 'portail', port: 8080 } }),
          payroll_api_0: service(
            'ministry-mef',
            'mef-paie-api-0',
            'dc1-r01-h02',
            ['${docker_network.tenant_restricted.name}', 'dcops-edge-mef-paie'],
            { ...mefPayroll, exposure: 'government', service: 'api', replica: 0, kind: 'api', expose: { hostname: 'paie', port: 8080 } },
            { volumes: [{ volume_name: 'mef-paie-api-0', container_path: '/data' }] },
          ),
          payroll_db_0: service(
            'ministry-mef',
            'mef-paie-db-0',
            'dc1-r01-h01',
            ['${docker_network.tenant_restricted.name}'],
            { ...mefPayroll, exposure: 'internal', service: 'db', replica: 0, kind: 'postgresql' },
            {
              image: '${docker_image.payroll_db.image_id}',
              mounts: [{ type: 'volume', source: '${docker_volume.payroll_db_0_data.name}', target: '/var/lib/postgresql/data' }],
            },
          ),
        },
      },
    },
    'ministry-mnd': {
      provider: { docker: [{ ...PROVIDERS[2]! }] },
      data: { docker_network: { edge: { name: 'dcops-edge-mnd-interop' } } },
      resource: {
        docker_network: {
          tenant_internal: network('dcops-mnd-internal', 'dc1-r02-h01', true, { 'dcops.network-kind': 'tenant', 'dcops.ministry': 'MND', 'dcops.classification': 'internal' }),
        },
        docker_volume: {
          api_0_data: volume('mnd-interop-api-0', 'dc1-r02-h01', 'daily', 14, mndApi),
        },
        docker_container: {
          api_0: service(
            'ministry-mnd',
            'mnd-interop-api-0',
            'dc1-r02-h01',
            ['${docker_network.tenant_internal.name}', '${data.docker_network.edge.name}'],
            { ...mndApi, replica: 0, kind: 'api', expose: { hostname: 'interop', port: 8080 } },
            { volumes: [{ volume_name: '${docker_volume.api_0_data.name}', container_path: '/data' }] },
          ),
        },
      },
    },
  };
}

/**
 * The site's standing decision on CIS 5.1: overlay networks need swarm mode, accepted for the
 * inter-host networks (the demo data carries the same exception).
 */
export const SWARM_EXCEPTIONS: PolicyException[] = ['platform/docker_network.*', 'ministry-*/docker_network.*'].map((resource, i) => ({
  id: `EXC-SWARM-${i + 1}`,
  ruleId: 'network-swarm-scope',
  resource,
  reason: 'Réseaux overlay inter-hôtes : les moteurs forment un swarm pour le réseau seulement, ports de gestion filtrés.',
  requestedBy: 'exploitation@asin.bj',
  approvedBy: 'rssi@asin.bj',
  createdAt: '2025-01-01T00:00:00Z',
  expiresAt: '2025-12-31T00:00:00Z',
}));

/** A fresh good world with one block replaced or patched. `patch` receives a deep copy. */
export function worldWith(edit: (world: World) => void): World {
  const world = structuredClone(goodWorld());
  edit(world);
  return world;
}

export function resourceBlock(world: World, stack: string, type: string, name: string): Block {
  const json = world[stack];
  const block = (json?.resource as Record<string, Record<string, Block>> | undefined)?.[type]?.[name];
  if (block === undefined) throw new Error(`no ${stack}/${type}.${name} in the fixture`);
  return block;
}

export function setLabel(block: Block, key: string, value: string | undefined): void {
  const list = (block['labels'] as { label: string; value: string }[]).filter((l) => l.label !== key);
  if (value !== undefined) list.push({ label: key, value });
  block['labels'] = list;
}

/** Runs one rule on one resource of a world, as the evaluator would. */
export function evaluateAt(rule: Rule, world: World, address: string): Outcome {
  const inventory = buildInventory(world);
  const resource = inventory.resources.find((r) => r.address === address);
  if (resource === undefined) throw new Error(`no resource ${address}`);
  if (!rule.appliesTo.includes(resource.type as never)) throw new Error(`${rule.id} does not apply to ${resource.type}`);
  return rule.evaluate({ resource, inventory });
}

export interface Fixture {
  /** C1, C2… for compliant cases, N1, N2… for non-compliant ones, A1… for not applicable. */
  readonly id: string;
  readonly note: string;
  readonly world: World;
  readonly address: string;
  readonly expect: OutcomeStatus;
}

/** Fixture on a MEF web container whose attributes are patched. */
export function onContainer(
  id: string,
  note: string,
  expect: OutcomeStatus,
  patch: (container: Block) => void,
  where: { stack: string; name: string } = { stack: 'ministry-mef', name: 'portal_web_0' },
): Fixture {
  return {
    id,
    note,
    expect,
    address: `${where.stack}/docker_container.${where.name}`,
    world: worldWith((w) => patch(resourceBlock(w, where.stack, 'docker_container', where.name))),
  };
}

export const WEB = 'ministry-mef/docker_container.portal_web_0';
export const INGRESS = { stack: 'platform', name: 'ingress' } as const;
