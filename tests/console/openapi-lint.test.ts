/**
 * The OpenAPI document lints clean — no error and no warning — with the recommended rules of
 * Redocly and of Spectral, the two linters API clients' tooling most often runs.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import spectralCore, { type RulesetDefinition } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../console/api/openapi.js';
import { VERSION } from '../../console/version.js';

const source = JSON.stringify(openApiDocument(VERSION), null, 2);

describe('OpenAPI document lint', () => {
  it("passes Redocly's recommended rules", { timeout: 60_000 }, async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`)).toEqual([]);
  });

  it("passes Spectral's recommended OpenAPI rules", { timeout: 60_000 }, async () => {
    const spectral = new spectralCore.Spectral();
    // The package's declaration of `oas` omits `extends`, which the ruleset does not need.
    spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
    const problems = await spectral.run(source);
    expect(problems.map((p) => `${p.code}: ${p.message} at ${p.path.join('.')}`)).toEqual([]);
  });
});
