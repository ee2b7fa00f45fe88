/**
 * Automatic evidence from policy runs does not flood: the same result re-checks the current
 * version, a changed result adds exactly one version to each item whose result changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerraformJson } from '../../../compliance/index.js';
import { recordPolicyRun } from '../../../console/services/policy/record-run.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { goodWorld, resourceBlock, worldWith } from '../../compliance/rules/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

function run(world: Record<string, unknown>) {
  const stacks = new Map(Object.entries(world) as [string, TerraformJson][]);
  return recordPolicyRun({
    ctx: { db: h.db, clock: h.clock, actor: h.callers.operator!.actor },
    input: { trigger: 'check', stacks, stackHashes: {}, specSha256: 'a'.repeat(64), exceptions: [] },
    dataDir: h.dir,
  });
}

function items() {
  return h.db.$client
    .prepare(
      "SELECT e.source_key AS key, count(v.id) AS versions, max(v.check_count) AS checks FROM evidence e JOIN evidence_versions v ON v.evidence_id = e.id WHERE e.source = 'policy-run' GROUP BY e.id ORDER BY e.source_key",
    )
    .all() as { key: string; versions: number; checks: number }[];
}

describe('policy evidence', () => {
  it('adds no version for two runs with the same result, and exactly one per affected item when it changes', () => {
    run(goodWorld());
    const first = items();
    expect(first.length).toBeGreaterThan(20);
    h.clock.advance(86_400_000);
    run(goodWorld());
    expect(items()).toEqual(first.map((i) => ({ ...i, checks: 1 })));
    const files = h.db.$client.prepare('SELECT count(DISTINCT file_sha256) AS n FROM evidence_versions').get() as { n: number };
    expect(files.n).toBe(1);

    // One container loses its memory limit: only the controls of the rules that see it change.
    h.clock.advance(86_400_000);
    const outcome = run(
      worldWith((w) => {
        delete resourceBlock(w, 'ministry-mef', 'docker_container', 'portal_web_0')['memory'];
      }),
    );
    const failing = outcome.report.rules.filter((r) => r.counts.non_compliant > 0).map((r) => r.ruleId);
    expect(failing.length).toBeGreaterThan(0);
    const after = items();
    const changed = after.filter((i) => i.versions === 2).map((i) => i.key);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(after.length);
    expect(after.every((i) => i.versions <= 2)).toBe(true);
    // Unchanged items were re-checked once more, on the same version.
    expect(after.filter((i) => i.versions === 1).every((i) => i.checks === 2)).toBe(true);

    // The same broken world again: nothing more.
    h.clock.advance(86_400_000);
    run(
      worldWith((w) => {
        delete resourceBlock(w, 'ministry-mef', 'docker_container', 'portal_web_0')['memory'];
      }),
    );
    expect(items().map((i) => i.versions)).toEqual(after.map((i) => i.versions));
  });
});
