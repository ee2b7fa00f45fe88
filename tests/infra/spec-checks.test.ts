import { describe, expect, it } from 'vitest';
import { checkTenancySpec, parseTenancySpec, TenancySpecError } from '../../infra/spec-checks.js';
import { synthTenancyToJson } from '../../infra/synth.js';
import { parseTenancyOptions } from '../../infra/options.js';
import type { TenancySpec } from '../../infra/spec.js';
import { beninSpec, smallSpec } from './fixtures.js';

function edited(f: (s: TenancySpec) => void): TenancySpec {
  const s = structuredClone(smallSpec());
  f(s);
  return s;
}

describe('spec checks', () => {
  it('accepts the fixtures', () => {
    expect(checkTenancySpec(beninSpec())).toEqual([]);
    expect(checkTenancySpec(smallSpec())).toEqual([]);
  });

  it.each([
    ['an unknown platform host', (s: TenancySpec): void => void (s.platform.host = 'nowhere'), /platform.host: unknown host "nowhere"/],
    ['a missing placement', (s: TenancySpec): void => void s.ministries[0]!.environments[0]!.placements.pop(), /replica 1 of "db" has no placement/],
    ['a placement on an unknown host', (s: TenancySpec): void => void (s.ministries[0]!.environments[0]!.placements[0]!.host = 'h-zz'), /unknown host "h-zz"/],
    ['a placement beyond the replica count', (s: TenancySpec): void => void s.ministries[0]!.environments[1]!.placements.push({ service: 'api', replica: 3, host: 'h-a1' }), /replica 3 of "api", which has 1/],
    ['a duplicate environment', (s: TenancySpec): void => void s.ministries[0]!.environments.push(structuredClone(s.ministries[0]!.environments[0]!)), /duplicate environment name/],
    ['an environment filed under another ministry', (s: TenancySpec): void => void (s.ministries[1]!.environments[0]!.ministry = 'MEF'), /environment says ministry "MEF"/],
    ['a duplicate ministry', (s: TenancySpec): void => void s.ministries.push(structuredClone(s.ministries[1]!)), /duplicate code "MS"/],
  ] as const)('refuses %s', (_what, edit, message) => {
    expect(() => parseTenancySpec(edited(edit))).toThrow(message);
    expect(() => synthTenancyToJson(edited(edit))).toThrow(TenancySpecError);
  });

  it('refuses what the schema refuses, naming the field', () => {
    expect(() => parseTenancySpec(edited((s) => void (s.platform.images.console = 'console:latest')))).toThrow(/platform\.images\.console/);
  });

  it('checks site options', () => {
    expect(parseTenancyOptions().ingressBindIp).toBe('127.0.0.1');
    expect(() => parseTenancyOptions({ ingressBindIp: 'everywhere' })).toThrow();
    expect(() => parseTenancyOptions({ grafanaBuildHostPath: '/etc/grafana' })).toThrow(/\/srv\/dcops/);
    expect(() => parseTenancyOptions({ grafanaBuildHostPath: '/srv/dcops/../etc' })).toThrow();
  });
});
