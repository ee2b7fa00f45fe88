import { describe, expect, it } from 'vitest';

import type { Rule } from '../../../compliance/rules/core/model.js';
import { evaluateAt, type Fixture } from './fixtures.js';

/** One describe block per rule, one test per numbered fixture; every rule needs both kinds. */
export function ruleCases(rule: Rule, fixtures: readonly Fixture[]): void {
  describe(rule.id, () => {
    it('has at least one compliant and one non-compliant fixture, with unique ids', () => {
      expect(fixtures.some((f) => f.expect === 'compliant')).toBe(true);
      expect(fixtures.some((f) => f.expect === 'non_compliant')).toBe(true);
      expect(new Set(fixtures.map((f) => f.id)).size).toBe(fixtures.length);
    });
    for (const fixture of fixtures) {
      it(`${fixture.id}: ${fixture.note} → ${fixture.expect}`, () => {
        const outcome = evaluateAt(rule, fixture.world, fixture.address);
        expect(outcome.status, outcome.message).toBe(fixture.expect);
        expect(outcome.message.length).toBeGreaterThan(5);
      });
    }
  });
}
