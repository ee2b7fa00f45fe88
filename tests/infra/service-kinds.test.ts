/**
 * Every synthesized service container meets its kind's template requirements, read from the
 * data next to each template (`infra/service-kinds/`), on the Benin-like fixture and on the
 * demo kinds alike.
 */
import { describe, expect, it } from 'vitest';
import { synthTenancyToJson } from '../../infra/synth.js';
import { serviceKindTemplates, type ContainerExpectation } from '../../infra/service-kinds/index.js';
import { serviceKindSchema, type ServiceSpec } from '../../infra/spec.js';
import { beninSpec } from './fixtures.js';
import { labelsOf, resourcesOf, type Body } from './tf-json.js';

interface Mount {
  type: string;
  target: string;
  source?: string;
  read_only?: boolean;
}

function env(body: Body): Map<string, string> {
  return new Map(((body['env'] ?? []) as string[]).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

/** Why the container misses the expectation, or null when it meets it. */
function miss(body: Body, expect: ContainerExpectation, service: ServiceSpec): string | null {
  const mounts = (body['mounts'] ?? []) as Mount[];
  const hc = body['healthcheck'] as { test: string[] } | undefined;
  switch (expect.type) {
    case 'env':
      return env(body).get(expect.name) === expect.value ? null : `${expect.name} ≠ ${expect.value}`;
    case 'env-inside-volume': {
      const value = env(body).get(expect.name);
      const volume = mounts.find((m) => m.type === 'volume');
      return value !== undefined && volume !== undefined && value.startsWith(`${volume.target}/`) ? null : `${expect.name}=${value ?? '∅'} outside the volume`;
    }
    case 'volume-at':
      return service.storageGb === 0 || mounts.some((m) => m.type === 'volume' && m.target === expect.target) ? null : `no volume at ${expect.target}`;
    case 'tmpfs-at':
      return mounts.some((m) => m.type === 'tmpfs' && m.target === expect.target) ? null : `no tmpfs at ${expect.target}`;
    case 'read-only-bind-at':
      return mounts.some((m) => m.type === 'bind' && m.target === expect.target && m.read_only === true) ? null : `no read-only bind at ${expect.target}`;
    case 'healthcheck-command':
      return hc?.test[0] === 'CMD' && hc.test[1] === expect.command ? null : `healthcheck ${hc?.test.join(' ')}`;
    case 'healthcheck-as-declared':
      return JSON.stringify(hc?.test) === JSON.stringify(service.healthcheck.test) ? null : 'healthcheck differs from the declared one';
    case 'shm-size-at-least':
      return Number(body['shm_size']) >= expect.mb ? null : `shm_size ${String(body['shm_size'])}`;
    case 'user':
      return body['user'] === expect.value ? null : `user ${String(body['user'])}`;
  }
}

describe('service kind templates', () => {
  it('has a template for every kind, each requirement citing the image documentation', () => {
    for (const kind of serviceKindSchema.options) {
      const t = serviceKindTemplates[kind];
      expect(t.kind).toBe(kind);
      expect(t.requirements.length, kind).toBeGreaterThan(0);
      for (const r of t.requirements) expect(r.source, `${kind}/${r.id}`).toMatch(/^https:\/\//);
      expect(new Set(t.requirements.map((r) => r.id)).size).toBe(t.requirements.length);
    }
    expect(serviceKindTemplates.postgresql.stateful && serviceKindTemplates.redis.stateful).toBe(true);
  });

  it('holds every synthesized service container to its template', () => {
    const spec = beninSpec();
    const stacks = synthTenancyToJson(spec);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const m of spec.ministries) {
      const containers = resourcesOf(stacks.get(`ministry-${m.code.toLowerCase()}`), 'docker_container');
      for (const e of m.environments) {
        for (const p of e.placements) {
          const service = e.services.find((s) => s.name === p.service)!;
          const body = containers[`svc--${e.name}--${p.service}--r${p.replica}`]!;
          expect(labelsOf(body)['dcops.kind']).toBe(service.kind);
          seen.add(service.kind);
          for (const r of serviceKindTemplates[service.kind].requirements) {
            const why = miss(body, r.expect, service);
            if (why !== null) problems.push(`${m.code}/${e.name}/${p.service}#${p.replica} ${r.id}: ${why}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...seen].sort()).toEqual(['api', 'postgresql', 'redis', 'web', 'worker']);
  });

  it('gives PostgreSQL its data directory, socket, shared memory and password file under the hardened baseline', () => {
    const spec = beninSpec();
    const mef = resourcesOf(synthTenancyToJson(spec).get('ministry-mef'), 'docker_container');
    const db = mef['svc--impots-en-ligne--db--r0']!;
    expect(db).toMatchObject({ read_only: true, user: '999:999', shm_size: 256, capabilities: { drop: ['ALL'] } });
    expect(env(db).get('PGDATA')).toBe('/var/lib/postgresql/data/pgdata');
    expect((db['healthcheck'] as { test: string[] }).test).toEqual(['CMD', 'pg_isready', '-q', '-h', '/var/run/postgresql']);
    expect(db['mounts']).toContainEqual({ type: 'bind', source: '/srv/dcops/secrets/mef/impots-en-ligne/db/postgres-password', target: '/run/secrets/postgres-password', read_only: true });
  });
});
