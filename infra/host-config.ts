/**
 * What each Docker host needs besides its containers, generated as data from the synthesized
 * stacks (so it always matches what is deployed) and written next to them:
 *
 * - firewall rules: an engine's TLS port answers only the platform host, where the console
 *   runs; on the platform host, the console's control network (its only container) may reach
 *   the engines' TLS port and nothing else beyond the host;
 * - systemd slices: each container's `cgroup_parent`, with `TasksMax` set to its process limit
 *   (the Docker provider has no `pids_limit`; the slice enforces it, CIS 5.29).
 *
 * No cdktf: plain functions over Terraform JSON.
 */
import { LABEL } from '../lib/docker-labels.js';
import { CONTROL_NETWORK } from './naming.js';

export const ENGINE_TLS_PORT = 2376;

export interface FirewallRule {
  readonly chain: 'input' | 'forward';
  readonly action: 'accept' | 'drop';
  /** Source: an address, a CIDR, or any. */
  readonly from: string | 'any';
  /** Destination address (forward chain only). */
  readonly to?: string;
  readonly port: number;
  readonly comment: string;
}

export interface HostSlice {
  readonly slice: string;
  readonly tasksMax: number;
  readonly container: string;
}

export interface HostConfig {
  readonly host: string;
  /** Address the engine is reached at (from the provider's `host`). */
  readonly address: string;
  readonly firewall: readonly FirewallRule[];
  readonly slices: readonly HostSlice[];
}

type Json = { [key: string]: unknown };

function record(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => record(x) !== undefined) : record(v) ? [v as Json] : [];
}

/** Facts gathered stack by stack (synthesis drops each document once written). */
export class HostFacts {
  readonly engines = new Map<string, string>();
  readonly slices = new Map<string, HostSlice[]>();
  controlSubnet: string | undefined;
  platformHost: string | undefined;

  add(stack: string, doc: Json): void {
    for (const p of list(record(doc['provider'])?.['docker'])) {
      if (typeof p['alias'] === 'string' && typeof p['host'] === 'string') this.engines.set(p['alias'], p['host']);
    }
    const resources = record(doc['resource']);
    for (const n of Object.values(record(resources?.['docker_network']) ?? {})) {
      const net = record(n);
      if (net?.['name'] === CONTROL_NETWORK) {
        this.controlSubnet = String(list(net['ipam_config'])[0]?.['subnet'] ?? '');
        this.platformHost = String(net['provider'] ?? '').replace(/^docker\./, '');
      }
    }
    for (const c of Object.values(record(resources?.['docker_container']) ?? {})) {
      const body = record(c);
      if (body === undefined) continue;
      const host = String(body['provider'] ?? '').replace(/^docker\./, '');
      const labels = list(body['labels']);
      const pids = Number(labels.find((l) => l['label'] === LABEL.pidsLimit)?.['value']);
      const slice = body['cgroup_parent'];
      if (typeof slice !== 'string' || !Number.isInteger(pids)) continue;
      const entry: HostSlice = { slice, tasksMax: pids, container: String(body['name'] ?? '') };
      this.slices.set(host, [...(this.slices.get(host) ?? []), entry]);
    }
    void stack;
  }
}

/** Host part of a `tcp://addr:port` engine URL (brackets of an IPv6 address removed). */
export function engineAddress(dockerHost: string): string {
  const m = /^[a-z]+:\/\/(\[[^\]]+\]|[^:/]+)/.exec(dockerHost);
  return (m?.[1] ?? dockerHost).replace(/^\[|\]$/g, '');
}

export function hostConfigs(facts: HostFacts): HostConfig[] {
  const platform = facts.platformHost;
  const platformAddress = platform === undefined ? undefined : engineAddress(facts.engines.get(platform) ?? '');
  const hosts = [...new Set([...facts.engines.keys(), ...facts.slices.keys()])].sort();
  return hosts.map((host) => {
    const address = engineAddress(facts.engines.get(host) ?? '');
    const firewall: FirewallRule[] = [];
    if (platformAddress !== undefined) {
      firewall.push({ chain: 'input', action: 'accept', from: platformAddress, port: ENGINE_TLS_PORT, comment: 'dcops: the console (platform host) reaches the engine' });
    }
    if (host === platform && facts.controlSubnet) {
      firewall.push({ chain: 'input', action: 'accept', from: facts.controlSubnet, port: ENGINE_TLS_PORT, comment: 'dcops: control network to the local engine' });
      for (const other of hosts.filter((h) => h !== host)) {
        firewall.push({ chain: 'forward', action: 'accept', from: facts.controlSubnet, to: engineAddress(facts.engines.get(other) ?? ''), port: ENGINE_TLS_PORT, comment: `dcops: control network to ${other}` });
      }
      firewall.push({ chain: 'forward', action: 'drop', from: facts.controlSubnet, port: 0, comment: 'dcops: the control network reaches nothing else' });
    }
    firewall.push({ chain: 'input', action: 'drop', from: 'any', port: ENGINE_TLS_PORT, comment: 'dcops: nobody else reaches the engine' });
    const slices = [...(facts.slices.get(host) ?? [])].sort((a, b) => (a.slice < b.slice ? -1 : a.slice > b.slice ? 1 : 0));
    return { host, address, firewall, slices };
  });
}

