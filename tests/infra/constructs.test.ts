import { describe, expect, it } from 'vitest';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider/index.js';
import {
  DockerHostProviders,
  HardenedContainer,
  Ingress,
  OverlayNetwork,
  ServiceReplica,
  type HardenedContainerProps,
} from '../../infra/constructs/index.js';
import type { EnvironmentSpec } from '../../infra/spec.js';
import { labelsOf, networkNames, parseDoc, providerAliases, resourcesOf } from './tf-json.js';
import { pinned } from './fixtures.js';

const healthcheck = { test: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 };

function provider(scope: Construct): DockerProvider {
  return new DockerProvider(scope, 'docker-h1', { alias: 'h1', host: 'tcp://h1:2376' });
}

function containerProps(scope: Construct, overrides: Partial<HardenedContainerProps> = {}): HardenedContainerProps {
  return {
    provider: provider(scope),
    containerName: 'c1',
    image: pinned('app'),
    memoryMb: 512,
    vcpu: 0.5,
    healthcheck,
    networks: [{ name: 'net-b' }, { name: 'net-a', aliases: ['z', 'y'] }],
    labels: { 'dcops.stack': 's', 'dcops.role': 'service' },
    cgroupParent: 'dcops-mef-c000000000000.slice',
    ...overrides,
  };
}

const environment: EnvironmentSpec = {
  requestId: 'HR-1',
  name: 'portail',
  ministry: 'MEF',
  purpose: 'test',
  classification: 'restricted',
  exposure: 'public',
  availability: 'standard',
  backup: { policy: 'daily', retentionDays: 30 },
  state: 'active',
  services: [],
  placements: [],
};

describe('HardenedContainer', () => {
  const json = Testing.synthScope((scope) => {
    new HardenedContainer(scope, 'svc--x--web--r0', containerProps(scope, { volumeMounts: [{ volumeName: 'v1', target: '/data' }] }));
  });
  const body = resourcesOf(json, 'docker_container')['svc--x--web--r0']!;

  it('pins the Terraform name to the construct ID', () => {
    expect(Object.keys(resourcesOf(json, 'docker_container'))).toEqual(['svc--x--web--r0']);
  });

  it('sets memory (MB, no swap on top) and CPU limits', () => {
    expect(body).toMatchObject({ memory: 512, memory_swap: 512, cpus: '0.5' });
  });

  it('hardens the runtime', () => {
    expect(body).toMatchObject({
      read_only: true,
      user: '10001:10001',
      security_opts: ['apparmor=docker-default', 'no-new-privileges:true'],
      cgroup_parent: 'dcops-mef-c000000000000.slice',
      capabilities: { drop: ['ALL'] },
      privileged: false,
      publish_all_ports: false,
      restart: 'on-failure',
      max_retry_count: 5,
      log_driver: 'json-file',
      log_opts: { 'max-size': '10m', 'max-file': '3' },
    });
    for (const key of ['network_mode', 'pid_mode', 'userns_mode', 'ports']) expect(body).not.toHaveProperty(key);
    expect(body['ipc_mode']).toBe('private');
  });

  it('writes a healthcheck with units', () => {
    expect(body['healthcheck']).toEqual({ test: ['CMD', 'true'], interval: '30s', timeout: '5s', retries: 3, start_period: '10s' });
  });

  it('mounts a size-capped tmpfs at /tmp and volumes, sorted by target', () => {
    expect(body['mounts']).toEqual([
      { type: 'volume', source: 'v1', target: '/data', read_only: false },
      { type: 'tmpfs', target: '/tmp', tmpfs_options: { size_bytes: 64 * 1024 * 1024, mode: 0o1777 } },
    ]);
  });

  it('attaches to named networks only, sorted, with sorted aliases', () => {
    expect(body['networks_advanced']).toEqual([{ name: 'net-a', aliases: ['y', 'z'] }, { name: 'net-b' }]);
  });

  it('writes labels as sorted blocks', () => {
    expect(body['labels']).toEqual([
      { label: 'dcops.pids-limit', value: '256' },
      { label: 'dcops.role', value: 'service' },
      { label: 'dcops.stack', value: 's' },
    ]);
  });

  it.each([
    ['a root user', { user: '0:0' }, /non-root/],
    ['a root group', { user: '1000:0' }, /non-root/],
    ['more than 5 restarts', { maxRetryCount: 6 }, /maxRetryCount/],
    ['no network', { networks: [] }, /network/],
    ['a sensitive bind', { readOnlyBinds: [{ hostPath: '/var/run/docker.sock', target: '/s' }] }, /bind source/],
    ['an escaping bind', { readOnlyBinds: [{ hostPath: '/srv/dcops/../../etc', target: '/s' }] }, /bind source/],
    ['a port without an address', { publishedPorts: [{ hostIp: '', hostPort: 80, containerPort: 8080 }] }, /explicit host IP/],
    ['a tiny memory limit', { memoryMb: 4 }, /memoryMb/],
    ['no process limit', { pidsLimit: 0 }, /pidsLimit/],
    ['a cgroup parent outside the dcops slices', { cgroupParent: 'system.slice' }, /cgroup parent/],
  ] as const)('refuses %s', (_what, overrides, message) => {
    expect(() => Testing.synthScope((scope) => new HardenedContainer(scope, 'c', containerProps(scope, overrides)))).toThrow(message);
  });
});

