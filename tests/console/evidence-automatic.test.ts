import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeTransaction } from '../../console/context.js';
import { InvalidInput } from '../../console/errors.js';
import { EvidenceStore } from '../../console/evidence/store.js';
import { collectEvidence } from '../../console/services/evidence/collect.js';
import { recordAutomaticEvidence } from '../../console/services/evidence/record-automatic.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { storedPath } from './evidence/helpers.js';

let h: Harness;
let store: EvidenceStore;
beforeEach(async () => {
  h = await makeHarness();
  store = new EvidenceStore(h.dir);
});
afterEach(() => h.close());

const sys = () => ({ db: h.db, clock: h.clock, actor: { userId: null, email: 'system', role: 'system' as const, ministryId: null, via: 'system' as const } });

function file(key: string, content: string, controls = [{ frameworkId: 'iso27001-2022', controlId: 'A.8.9' }]) {
  const at = h.clock.now().toISOString();
  return writeTransaction(sys(), (tx, audit) =>
    recordAutomaticEvidence(tx, audit, store, {
      source: 'policy-run',
      key,
      normalized: { content },
      producedBy: `policy-run:test-${at}`,
      title: { key: 'auto.title.policy', params: { control: 'A.8.9' } },
      description: 'Rapport de la règle',
      controls,
      content,
      fileName: 'rapport.json',
      contentType: 'application/json',
      effectiveAt: at,
      expiresAt: null,
      metadata: { specSha256: 'a'.repeat(64) },
      at,
    }),
  );
}

