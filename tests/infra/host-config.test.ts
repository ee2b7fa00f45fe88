import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineAddress, hostConfigsOf, ingressRoutesOf, missingDockerTlsMaterial, renderIngressRoutes, synthTenancy, synthTenancyToJson } from '../../infra/synth.js';
import { beninSpec } from './fixtures.js';
import { labelsOf, resourcesOf } from './tf-json.js';

const spec = beninSpec();
const stacks = synthTenancyToJson(spec);
const configs = hostConfigsOf(stacks);
const platformAddress = engineAddress(spec.site.hosts.find((h) => h.name === spec.platform.host)!.dockerHost);

describe('host configuration generated next to the stacks', () => {
  const out = mkdtempSync(join(tmpdir(), 'dcops-hosts-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('covers every site host that runs something', () => {
    const used = new Set([spec.platform.host, ...spec.ministries.flatMap((m) => m.environments.flatMap((e) => e.placements.map((p) => p.host)))]);
    expect(configs.map((c) => c.host)).toEqual([...used].sort());
  });

  it('lets only the platform host reach each engine’s TLS port, and the control network reach nothing but the engines', () => {
    const subnet = (resourcesOf(stacks.get('platform'), 'docker_network')['net-control']!['ipam_config'] as { subnet: string }[])[0]!.subnet;
    for (const c of configs) {
      const input = c.firewall.filter((r) => r.chain === 'input');
      expect(input[0]).toMatchObject({ action: 'accept', from: platformAddress, port: 2376 });
      expect(input.at(-1)).toMatchObject({ action: 'drop', from: 'any', port: 2376 });
      const forward = c.firewall.filter((r) => r.chain === 'forward');
      if (c.host !== spec.platform.host) {
        expect(forward).toEqual([]);
        continue;
      }
      expect(input).toContainEqual(expect.objectContaining({ action: 'accept', from: subnet, port: 2376 }));
      const others = configs.filter((o) => o.host !== c.host).map((o) => o.address).sort();
      expect(forward.filter((r) => r.action === 'accept').map((r) => r.to).sort()).toEqual(others);
      for (const r of forward) expect(r.from).toBe(subnet);
      expect(forward.at(-1)).toMatchObject({ action: 'drop', port: 0 });
    }
  });

  it('gives every container a slice on its host with its process limit', () => {
    const slices = new Map(configs.flatMap((c) => c.slices.map((s) => [`${c.host} ${s.slice}`, s.tasksMax] as const)));
    let n = 0;
    for (const doc of stacks.values()) {
      for (const body of Object.values(resourcesOf(doc, 'docker_container'))) {
        n += 1;
        const host = String(body['provider']).replace('docker.', '');
        expect(slices.get(`${host} ${String(body['cgroup_parent'])}`)).toBe(Number(labelsOf(body)['dcops.pids-limit']));
      }
    }
    expect(slices.size).toBe(n);
  });

  it('writes the rules, the slices and the data for each host with the stacks', () => {
    synthTenancy(spec, { outdir: out });
    for (const c of configs) {
      const dir = join(out, 'hosts', c.host);
      expect(JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(c)));
      const nft = readFileSync(join(dir, 'firewall.nft'), 'utf8');
      expect(nft).toContain(`ip saddr ${platformAddress} tcp dport 2376 accept`);
      for (const s of c.slices) expect(readFileSync(join(dir, 'slices', s.slice), 'utf8')).toContain(`TasksMax=${s.tasksMax}`);
      expect(readdirSync(dir).sort()).toEqual(['README.md', 'firewall.nft', 'host.json', 'slices']);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme).toContain(`# ${c.host}\n`);
      for (const command of ['systemctl daemon-reload', 'nft -f firewall.nft']) expect(readme).toContain(command);
      expect(readme.includes('install -m 0644 slices/*.slice /etc/systemd/system/')).toBe(c.slices.length > 0);
    }
  });
});

describe('Docker TLS material readiness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names each missing file of each TCP engine, and nothing once they are in place', () => {
    const doc = { provider: { docker: [{ alias: 'h1', host: 'tcp://h1:2376', cert_path: join(dir, 'h1') }, { alias: 'h2', host: 'ssh://ops@h2' }, { alias: 'h3', host: 'tcp://h3:2376' }] } };
    expect(missingDockerTlsMaterial(doc, existsSync)).toEqual([`h1: ${dir}/h1/ca.pem`, `h1: ${dir}/h1/cert.pem`, `h1: ${dir}/h1/key.pem`, 'h3: no cert_path']);
    mkdirSync(join(dir, 'h1'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, 'h1', f), 'x');
    expect(missingDockerTlsMaterial(doc, existsSync)).toEqual(['h3: no cert_path']);
  });

  it('finds every synthesized TCP provider pointing at the configured directory', () => {
    const missing = [...stacks.values()].flatMap((d) => missingDockerTlsMaterial(d, () => false));
    expect(missing.length).toBeGreaterThan(0);
    for (const m of missing) expect(m).toMatch(/^[a-z0-9-]+: \/etc\/dcops\/docker-tls\/[a-z0-9-]+\/(ca|cert|key)\.pem$/);
  });
});

describe('ingress routes generated next to the stacks', () => {
  it('route exactly the declared endpoints, to their alias on the edge network the ingress shares', () => {
    const routes = ingressRoutesOf(stacks);
    const declared = spec.ministries.flatMap((m) =>
      m.environments.flatMap((e) => e.services.filter((s) => s.expose && e.exposure !== 'internal').map((s) => `${s.expose!.hostname}.${spec.platform.domain} http://${s.name}.${e.name}.${m.code.toLowerCase()}:${s.expose!.port}`)),
    );
    const platform = [`console.${spec.platform.domain} http://console:8080`, `grafana.${spec.platform.domain} http://grafana:3000`];
    expect(routes.map((r) => `${r.host} ${r.url}`).sort()).toEqual([...declared, ...platform].sort());
    const yaml = renderIngressRoutes(routes);
    expect(yaml).toContain('Host(`console.hebergement.gouv.bj`)');
  });
});