describe('OverlayNetwork', () => {
  it('creates internal, attachable overlay networks with kind labels', () => {
    const json = Testing.synthScope((scope) => {
      const p = provider(scope);
      new OverlayNetwork(scope, { kind: 'tenant', ministry: 'MEF', classification: 'secret', provider: p });
      new OverlayNetwork(scope, { kind: 'edge', ministry: 'MEF', environment: 'paie', classification: 'secret', requestId: 'HR-1', provider: p });
      new OverlayNetwork(scope, { kind: 'management', provider: p });
      new OverlayNetwork(scope, { kind: 'dmz', provider: p });
    });
    const nets = resourcesOf(json, 'docker_network');
    expect(Object.keys(nets).sort()).toEqual(['net-dmz', 'net-edge--mef--paie', 'net-management', 'net-secret']);
    expect(nets['net-secret']).toMatchObject({ name: 'dcops-mef-secret', driver: 'overlay', attachable: true, internal: true, provider: 'docker.h1' });
    expect(labelsOf(nets['net-secret']!)).toEqual({ 'dcops.network-kind': 'tenant', 'dcops.ministry': 'MEF', 'dcops.classification': 'secret' });
    expect(labelsOf(nets['net-edge--mef--paie']!)).toEqual({
      'dcops.network-kind': 'edge',
      'dcops.ministry': 'MEF',
      'dcops.classification': 'secret',
      'dcops.environment': 'paie',
      'dcops.request-id': 'HR-1',
    });
    expect(nets['net-edge--mef--paie']!['name']).toBe('dcops-edge-mef-paie');
    expect(nets['net-management']).toMatchObject({ name: 'dcops-management', internal: true });
    expect(nets['net-dmz']).toMatchObject({ name: 'dcops-dmz', internal: false });
  });
});

describe('ServiceReplica', () => {
  const service = {
    name: 'db',
    kind: 'postgresql' as const,
    image: pinned('postgres'),
    vcpu: 2,
    memoryMb: 4096,
    storageGb: 100,
    ports: [5432],
    healthcheck,
    replicas: 2,
  };
  const json = Testing.synthScope((scope) => {
    const p = provider(scope);
    const net = new OverlayNetwork(scope, { kind: 'tenant', ministry: 'MEF', classification: 'restricted', provider: p });
    new ServiceReplica(scope, { stackName: 'ministry-mef', provider: p, environment, service, replica: 1, tenantNetwork: net.attach() });
  });
  const containers = resourcesOf(json, 'docker_container');
  const volumes = resourcesOf(json, 'docker_volume');

  it('names the container and its volume after the replica', () => {
    expect(Object.keys(containers)).toEqual(['svc--portail--db--r1']);
    expect(Object.keys(volumes)).toEqual(['vol--portail--db--r1']);
    expect(containers['svc--portail--db--r1']!['name']).toBe('dcops-mef--portail--db--r1');
    expect(volumes['vol--portail--db--r1']!['name']).toBe('dcops-mef--portail--db--r1-data');
  });

  it('labels the container with the whole label contract', () => {
    expect(labelsOf(containers['svc--portail--db--r1']!)).toEqual({
      'dcops.stack': 'ministry-mef',
      'dcops.role': 'service',
      'dcops.ministry': 'MEF',
      'dcops.request-id': 'HR-1',
      'dcops.environment': 'portail',
      'dcops.classification': 'restricted',
      'dcops.exposure': 'public',
      'dcops.backup-policy': 'daily',
      'dcops.service': 'db',
      'dcops.replica': '1',
      'dcops.kind': 'postgresql',
      'dcops.pids-limit': '512',
    });
  });

  it('labels the volume with its backup policy and retention', () => {
    expect(labelsOf(volumes['vol--portail--db--r1']!)).toEqual({
      'dcops.ministry': 'MEF',
      'dcops.request-id': 'HR-1',
      'dcops.environment': 'portail',
      'dcops.backup-policy': 'daily',
      'dcops.backup-retention-days': '30',
    });
  });

  it('keeps a database off the edge network of its exposed environment: it asked for no exposure', () => {
    expect(networkNames(containers['svc--portail--db--r1']!)).toEqual(['${docker_network.net-restricted.name}']);
  });

  it('joins its environment edge network by name when the service itself is exposed', () => {
    const j = Testing.synthScope((scope) => {
      const p = provider(scope);
      const net = new OverlayNetwork(scope, { kind: 'tenant', ministry: 'MEF', classification: 'restricted', provider: p });
      new ServiceReplica(scope, {
        stackName: 'ministry-mef',
        provider: p,
        environment: { ...environment, exposure: 'government' },
        service: { ...service, name: 'web', kind: 'web', storageGb: 0, ports: [8080], expose: { port: 8080, hostname: 'portail' } },
        replica: 0,
        tenantNetwork: net.attach(),
      });
    });
    const c = resourcesOf(j, 'docker_container')['svc--portail--web--r0']!;
    expect(networkNames(c)).toEqual(['dcops-edge-mef-portail', '${docker_network.net-restricted.name}']);
    expect(labelsOf(c)).toMatchObject({ 'dcops.expose-hostname': 'portail', 'dcops.expose-port': '8080', 'dcops.kind': 'web' });
  });

  it('mounts its volume by reference where its template says, and publishes nothing', () => {
    const c = containers['svc--portail--db--r1']!;
    expect(c['mounts']).toContainEqual({ type: 'volume', source: '${docker_volume.vol--portail--db--r1.name}', target: '/var/lib/postgresql/data', read_only: false });
    expect(c).not.toHaveProperty('ports');
  });

  it('stays off the edge network when internal and has no volume without storage', () => {
    const j = Testing.synthScope((scope) => {
      const p = provider(scope);
      const net = new OverlayNetwork(scope, { kind: 'tenant', ministry: 'MEF', classification: 'restricted', provider: p });
      new ServiceReplica(scope, {
        stackName: 'ministry-mef',
        provider: p,
        environment: { ...environment, exposure: 'internal' },
        service: { ...service, storageGb: 0 },
        replica: 0,
        tenantNetwork: net.attach(),
      });
    });
    expect(networkNames(resourcesOf(j, 'docker_container')['svc--portail--db--r0']!)).toEqual(['${docker_network.net-restricted.name}']);
    expect(resourcesOf(j, 'docker_volume')).toEqual({});
  });
});

