/**
 * The host files generated with the demo tenancy, checked by the tools that will read them:
 *
 * - each host's `firewall.nft` is loaded by the real `nft` into a fresh network namespace, read
 *   back as JSON (`nft -j list ruleset`) and evaluated packet by packet, the way the kernel walks
 *   the chains: the engine's TLS port answers the platform host only, the console's control
 *   network reaches the engines' TLS port and nothing else, other traffic is left alone;
 * - each host's slices pass `systemd-analyze verify` without a warning, with `TasksMax` the
 *   container's process limit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../console/clock.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { closeDatabase } from '../../console/db/open.js';
import { seedDemo } from '../../console/demo/seed.js';
import { buildTenancySpec } from '../../console/services/tenancy/build-spec.js';
import { ENGINE_TLS_PORT, HOST_FILES, engineAddress, synthTenancy, type HostConfig } from '../../infra/synth.js';
import type { TenancySpec } from '../../infra/spec.js';

function works(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}
// Loading rules needs CAP_NET_ADMIN, which root has in a new network namespace of its own.
const nftAvailable = works('nft', ['--version']) && works('unshare', ['-n', 'true']);
const analyzeAvailable = works('systemd-analyze', ['--version']);
for (const [ok, message] of [
  [nftAvailable, 'nft (Debian package nftables) or unshare -n as root is missing: the host firewall rules cannot be loaded'],
  [analyzeAvailable, 'systemd-analyze (Debian package systemd) is missing: the generated slices cannot be verified'],
] as const) {
  if (ok) continue;
  if (process.env.CI === 'true') throw new Error(`${message} (.ci/run installs it)`);
  console.warn(`\n⚠️  SKIPPING ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// nft's JSON, read as the kernel walks it: first matching rule of the hooked chain, else its policy.

type Json = Record<string, unknown>;
interface Packet {
  hook: 'input' | 'forward';
  saddr: string;
  daddr: string;
  dport: number;
}
interface Chain {
  hook: string;
  policy: string;
  rules: Json[];
}

function ipv4(address: string): number {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${address}`);
  return parts.reduce((n, p) => n * 256 + p, 0);
}

function inPrefix(address: string, right: unknown): boolean {
  if (typeof right === 'string') return ipv4(address) === ipv4(right);
  const prefix = (right as { prefix?: { addr: string; len: number } }).prefix;
  if (!prefix) throw new Error(`unexpected address match ${JSON.stringify(right)}`);
  const size = 2 ** (32 - prefix.len);
  return Math.floor(ipv4(address) / size) === Math.floor(ipv4(prefix.addr) / size);
}

function matches(match: Json, p: Packet): boolean {
  if (match['op'] !== '==') throw new Error(`unexpected operator ${String(match['op'])}`);
  const payload = (match['left'] as { payload?: { protocol: string; field: string } }).payload;
  const field = `${payload?.protocol} ${payload?.field}`;
  if (field === 'ip saddr') return inPrefix(p.saddr, match['right']);
  if (field === 'ip daddr') return inPrefix(p.daddr, match['right']);
  if (field === 'tcp dport') return p.dport === match['right'];
  throw new Error(`unexpected match on ${field}`);
}

function chainsOf(listing: { nftables: Json[] }): Map<string, Chain> {
  const chains = new Map<string, Chain>();
  for (const item of listing.nftables) {
    const chain = item['chain'] as Json | undefined;
    if (chain) {
      expect(chain).toMatchObject({ family: 'inet', table: 'dcops', type: 'filter' });
      chains.set(String(chain['name']), { hook: String(chain['hook']), policy: String(chain['policy']), rules: [] });
    }
    const rule = item['rule'] as Json | undefined;
    if (rule) chains.get(String(rule['chain']))!.rules.push(rule);
  }
  return chains;
}

function verdict(chains: Map<string, Chain>, p: Packet): string {
  const chain = [...chains.values()].find((c) => c.hook === p.hook);
  if (!chain) return 'accept (no chain)';
  for (const rule of chain.rules) {
    let matched = true;
    let decision: string | undefined;
    for (const e of rule['expr'] as Json[]) {
      if ('match' in e) matched = matched && matches(e['match'] as Json, p);
      else if ('accept' in e || 'drop' in e) decision = 'accept' in e ? 'accept' : 'drop';
      else throw new Error(`unexpected statement ${JSON.stringify(e)}`);
    }
    if (matched && decision) return decision;
  }
  return chain.policy;
}

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'dcops-e2e-hosts-'));
const out = join(dir, 'out');
let spec: TenancySpec;
let configs: HostConfig[];

beforeAll(async () => {
  if (!nftAvailable && !analyzeAvailable) return;
  const db = prepareDatabase(join(dir, 'dcops.db'));
  try {
    await seedDemo({ db, clock: manualClock(new Date('2026-11-01T09:00:00Z')), password: 'demo-password-123', scryptN: 1024 });
    spec = buildTenancySpec(db);
  } finally {
    closeDatabase(db);
  }
  synthTenancy(spec, { outdir: out });
  configs = readdirSync(join(out, 'hosts'))
    .sort()
    .map((h) => JSON.parse(readFileSync(join(out, 'hosts', h, HOST_FILES.data), 'utf8')) as HostConfig);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!nftAvailable)('host firewall rules, loaded by nft', () => {
  const load = (file: string, times = 1): { nftables: Json[] } => {
    const script = `${'nft -f "$1" && '.repeat(times)}nft -j list ruleset`;
    return JSON.parse(execFileSync('unshare', ['-n', 'sh', '-c', script, 'sh', file], { encoding: 'utf8' })) as { nftables: Json[] };
  };

  it('lets only the platform host reach each engine’s TLS port, and the control network reach only the engines', { timeout: 60_000 }, () => {
    const platform = spec.platform.host;
    const address = (host: string) => engineAddress(spec.site.hosts.find((h) => h.name === host)!.dockerHost);
    const platformAddress = address(platform);
    const control = '172.30.255.2';
    const outsider = '203.0.113.9';
    expect(configs.map((c) => c.host)).toContain(platform);
    expect(configs.length).toBeGreaterThan(1);
    for (const c of configs) {
      const chains = chainsOf(load(join(out, 'hosts', c.host, HOST_FILES.firewall)));
      const at = (p: Omit<Packet, 'daddr'> & { daddr?: string }) => verdict(chains, { daddr: c.address, ...p });
      const tls = ENGINE_TLS_PORT;
      expect(at({ hook: 'input', saddr: platformAddress, dport: tls }), c.host).toBe('accept');
      expect(at({ hook: 'input', saddr: outsider, dport: tls }), c.host).toBe('drop');
      // Other traffic is the host's own firewall's business, not this table's.
      expect(at({ hook: 'input', saddr: outsider, dport: 22 }), c.host).toBe('accept');
      for (const other of configs.filter((o) => o.host !== platform && o.host !== c.host)) {
        expect(at({ hook: 'input', saddr: address(other.host), dport: tls }), `${other.host} → ${c.host}`).toBe('drop');
      }
      for (const [, chain] of chains) for (const r of chain.rules) expect(String(r['comment'])).toMatch(/^dcops: /);
      if (c.host !== platform) {
        expect([...chains.keys()], c.host).toEqual(['input']);
        expect(at({ hook: 'input', saddr: control, dport: tls }), c.host).toBe('drop');
        continue;
      }
      expect(at({ hook: 'input', saddr: control, dport: tls })).toBe('accept');
      for (const other of configs.filter((o) => o.host !== platform)) {
        expect(at({ hook: 'forward', saddr: control, daddr: address(other.host), dport: tls }), other.host).toBe('accept');
        expect(at({ hook: 'forward', saddr: control, daddr: address(other.host), dport: 22 }), other.host).toBe('drop');
      }
      expect(at({ hook: 'forward', saddr: control, daddr: '198.51.100.1', dport: 443 })).toBe('drop');
      // Tenant containers' traffic is not the control network's: left to Docker's own rules.
      expect(at({ hook: 'forward', saddr: '10.0.3.7', daddr: '198.51.100.1', dport: 443 })).toBe('accept');
    }
  });

  it('replaces the table when loaded again, instead of adding a second copy of the rules', () => {
    const file = join(out, 'hosts', spec.platform.host, HOST_FILES.firewall);
    const rules = (l: { nftables: Json[] }) => l.nftables.filter((i) => 'rule' in i).length;
    const once = load(file);
    expect(rules(load(file, 2))).toBe(rules(once));
    expect(rules(once)).toBe(configs.find((c) => c.host === spec.platform.host)!.firewall.length);
  });
});

describe.skipIf(!analyzeAvailable)('host slices, verified by systemd', () => {
  const verify = (cwd: string, files: string[]) => spawnSync('systemd-analyze', ['verify', '--man=no', ...files.map((f) => `./${f}`)], { cwd, encoding: 'utf8' });

  it('are units systemd accepts without a warning, each limiting its container’s processes', { timeout: 60_000 }, () => {
    let total = 0;
    for (const c of configs) {
      const slices = join(out, 'hosts', c.host, HOST_FILES.slices);
      const files = readdirSync(slices).sort();
      expect(files).toEqual(c.slices.map((s) => s.slice).sort());
      if (files.length === 0) continue;
      const r = verify(slices, files);
      expect({ host: c.host, status: r.status, stderr: r.stderr }).toEqual({ host: c.host, status: 0, stderr: '' });
      for (const s of c.slices) expect(readFileSync(join(slices, s.slice), 'utf8')).toMatch(new RegExp(`^TasksMax=${s.tasksMax}$`, 'm'));
      total += files.length;
    }
    const containers = spec.ministries.flatMap((m) => m.environments.flatMap((e) => e.placements)).length;
    expect(total).toBeGreaterThanOrEqual(containers);
  });

  it('would report a slice systemd cannot use (the check is not blind)', () => {
    const bad = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(join(bad, 'dcops-x-c000000000000.slice'), '[Slice]\nTasksMax=lots\n');
    expect(verify(bad, ['dcops-x-c000000000000.slice']).stderr).toMatch(/TasksMax|tasks/i);
  });
});
