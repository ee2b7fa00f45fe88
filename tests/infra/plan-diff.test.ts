import { describe, expect, it } from 'vitest';
import { applyOrder } from '../../infra/stack-order.js';
import { diffStack, diffTenancy } from '../../infra/plan-diff.js';
import { synthTenancyToJson } from '../../infra/synth.js';
import type { TenancySpec } from '../../infra/spec.js';
import { smallSpec } from './fixtures.js';

const container = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'c',
  image: 'img@sha256:' + 'a'.repeat(64),
  memory: 256,
  healthcheck: { test: ['CMD', 'true'], interval: '30s' },
  labels: [{ label: 'dcops.role', value: 'service' }],
  log_opts: { 'max-size': '10m' },
  '//': { metadata: { path: 'stack/c' } },
  ...extra,
});

const doc = (containers: Record<string, Record<string, unknown>>, volumes: Record<string, Record<string, unknown>> = {}) => ({
  resource: { docker_container: containers, ...(Object.keys(volumes).length > 0 ? { docker_volume: volumes } : {}) },
});

describe('diffStack', () => {
  it('finds additions, changes and removals, addressed type.name and sorted', () => {
    const before = doc({ b: container(), a: container(), gone: container() }, { v: { name: 'v' } });
    const after = doc({ b: container({ memory: 512 }), a: container(), new: container() }, { v: { name: 'v' }, w: { name: 'w' } });
    expect(diffStack('s', before, after)).toEqual({
      stack: 's',
      add: ['docker_container.new', 'docker_volume.w'],
      change: [{ address: 'docker_container.b', paths: ['memory'] }],
      destroy: ['docker_container.gone'],
    });
  });

  it('reports nested blocks in Terraform notation, maps by key and lists whole', () => {
    const before = doc({ c: container() });
    const after = doc({
      c: container({
        healthcheck: { test: ['CMD', 'true'], interval: '10s' },
        labels: [{ label: 'dcops.role', value: 'other' }],
        log_opts: { 'max-size': '20m' },
        user: '10001:10001',
      }),
    });
    expect(diffStack('s', before, after).change).toEqual([
      { address: 'docker_container.c', paths: ['healthcheck.0.interval', 'labels', 'log_opts.max-size', 'user'] },
    ]);
  });

  it('ignores cdktf metadata and key order', () => {
    const before = doc({ c: container() });
    const reordered = Object.fromEntries(Object.entries(container({ '//': { metadata: { path: 'elsewhere/c' } } })).reverse());
    expect(diffStack('s', before, doc({ c: reordered })).change).toEqual([]);
  });

  it('treats a missing side as an empty stack', () => {
    const d = doc({ c: container() });
    expect(diffStack('s', undefined, d).add).toEqual(['docker_container.c']);
    expect(diffStack('s', d, undefined).destroy).toEqual(['docker_container.c']);
    expect(diffStack('s', { terraform: {} }, { terraform: {} })).toEqual({ stack: 's', add: [], change: [], destroy: [] });
  });

  it('rejects something that is not a Terraform document', () => {
    expect(() => diffStack('s', { resource: 'nope' }, undefined)).toThrow(/not a Terraform JSON document/);
  });
});