describe('Ingress', () => {
  it('publishes 80/443 on the given address only, from unprivileged container ports', () => {
    const json = Testing.synthScope((scope) => {
      const p = provider(scope);
      const dmz = new OverlayNetwork(scope, { kind: 'dmz', provider: p });
      const edge = new OverlayNetwork(scope, { kind: 'platform-edge', provider: p });
      new Ingress(scope, { provider: p, image: pinned('traefik'), domain: 'example.bj', bindIp: '10.1.2.3', dmz: dmz.attach(), platformEdge: edge.attach(), edges: [] });
    });
    const ingress = resourcesOf(json, 'docker_container')['ingress']!;
    expect(ingress['ports']).toEqual([
      { internal: 8080, external: 80, ip: '10.1.2.3', protocol: 'tcp' },
      { internal: 8443, external: 443, ip: '10.1.2.3', protocol: 'tcp' },
    ]);
    expect(ingress).toMatchObject({ capabilities: { drop: ['ALL'] }, read_only: true });
    expect(labelsOf(ingress)).toEqual({ 'dcops.stack': 'platform', 'dcops.role': 'ingress', 'dcops.pids-limit': '1024' });
    // A healthcheck on the ping endpoint the same static configuration turns on.
    expect((ingress['healthcheck'] as { test: string[] }).test).toEqual(['CMD', 'traefik', 'healthcheck', '--ping']);
    expect(ingress['env']).toEqual(expect.arrayContaining(['TRAEFIK_PING=true', 'TRAEFIK_PING_ENTRYPOINT=ping', 'TRAEFIK_ENTRYPOINTS_PING_ADDRESS=127.0.0.1:8082']));
    expect(ingress).toMatchObject({ restart: 'always' });
    expect(ingress['mounts']).toContainEqual({ type: 'bind', source: '/srv/dcops/build/ingress', target: '/etc/dcops/ingress', read_only: true });
  });
});

describe('DockerHostProviders', () => {
  it('creates one aliased provider per host, sorted, and refuses unknown hosts', () => {
    let lookup: (h: string) => unknown = () => undefined;
    const json = Testing.synthScope((scope) => {
      const hosts = new DockerHostProviders(scope, 'hosts', {
        tlsDir: '/etc/dcops/docker-tls',
        hosts: [
          { name: 'h2', dockerHost: 'tcp://h2:2376' },
          { name: 'h1', dockerHost: 'tcp://h1:2376' },
          { name: 'h2', dockerHost: 'tcp://h2:2376' },
        ],
      });
      lookup = (h) => hosts.forHost(h);
    });
    expect(providerAliases(json)).toEqual(['h1', 'h2']);
    // TLS material by path only: the key itself never enters the JSON.
    const blocks = parseDoc(json).provider?.['docker'] ?? [];
    expect(blocks.map((b) => b['cert_path'])).toEqual(['/etc/dcops/docker-tls/h1', '/etc/dcops/docker-tls/h2']);
    expect(() => lookup('h9')).toThrow(/h9/);
  });
});
