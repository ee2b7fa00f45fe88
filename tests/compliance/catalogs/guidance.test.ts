import { describe, expect, it } from 'vitest';
import { listControls, pssieEvidenceGuidanceFr } from '../../../compliance/index.js';

describe('guidance texts', () => {
  it('say what evidence satisfies every ISO/IEC 27001 Annex A control and every PSSIE rule', () => {
    for (const c of listControls('iso27001-2022')) expect(c.guidanceFr, c.id).toMatch(/\S{3,}/);
    const rules = listControls('pssie-bj-2021').map((c) => c.id);
    expect(Object.keys(pssieEvidenceGuidanceFr).sort()).toEqual([...rules].sort());
    for (const id of rules) expect(pssieEvidenceGuidanceFr[id]!.length, id).toBeGreaterThan(40);
  });
});