describe('diffTenancy on synthesized stacks', () => {
  const base = smallSpec();
  const before = synthTenancyToJson(base);

  function edit(f: (s: TenancySpec) => void): TenancySpec {
    const copy = structuredClone(base);
    f(copy);
    return copy;
  }

  it('reports nothing for the same spec', () => {
    expect(diffTenancy(before, synthTenancyToJson(base))).toEqual({ stacks: [], summary: { add: 0, change: 0, destroy: 0, stacksChanged: 0 } });
  });

  it('reports a memory change as memory and memory_swap of each replica', () => {
    const after = synthTenancyToJson(edit((s) => void (s.ministries[0]!.environments[0]!.services.find((x) => x.name === 'web')!.memoryMb = 512)));
    const d = diffTenancy(before, after);
    expect(d.summary).toEqual({ add: 0, change: 2, destroy: 0, stacksChanged: 1 });
    expect(d.stacks[0]!.change).toEqual([
      { address: 'docker_container.svc--impots--web--r0', paths: ['memory', 'memory_swap'] },
      { address: 'docker_container.svc--impots--web--r1', paths: ['memory', 'memory_swap'] },
    ]);
  });

  it('reports a healthcheck interval change with its block path', () => {
    const after = synthTenancyToJson(edit((s) => void (s.ministries[1]!.environments[0]!.services[0]!.healthcheck.intervalSeconds = 60)));
    expect(diffTenancy(before, after).stacks).toEqual([
      { stack: 'ministry-ms', add: [], change: [{ address: 'docker_container.svc--dhis2--web--r0', paths: ['healthcheck.0.interval'] }], destroy: [] },
    ]);
  });

  it('reports a backup policy change on containers and volumes as label changes', () => {
    const after = synthTenancyToJson(edit((s) => void (s.ministries[1]!.environments[0]!.backup = { policy: 'hourly', retentionDays: 30 })));
    const d = diffTenancy(before, after);
    expect(d.stacks[0]!.change.map((c) => `${c.address} ${c.paths.join(',')}`)).toEqual([
      'docker_container.svc--dhis2--db--r0 labels',
      'docker_container.svc--dhis2--web--r0 labels',
      'docker_volume.vol--dhis2--db--r0 labels',
    ]);
  });

  it('reports a removed environment as destroyed resources, and the edge network it no longer needs', () => {
    const after = synthTenancyToJson(edit((s) => void (s.ministries[1]!.environments = [])));
    const d = diffTenancy(before, after);
    expect(d.stacks.map((s) => s.stack)).toEqual(['ministry-ms', 'platform']);
    expect(d.stacks[0]!.destroy).toEqual([
      'docker_container.svc--dhis2--db--r0',
      'docker_container.svc--dhis2--web--r0',
      'docker_network.net-internal',
      'docker_volume.vol--dhis2--db--r0',
    ]);
    expect(d.stacks[1]!.destroy).toEqual(['docker_network.net-edge--ms--dhis2']);
    expect(d.stacks[1]!.change).toEqual([{ address: 'docker_container.ingress', paths: ['networks_advanced'] }]);
    expect(d.summary).toEqual({ add: 0, change: 1, destroy: 5, stacksChanged: 2 });
    // The ministry leaves the edge network before the platform stack removes it.
    expect(applyOrder(d.stacks.map((s) => ({ ...s, changed: true }))).map((step) => step.stack)).toEqual(['ministry-ms', 'platform']);
  });

  it('applies the platform stack first when an exposed environment is added, and splits it when it also removes one', () => {
    const added = diffTenancy(
      before,
      synthTenancyToJson(
        edit((s) => {
          const env = s.ministries[1]!.environments[0]!;
          s.ministries[1]!.environments.push({ ...structuredClone(env), name: 'dhis2-bis', requestId: 'HR-9', services: env.services.map((x) => (x.expose ? { ...x, expose: { ...x.expose, hostname: 'dhis2-bis' } } : x)) });
        }),
      ),
    );
    expect(applyOrder(added.stacks.map((s) => ({ ...s, changed: true })))).toEqual([
      { stack: 'platform', reason: 'platform-creates-first' },
      { stack: 'ministry-ms', reason: 'ministry' },
    ]);
    const swapped = applyOrder([
      { stack: 'platform', add: ['docker_network.net-edge--ms--b'], destroy: ['docker_network.net-edge--ms--a'], changed: true },
      { stack: 'ministry-ms', add: [], destroy: [], changed: true },
    ]);
    expect(swapped).toEqual([
      { stack: 'platform', targets: ['docker_network.net-edge--ms--b'], reason: 'platform-creates-first' },
      { stack: 'ministry-ms', reason: 'ministry' },
      { stack: 'platform', reason: 'platform-destroys-last' },
    ]);
  });
});

describe('attribute changes, before → after', () => {
  it('gives the values of changed attributes from the documents, masking sensitive names', async () => {
    const { diffStackAttributes, MASKED } = await import('../../infra/plan-diff.js');
    const before = doc({ c: container({ env: ['DB_PASSWORD=ancien'], memory: 256 }) });
    const after = doc({ c: container({ env: ['DB_PASSWORD=nouveau'], memory: 512, healthcheck: { test: ['CMD', 'true'], interval: '10s' } }) });
    expect(diffStackAttributes(before, after)).toEqual([
      {
        address: 'docker_container.c',
        attributes: [
          { path: 'env', before: MASKED, after: MASKED, sensitive: true },
          { path: 'healthcheck.0.interval', before: '"30s"', after: '"10s"', sensitive: false },
          { path: 'memory', before: '256', after: '512', sensitive: false },
        ],
      },
    ]);
    expect(JSON.stringify(diffStackAttributes(before, after))).not.toContain('nouveau');
  });

  it('reads terraform’s plan JSON with its sensitivity marks and unknown values', async () => {
    const { planJsonAttributes, MASKED, UNKNOWN } = await import('../../infra/plan-diff.js');
    const plan = {
      resource_changes: [
        {
          address: 'docker_container.web',
          change: {
            actions: ['update'],
            before: { memory: 256, labels: [{ label: 'a', value: '1' }], secret_value: 's1', id: 'x' },
            after: { memory: 512, labels: [{ label: 'a', value: '1' }], secret_value: 's2', id: null },
            after_unknown: { id: true },
            before_sensitive: { secret_value: true },
            after_sensitive: { secret_value: true },
          },
        },
        { address: 'docker_volume.v', change: { actions: ['no-op'], before: { name: 'v' }, after: { name: 'v' } } },
      ],
    };
    expect(planJsonAttributes(plan)).toEqual([
      {
        address: 'docker_container.web',
        attributes: [
          { path: 'id', before: '"x"', after: UNKNOWN, sensitive: false },
          { path: 'memory', before: '256', after: '512', sensitive: false },
          { path: 'secret_value', before: MASKED, after: MASKED, sensitive: true },
        ],
      },
    ]);
  });
});