describe('automatic evidence', () => {
  it('keeps one item per (source, key) and adds a version per filing, growing the control links', async () => {
    const first = file('pack:tenancy', '{"run":1}');
    h.clock.advance(1000);
    const second = file('pack:tenancy', '{"run":2}', [{ frameworkId: 'iso27001-2022', controlId: 'A.8.9' }, { frameworkId: 'pssie-bj-2021', controlId: 'EXP-04' }, { frameworkId: 'pssie-bj-2021', controlId: 'EXP-04' }]);
    const other = file('pack:site', '{"run":1}');
    expect(second.evidenceId).toBe(first.evidenceId);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(other.evidenceId).not.toBe(first.evidenceId);
    expect(readFileSync(storedPath(h, second.sha256), 'utf8')).toBe('{"run":2}');

    const item = await h.call('auditor', 'GET', `/api/v1/evidence/${first.evidenceId}`);
    expect(item.body).toMatchObject({ kind: 'automatic', source: 'policy-run', sourceKey: 'pack:tenancy', ministry: null });
    expect(item.body.controls).toEqual([
      { frameworkId: 'iso27001-2022', controlId: 'A.8.9' },
      { frameworkId: 'pssie-bj-2021', controlId: 'EXP-04' },
    ]);
    expect(item.body.versions[0]).toMatchObject({ version: 2, uploadedBy: 'system', reviewStatus: 'pending', file: { name: 'rapport.json', contentType: 'application/json' }, metadata: { specSha256: 'a'.repeat(64) } });
    const got = await h.app.request(`/api/v1/evidence/${first.evidenceId}/versions/2/download`, { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    expect(await got.text()).toBe('{"run":2}');
    const audit = await h.call('auditor', 'GET', `/api/v1/audit?entity=evidence&entityId=${first.evidenceId}`);
    expect(audit.body.items.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual(['evidence.automatic.file system', 'evidence.automatic.file system']);
    // Auditors review automatic versions like any other.
    expect((await h.call('auditor', 'POST', `/api/v1/evidence/${first.evidenceId}/versions/2/accept`)).status).toBe(200);
  });

  it('adds no version for the same result: the current version records the re-check and its review stands', async () => {
    const first = file('pack:same', '{"result":"ok"}');
    expect((await h.call('auditor', 'POST', `/api/v1/evidence/${first.evidenceId}/versions/1/accept`)).status).toBe(200);
    h.clock.advance(86_400_000);
    const again = file('pack:same', '{"result":"ok"}');
    h.clock.advance(86_400_000);
    const third = file('pack:same', '{"result":"ok"}');
    expect([again.rechecked, third.rechecked]).toEqual([true, true]);
    expect([again.version, third.version]).toEqual([1, 1]);
    const item = await h.call('auditor', 'GET', `/api/v1/evidence/${first.evidenceId}`);
    expect(item.body.versions).toHaveLength(1);
    expect(item.body.versions[0]).toMatchObject({ reviewStatus: 'accepted', checkCount: 2, lastCheckedAt: h.clock.now().toISOString(), producedBy: expect.stringMatching(/^policy-run:test-/) });
    expect(item.body.versions[0].lastCheckedBy).toBe(`policy-run:test-${h.clock.now().toISOString()}`);
    // A changed result is a new version, awaiting review; the accepted one still counts meanwhile.
    const changed = file('pack:same', '{"result":"ko"}');
    expect(changed).toMatchObject({ version: 2, rechecked: false });
    const after = await h.call('auditor', 'GET', `/api/v1/evidence/${first.evidenceId}`);
    expect(after.body.versions.map((v: { version: number; reviewStatus: string }) => `${v.version}:${v.reviewStatus}`)).toEqual(['2:pending', '1:accepted']);
  });

  it('refuses unknown controls and rolls the whole transaction back', () => {
    const before = h.snapshot();
    expect(() => file('k', 'x', [{ frameworkId: 'iso27001-2022', controlId: 'A.0.0' }])).toThrow(InvalidInput);
    let caught: unknown;
    try {
      file('k', 'x', [{ frameworkId: 'iso27001-2022', controlId: 'A.8.9' }, { frameworkId: 'iso27001-2022', controlId: 'A.0.0' }]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidInput);
    expect((caught as InvalidInput).errors[0]!.field).toBe('controls.1.controlId');
    expect(h.snapshot()).toEqual(before);
  });
});

describe('evidence from the console’s own records', () => {
  async function report(id: string, version: number) {
    const res = await h.app.request(`/api/v1/evidence/${id}/versions/${version}/download`, { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    expect(res.status).toBe(200);
    return JSON.parse(await res.text()) as Record<string, unknown> & { summary: string };
  }

  it('files each source on its controls, one item per source, a new version only when what the records say changed', async () => {
    await h.requestIn('mef', 'sigfip', ['submit', 'approve']);
    h.db.$client.prepare("UPDATE users SET disabled = 1 WHERE email = 'dsi2@mef.bj'").run();
    const filed = collectEvidence({ ctx: sys(), store });
    expect(filed.map((f) => [f.source, f.controls])).toEqual([
      ['access-review', ['iso27001-2022:A.5.18', 'iso27001-2022:A.5.15', 'iso27001-2022:A.8.2', 'pssie-bj-2021:CAL-06', 'pssie-bj-2021:CAL-07']],
      ['change-management', ['iso27001-2022:A.8.32']],
      ['logging', ['iso27001-2022:A.8.15', 'pssie-bj-2021:EXP-09']],
      ['capacity', ['iso27001-2022:A.8.6', 'pssie-bj-2021:EXP-05']],
      ['network-segregation', ['iso27001-2022:A.8.22', 'pssie-bj-2021:RESX-02']],
      ['backups', ['iso27001-2022:A.8.13', 'pssie-bj-2021:EXP-08']],
    ]);
    const bySource = Object.fromEntries(filed.map((f) => [f.source, f]));

    const access = await report(bySource['access-review']!.evidenceId, 1);
    expect(access.totals).toMatchObject({ accounts: 7, disabled: 1, tokens: { active: 7, expired: 0, revoked: 0 } });
    expect(access.anomalies).toEqual([{ kind: 'active-token-on-disabled-account', account: 'dsi2@mef.bj', detail: '1 jeton(s) actif(s)' }]);
    expect(JSON.stringify(access)).not.toMatch(/token_hash|tokenHash|password/i);

    const logging = await report(bySource.logging!.evidenceId, 1);
    expect(logging.verification).toMatchObject({ ok: true, firstBroken: null });
    expect(logging.summary).toMatch(/intègre/);

    const capacity = await report(bySource.capacity!.evidenceId, 1);
    expect((capacity.hosts as unknown[]).length).toBe(4);
    expect(capacity.site).toMatchObject({ capacity: { vcpu: 64 }, used: { vcpu: 1 } });
    expect(capacity.ministries).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'MEF', allocated: expect.objectContaining({ vcpu: 1, environments: 1 }) })]));

    const network = await report(bySource['network-segregation']!.evidenceId, 1);
    expect(network.policyRun).toBeNull();
    expect(network.summary).toMatch(/Aucune analyse de conformité/);

    const backups = await report(bySource.backups!.evidenceId, 1);
    expect(backups.executions).toMatchObject({ register: 'backups', latest: null });
    expect(backups.declaredPolicies).toMatchObject({ totals: { daily: 1 } });
    expect(backups.summary).toMatch(/aucune exécution/);

    const change = await report(bySource['change-management']!.evidenceId, 1);
    expect(change.runs).toEqual([]);

    h.clock.advance(3_600_000);
    const again = collectEvidence({ ctx: sys(), store, input: { sources: ['logging'] } });
    expect(again).toHaveLength(1);
    // The chain grew (the first collection wrote audit entries) but is still intact: re-checked,
    // not a new version to review. The same for every source whose records did not change.
    expect(again[0]).toMatchObject({ evidenceId: bySource.logging!.evidenceId, version: 1, rechecked: true });
    h.clock.advance(86_400_000);
    const nextDay = collectEvidence({ ctx: sys(), store });
    expect(nextDay.filter((f) => f.source !== 'access-review').map((f) => [f.source, f.version, f.rechecked])).toEqual([
      ['change-management', 1, true],
      ['logging', 1, true],
      ['capacity', 1, true],
      ['network-segregation', 1, true],
      ['backups', 1, true],
    ]);
    const listed = await h.call('auditor', 'GET', '/api/v1/evidence?kind=automatic');
    expect(listed.body.total).toBe(6);
    const validity = await h.call('auditor', 'GET', `/api/v1/evidence/${bySource['access-review']!.evidenceId}`);
    // A re-check keeps the evidence in force for the source's validity from the re-check.
    expect(Date.parse(validity.body.latestVersion.expiresAt) - Date.parse(validity.body.latestVersion.lastCheckedAt ?? validity.body.latestVersion.effectiveAt)).toBe(92 * 86_400_000);
  });

  it('reads apply runs, the latest policy run’s isolation results, and collects only for operators', async () => {
    const at = h.clock.now().toISOString();
    const op = h.callers.operator!.actor;
    const insertRun = h.db.$client.prepare(
      "INSERT INTO apply_runs (id, stack, status, operator_id, operator, spec_sha256, stack_sha256, stacks, plan, created_at, finished_at, failure_reason) VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)",
    );
    insertRun.run('run-1', 'ministere-mef', 'applied', op.userId, op.email, 'b'.repeat(64), 'c'.repeat(64), JSON.stringify({ add: ['docker_container.a', 'docker_network.n'], change: [], destroy: [] }), at, at, null);
    insertRun.run('run-2', 'ministere-mef', 'failed', op.userId, op.email, 'b'.repeat(64), 'd'.repeat(64), JSON.stringify({ add: [], change: [{ address: 'docker_container.a', paths: ['memory'] }], destroy: [] }), at, at, 'exit 1');
    h.db.$client
      .prepare("INSERT INTO policy_runs (id, at, actor, \"trigger\", spec_sha256, report_sha256, resource_count, totals, blocking, stacks) VALUES ('pr-old', ?, 'op1@test.bj', 'check', ?, ?, 3, '{}', 0, '{}')")
      .run('2026-11-01T00:00:00.000Z', 'b'.repeat(64), 'e'.repeat(64));
    h.db.$client
      .prepare("INSERT INTO policy_runs (id, at, actor, \"trigger\", spec_sha256, report_sha256, resource_count, totals, blocking, stacks) VALUES ('pr-new', ?, 'op1@test.bj', 'check', ?, ?, 3, '{}', 1, '{}')")
      .run(at, 'b'.repeat(64), 'f'.repeat(64));
    const result = h.db.$client.prepare('INSERT INTO policy_results (run_id, rule_id, severity, address, status, message) VALUES (?, ?, ?, ?, ?, ?)');
    result.run('pr-new', 'network-tenant-internal', 'critical', 'docker_network.mef', 'non_compliant', 'pas interne');
    result.run('pr-new', 'container-no-host-network', 'critical', 'docker_container.a', 'compliant', 'ok');
    result.run('pr-new', 'container-image-pinned', 'high', 'docker_container.a', 'compliant', 'ok');
    result.run('pr-new', 'volume-backup-policy', 'high', 'docker_volume.data', 'non_compliant', 'pas de politique');
    result.run('pr-old', 'network-tenant-internal', 'critical', 'docker_network.mef', 'compliant', 'ok');

    const before = h.snapshot();
    for (const who of ['auditor', 'admin', 'mef']) {
      expect(() => collectEvidence({ ctx: { db: h.db, clock: h.clock, actor: h.callers[who]!.actor }, store })).toThrow(/role operator/);
    }
    expect(h.snapshot()).toEqual(before);

    const filed = collectEvidence({ ctx: { db: h.db, clock: h.clock, actor: h.callers.operator!.actor }, store, input: { sources: ['change-management', 'network-segregation', 'backups'] } });
    const [change, network, backups] = await Promise.all(filed.map((f) => report(f.evidenceId, 1)));
    expect(change!.totals).toMatchObject({ runs: 2, byStatus: { applied: 1, failed: 1 }, operators: ['op1@test.bj'] });
    expect((change!.runs as { plan: unknown }[]).map((r) => r.plan)).toEqual([{ add: 2, change: 0, destroy: 0 }, { add: 0, change: 1, destroy: 0 }]);
    expect(network!.policyRun).toMatchObject({ id: 'pr-new', reportSha256: 'f'.repeat(64) });
    expect((network!.results as { ruleId: string; status: string }[]).map((r) => `${r.ruleId}:${r.status}`)).toEqual(['container-no-host-network:compliant', 'network-tenant-internal:non_compliant']);
    expect(network!.summary).toMatch(/1 non conforme/);
    expect((backups!.volumeRule as { results: { ruleId: string }[] }).results.map((r) => r.ruleId)).toEqual(['volume-backup-policy']);
    const item = await h.call('auditor', 'GET', `/api/v1/evidence/${filed[0]!.evidenceId}`);
    expect(item.body.latestVersion.uploadedBy).toBe('op1@test.bj');
  });

  it('backs `dcops evidence collect`, for all sources or the ones named', async () => {
    const { registerEvidenceCommands } = await import('../../console/cli/evidence.js');
    process.env.DCOPS_DATA_DIR = h.dir;
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      const program = () => {
        const p = new Command().exitOverride();
        registerEvidenceCommands(p);
        return p;
      };
      await program().parseAsync(['node', 'dcops', 'evidence', 'collect', '--source', 'logging,capacity']);
      expect(out.join('')).toMatch(/^filed logging v1 \(evidence [0-9a-f-]{36}, sha256 [0-9a-f]{64}\) on iso27001-2022:A\.8\.15, pssie-bj-2021:EXP-09\n {2}Chaîne d'audit intègre/);
      expect(out.join('')).toMatch(/filed capacity v1/);
      out.length = 0;
      await program().parseAsync(['node', 'dcops', 'evidence', 'collect']);
      expect(out.join('').match(/^filed /gm)).toHaveLength(6);
      await expect(program().parseAsync(['node', 'dcops', 'evidence', 'collect', '--source', 'sauvegardes'])).rejects.toThrow(InvalidInput);
    } finally {
      write.mockRestore();
    }
  });
});
