import { describe, expect, it } from 'vitest';
import { Testing } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider/index.js';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import { cdktfTokenRegistries, isolatedSynthesis } from '../../infra/synth-isolation.js';
import { synthTenancyToJson } from '../../infra/synth.js';
import { smallSpec } from './fixtures.js';

describe('isolatedSynthesis', () => {
  it('finds the two cdktf token registries it cleans (fails if a cdktf upgrade moves them)', () => {
    synthTenancyToJson(smallSpec());
    expect(cdktfTokenRegistries()).toHaveLength(2);
  });

  it('leaves no token behind, so repeated syntheses do not keep their construct trees alive', () => {
    synthTenancyToJson(smallSpec());
    const before = cdktfTokenRegistries().map((m) => m.size);
    for (let i = 0; i < 3; i++) synthTenancyToJson(smallSpec());
    expect(cdktfTokenRegistries().map((m) => m.size)).toEqual(before);
  });

  it('restores source maps and stack formatting, also after a throw', () => {
    const sourceMaps = process.sourceMapsEnabled;
    const prepare = Error.prepareStackTrace;
    expect(() =>
      isolatedSynthesis(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(process.sourceMapsEnabled).toBe(sourceMaps);
    expect(Error.prepareStackTrace).toBe(prepare);
  });

  it('keeps stacks on real errors and drops them on cdktf creation captures', () => {
    const [errorStack, captured] = isolatedSynthesis(() => {
      const holder = { stack: '' };
      Error.captureStackTrace(holder);
      return [new Error('real').stack ?? '', holder.stack];
    });
    expect(errorStack).toMatch(/^Error: real\n\s+at /);
    expect(captured).toBe('');
  });

  it('leaves cdktf usable for other syntheses in the same process', () => {
    synthTenancyToJson(smallSpec());
    const json = Testing.synthScope((scope) => {
      const p = new DockerProvider(scope, 'p', { alias: 'h', host: 'unix:///x' });
      const n = new Network(scope, 'n', { provider: p, name: 'n' });
      new Network(scope, 'm', { provider: p, name: `${n.name}-copy` });
    });
    expect(json).toContain('${docker_network.n.name}-copy');
    expect(synthTenancyToJson(smallSpec()).size).toBe(3);
  });

  it('gives the same documents as repeated runs', () => {
    expect(JSON.stringify([...synthTenancyToJson(smallSpec())])).toBe(JSON.stringify([...synthTenancyToJson(smallSpec())]));
  });
});
