/**
 * Terraform addresses are a contract: a renamed construct ID makes Terraform destroy a running
 * container and create another. This test pins every address of a small tenancy; if it fails,
 * the change renames real resources and needs a `moved` plan, not a snapshot update.
 */
import { describe, expect, it } from 'vitest';
import { synthTenancyToJson } from '../../infra/synth.js';
import { diffTenancy } from '../../infra/plan-diff.js';
import { smallSpec, pinned } from './fixtures.js';
import { placeReplicas } from '../../infra/placement.js';
import { addresses, providerAliases } from './tf-json.js';
import type { TenancySpec } from '../../infra/spec.js';

describe('pinned resource addresses', () => {
  const stacks = synthTenancyToJson(smallSpec());

  it('names the stacks', () => {
    expect([...stacks.keys()]).toEqual(['platform', 'ministry-mef', 'ministry-ms']);
  });

  it('pins the platform stack', () => {
    expect(addresses(stacks.get('platform'))).toEqual([
      'docker_container.console',
      'docker_container.grafana',
      'docker_container.ingress',
      'docker_container.prometheus',
      'docker_network.net-control',
      'docker_network.net-dmz',
      'docker_network.net-edge--mef--impots',
      'docker_network.net-edge--ms--dhis2',
      'docker_network.net-management',
      'docker_network.net-platform-edge',
      'docker_volume.vol-console-data',
      'docker_volume.vol-grafana-data',
      'docker_volume.vol-prometheus-data',
    ]);
    expect(providerAliases(stacks.get('platform'))).toEqual(['h-a1']);
  });

  it('pins the ministry stacks', () => {
    expect(addresses(stacks.get('ministry-mef'))).toEqual([
      'docker_container.svc--impots--db--r0',
      'docker_container.svc--impots--db--r1',
      'docker_container.svc--impots--web--r0',
      'docker_container.svc--impots--web--r1',
      'docker_container.svc--paie--api--r0',
      'docker_network.net-internal',
      'docker_network.net-secret',
      'docker_volume.vol--impots--db--r0',
      'docker_volume.vol--impots--db--r1',
    ]);
    expect(providerAliases(stacks.get('ministry-mef'))).toEqual(['h-a1', 'h-a2', 'h-b1', 'h-b2']);
    expect(addresses(stacks.get('ministry-ms'))).toEqual([
      'docker_container.svc--dhis2--db--r0',
      'docker_container.svc--dhis2--web--r0',
      'docker_network.net-internal',
      'docker_volume.vol--dhis2--db--r0',
    ]);
    expect(providerAliases(stacks.get('ministry-ms'))).toEqual(['h-a1', 'h-b1']);
  });

  it('never renames or changes existing resources when an environment is added in front of the others', () => {
    const before = smallSpec();
    const mef = before.ministries[0]!;
    const services = [{ ...mef.environments[1]!.services[0]!, name: 'aaa-api' }];
    const placed = placeReplicas({ hosts: before.site.hosts, used: new Map(), services, availability: 'standard' });
    if (!placed.ok) throw new Error(placed.reason);
    const after: TenancySpec = {
      ...before,
      ministries: [
        {
          ...mef,
          environments: [
            { ...mef.environments[1]!, requestId: 'HR-NEW', name: 'aaa-first', services, placements: placed.placements },
            ...mef.environments,
          ],
        },
        ...before.ministries.slice(1),
      ],
    };
    const diff = diffTenancy(stacks, synthTenancyToJson(after));
    expect(diff.summary).toEqual({ add: 1, change: 0, destroy: 0, stacksChanged: 1 });
    expect(diff.stacks[0]!.add).toEqual(['docker_container.svc--aaa-first--aaa-api--r0']);
  });

  it('carries images pinned by digest', () => {
    const body = JSON.stringify(stacks.get('ministry-ms'));
    expect(body).toContain(pinned('postgres:16.4'));
  });
});