/**
 * The rules as an nftables table (`nft -f`), in the order given. The file first declares, then
 * deletes the table: `nft -f` applies it atomically and loading it again replaces the rules
 * instead of appending a second copy.
 */
export function renderNftables(config: HostConfig): string {
  const lines = ['# Generated by dcops from the synthesized stacks: do not edit.', 'table inet dcops', 'delete table inet dcops', 'table inet dcops {'];
  for (const chain of ['input', 'forward'] as const) {
    const rules = config.firewall.filter((r) => r.chain === chain);
    if (rules.length === 0) continue;
    lines.push(`  chain ${chain} {`, `    type filter hook ${chain} priority -10; policy accept;`);
    for (const r of rules) {
      const from = r.from === 'any' ? '' : `${family(r.from)} saddr ${r.from} `;
      const to = r.to === undefined ? '' : `${family(r.to)} daddr ${r.to} `;
      const port = r.port === 0 ? '' : `tcp dport ${r.port} `;
      lines.push(`    ${from}${to}${port}${r.action} comment "${r.comment}"`);
    }
    lines.push('  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

function family(address: string): 'ip' | 'ip6' {
  return address.includes(':') ? 'ip6' : 'ip';
}

/** One systemd unit per slice (file name → content). */
export function renderSlices(config: HostConfig): Map<string, string> {
  return new Map(
    config.slices.map((s) => [s.slice, `# Generated by dcops for ${s.container}: do not edit.\n[Unit]\nDescription=dcops: process limit of ${s.container}\n\n[Slice]\nTasksMax=${s.tasksMax}\n`]),
  );
}

/** Files of a host's directory, as `synthTenancy` writes them under `hosts/<host>/`. */
export const HOST_FILES = { firewall: 'firewall.nft', slices: 'slices', data: 'host.json', readme: 'README.md' } as const;

/** The host directory's install note: what to copy where, and the commands, for that host. */
export function renderHostReadme(config: HostConfig): string {
  const f = HOST_FILES;
  return [
    `# ${config.host}`,
    '',
    'Generated by dcops from the synthesized stacks: do not edit. Regenerated on every synthesis.',
    '',
    `Engine: ${config.address || '(not reached over TCP)'}; ${config.firewall.length} firewall rules; ${config.slices.length} slices.`,
    '',
    '| File | What it is |',
    '| --- | --- |',
    `| \`${f.firewall}\` | nftables table \`inet dcops\`: the engine's TLS port (${ENGINE_TLS_PORT}) answers the platform host only${config.firewall.some((r) => r.chain === 'forward') ? '; the console\'s control network reaches the engines and nothing else' : ''}. |`,
    `| \`${f.slices}/*.slice\` | One systemd slice per container (its \`cgroup_parent\`), \`TasksMax\` = its process limit (CIS Docker 5.29). |`,
    `| \`${f.data}\` | The same rules and slices, as data. |`,
    '',
    '## Install (as root on this host, from this directory)',
    '',
    'Slices first: a container whose slice is missing runs without its process limit.',
    '',
    '```sh',
    ...(config.slices.length > 0 ? [`install -m 0644 ${f.slices}/*.slice /etc/systemd/system/`] : []),
    'systemctl daemon-reload',
    `nft -c -f ${f.firewall}   # check only`,
    `nft -f ${f.firewall}      # load (replaces the table: safe to run again)`,
    '```',
    '',
    'To keep the rules across reboots (Debian `nftables.service`):',
    '',
    '```sh',
    `install -D -m 0644 ${f.firewall} /etc/nftables.d/dcops.nft`,
    `grep -qx 'include "/etc/nftables.d/dcops.nft"' /etc/nftables.conf || echo 'include "/etc/nftables.d/dcops.nft"' >> /etc/nftables.conf`,
    'systemctl enable nftables',
    '```',
    '',
    'A slice file that disappears from this directory belonged to a container no longer deployed: remove it from `/etc/systemd/system/` once that container is gone, then `systemctl daemon-reload`.',
    '',
  ].join('\n');
}
