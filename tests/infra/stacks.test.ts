import { describe, expect, it } from 'vitest';
import { synthTenancyToJson, type TerraformJson } from '../../infra/synth.js';
import { edgeNetworkName, tenantNetworkName } from '../../infra/naming.js';
import { beninSpec } from './fixtures.js';
import { labelsOf, networkNames, providerAliases, resourcesOf, type Body } from './tf-json.js';

const spec = beninSpec();
const stacks = synthTenancyToJson(spec);
const exposedEnv = (e: { exposure: string }): boolean => e.exposure === 'government' || e.exposure === 'public';
const exposedService = (e: { exposure: string }, s: { expose?: unknown }): boolean => exposedEnv(e) && s.expose !== undefined;

function allContainers(): { stack: string; name: string; body: Body }[] {
  return [...stacks].flatMap(([stack, doc]) => Object.entries(resourcesOf(doc, 'docker_container')).map(([name, body]) => ({ stack, name, body })));
}

describe('a Benin-like tenancy', () => {
  it('is realistic: 12 ministries, 10 hosts on both feeds, ~30 environments', () => {
    expect(spec.ministries).toHaveLength(12);
    expect(spec.site.hosts).toHaveLength(10);
    expect(new Set(spec.site.hosts.map((h) => h.powerFeed))).toEqual(new Set(['A', 'B']));
    const envs = spec.ministries.flatMap((m) => m.environments);
    expect(envs.length).toBeGreaterThanOrEqual(28);
  });

  it('gives the platform and every ministry, even one without environments, a stack', () => {
    expect([...stacks.keys()]).toEqual(['platform', ...spec.ministries.map((m) => `ministry-${m.code.toLowerCase()}`).sort()]);
    const empty = stacks.get('ministry-mdgl')!;
    expect(empty).toEqual({ '//': { metadata: { backend: 'local', stackName: 'ministry-mdgl' } }, terraform: { backend: { local: { path: 'terraform.tfstate' } } } });
  });

  it('keeps state in a relative local backend in every stack', () => {
    for (const doc of stacks.values()) expect((doc as { terraform: unknown }).terraform).toMatchObject({ backend: { local: { path: 'terraform.tfstate' } } });
  });

  it('keeps only a fixed comment block of cdktf metadata (what `cdktf synth` reads back)', () => {
    for (const [name, doc] of stacks) {
      expect((doc as Record<string, unknown>)['//']).toEqual({ metadata: { backend: 'local', stackName: name } });
      const { '//': _comment, ...rest } = doc as Record<string, unknown>;
      expect(JSON.stringify(rest)).not.toContain('"//"');
    }
  });

  it('hardens every container in every stack', () => {
    const all = allContainers();
    expect(all.length).toBeGreaterThan(100);
    for (const { name, body } of all) {
      expect(body, name).toMatchObject({
        read_only: true,
        security_opts: ['apparmor=docker-default', 'no-new-privileges:true'],
        capabilities: { drop: ['ALL'] },
        privileged: false,
      });
      // The ingress alone restarts always, under an approved exception (CIS 5.15).
      if (name === 'ingress') expect(body['restart']).toBe('always');
      else {
        expect(body['restart'], name).toBe('on-failure');
        expect(Number(body['max_retry_count']), name).toBeLessThanOrEqual(5);
      }
      expect(String(body['cgroup_parent']), name).toMatch(/^dcops-[a-z0-9]+-c[0-9a-f]{12}\.slice$/);
      expect(Number(labelsOf(body)['dcops.pids-limit']), name).toBeGreaterThan(0);
      expect(String(body['user']), name).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      expect(body['healthcheck'], name).toBeDefined();
      expect(typeof body['memory'], name).toBe('number');
      expect(body['cpus'], name).toMatch(/^\d+(\.\d+)?$/);
      expect(String(body['image']), name).toMatch(/@sha256:[a-f0-9]{64}$/);
      expect(networkNames(body).length, name).toBeGreaterThan(0);
      for (const key of ['network_mode', 'pid_mode', 'userns_mode']) expect(body, name).not.toHaveProperty(key);
      const mounts = (body['mounts'] ?? []) as { type: string; target: string; source?: string; read_only?: boolean }[];
      expect(mounts.some((m) => m.type === 'tmpfs' && m.target === '/tmp'), name).toBe(true);
      for (const m of mounts.filter((x) => x.type === 'bind')) {
        expect(m.read_only, name).toBe(true);
        expect(m.source, name).toMatch(/^\/srv\/dcops\//);
      }
    }
  });

  it('publishes host ports from the ingress only, never on 0.0.0.0 by default', () => {
    const publishing = allContainers().filter((c) => c.body['ports'] !== undefined);
    expect(publishing.map((c) => `${c.stack}/${c.name}`)).toEqual(['platform/ingress']);
    const ports = publishing[0]!.body['ports'] as { external: number; ip: string }[];
    expect(ports.map((p) => p.external)).toEqual([80, 443]);
    for (const p of ports) expect(p.ip).toBe('127.0.0.1');
  });

  it('builds the platform stack: ingress, console, Prometheus, Grafana on the platform host', () => {
    const platform = stacks.get('platform')!;
    expect(providerAliases(platform)).toEqual([spec.platform.host]);
    const containers = resourcesOf(platform, 'docker_container');
    expect(Object.keys(containers).sort()).toEqual(['console', 'grafana', 'ingress', 'prometheus']);
    for (const [name, body] of Object.entries(containers)) {
      expect(labelsOf(body)).toMatchObject({ 'dcops.stack': 'platform', 'dcops.role': name });
      expect(body['provider']).toBe(`docker.${spec.platform.host}`);
    }
    expect(containers['grafana']!['mounts']).toContainEqual({ type: 'bind', source: '/srv/dcops/build/grafana', target: '/etc/dcops/grafana', read_only: true });
  });

  it('creates one internal edge network per exposed environment with an exposed service, labelled with its one classification', () => {
    const platform = stacks.get('platform')!;
    const nets = resourcesOf(platform, 'docker_network');
    const edges = Object.values(nets).filter((n) => labelsOf(n)['dcops.network-kind'] === 'edge' && labelsOf(n)['dcops.ministry'] !== undefined);
    const envs = spec.ministries.flatMap((m) => m.environments).filter((e) => e.services.some((s) => exposedService(e, s)));
    expect(edges.map((n) => n['name']).sort()).toEqual(envs.map((e) => edgeNetworkName(e.ministry, e.name)).sort());
    for (const n of edges) {
      expect(n['internal']).toBe(true);
      const env = envs.find((e) => edgeNetworkName(e.ministry, e.name) === n['name'])!;
      expect(labelsOf(n)).toMatchObject({ 'dcops.ministry': env.ministry, 'dcops.classification': env.classification, 'dcops.environment': env.name });
    }
    expect(nets['net-dmz']!['internal']).toBe(false);
    expect(nets['net-management']!['internal']).toBe(true);
    expect(nets['net-platform-edge']!['internal']).toBe(true);
  });

  it('puts the ingress on the DMZ and edge networks only, never on the management network', () => {
    const platform = stacks.get('platform')!;
    const c = resourcesOf(platform, 'docker_container');
    const ingressNets = networkNames(c['ingress']!);
    expect(ingressNets).not.toContain('${docker_network.net-management.name}');
    expect(ingressNets).toContain('${docker_network.net-dmz.name}');
    expect(ingressNets).toContain('${docker_network.net-platform-edge.name}');
    const edgeCount = Object.values(resourcesOf(platform, 'docker_network')).filter((n) => labelsOf(n)['dcops.network-kind'] === 'edge').length;
    expect(ingressNets).toHaveLength(1 + edgeCount);
    // Management holds platform services only; the control network, the console alone.
    const on = (net: string) => Object.entries(c).filter(([, b]) => networkNames(b).includes(`\${docker_network.${net}.name}`)).map(([n]) => n).sort();
    expect(on('net-management')).toEqual(['console', 'grafana', 'prometheus']);
    expect(on('net-control')).toEqual(['console']);
    expect(on('net-platform-edge')).toEqual(['console', 'grafana', 'ingress']);
  });

  it('makes every network outside the DMZ and the control network internal, overlay and attachable, created on the platform host', () => {
    for (const [stack, doc] of stacks) {
      for (const [name, n] of Object.entries(resourcesOf(doc, 'docker_network'))) {
        if (name === 'net-control') {
          expect(n).toMatchObject({ driver: 'bridge', internal: false, ipam_config: [{ subnet: '172.30.255.0/28' }] });
          continue;
        }
        expect(n, `${stack}/${name}`).toMatchObject({ driver: 'overlay', attachable: true, provider: `docker.${spec.platform.host}` });
        if (name !== 'net-dmz') expect(n['internal'], `${stack}/${name}`).toBe(true);
      }
    }
  });

  for (const ministry of spec.ministries.filter((m) => m.environments.length > 0)) {
    it(`places ${ministry.code}'s replicas where the spec says, with labels, networks and volumes`, () => {
      const doc: TerraformJson = stacks.get(`ministry-${ministry.code.toLowerCase()}`)!;
      const containers = resourcesOf(doc, 'docker_container');
      const volumes = resourcesOf(doc, 'docker_volume');
      const networks = resourcesOf(doc, 'docker_network');

      const classes = [...new Set(ministry.environments.map((e) => e.classification))];
      expect(Object.values(networks).map((n) => n['name']).sort()).toEqual(classes.map((c) => tenantNetworkName(ministry.code, c)).sort());

      const hosts = new Set([spec.platform.host, ...ministry.environments.flatMap((e) => e.placements.map((p) => p.host))]);
      expect(providerAliases(doc)).toEqual([...hosts].sort());

      let replicas = 0;
      let withStorage = 0;
      for (const env of ministry.environments) {
        for (const p of env.placements) {
          replicas += 1;
          const svc = env.services.find((s) => s.name === p.service)!;
          const c = containers[`svc--${env.name}--${p.service}--r${p.replica}`];
          expect(c, `${env.name}/${p.service}/${p.replica}`).toBeDefined();
          expect(c!['provider']).toBe(`docker.${p.host}`);
          expect(c!['memory']).toBe(svc.memoryMb);
          expect(c!['cpus']).toBe(String(svc.vcpu));
          expect(c!['image']).toBe(svc.image);
          expect(labelsOf(c!)).toMatchObject({
            'dcops.ministry': ministry.code,
            'dcops.environment': env.name,
            'dcops.request-id': env.requestId,
            'dcops.classification': env.classification,
            'dcops.exposure': env.exposure,
            'dcops.backup-policy': env.backup.policy,
            'dcops.service': p.service,
            'dcops.replica': String(p.replica),
            'dcops.role': 'service',
          });
          const nets = networkNames(c!);
          expect(nets).toContain(`\${docker_network.net-${env.classification}.name}`);
          expect(nets.includes(edgeNetworkName(ministry.code, env.name))).toBe(exposedService(env, svc));
          expect(nets).toHaveLength(exposedService(env, svc) ? 2 : 1);
          if (svc.storageGb > 0) {
            withStorage += 1;
            const v = volumes[`vol--${env.name}--${p.service}--r${p.replica}`]!;
            expect(v['provider']).toBe(`docker.${p.host}`);
            expect(labelsOf(v)).toMatchObject({ 'dcops.backup-policy': env.backup.policy, 'dcops.backup-retention-days': String(env.backup.retentionDays) });
          }
        }
      }
      expect(Object.keys(containers)).toHaveLength(replicas);
      expect(Object.keys(volumes)).toHaveLength(withStorage);
    });
  }

  it('spreads high-availability replicas over distinct hosts on both feeds', () => {
    const feed = new Map(spec.site.hosts.map((h) => [h.name, h.powerFeed]));
    for (const env of spec.ministries.flatMap((m) => m.environments).filter((e) => e.availability === 'high')) {
      for (const s of env.services.filter((x) => x.replicas >= 2)) {
        const hosts = env.placements.filter((p) => p.service === s.name).map((p) => p.host);
        expect(new Set(hosts).size).toBe(hosts.length);
        expect(new Set(hosts.map((h) => feed.get(h))).size).toBe(2);
      }
    }
  });
});
