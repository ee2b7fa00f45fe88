import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildArtifacts, buildDashboards, paths, writeArtifacts } from '../../dashboards/build.js';
import { panelQueries } from '../../dashboards/queries.js';
import { recordedSeries } from '../../dashboards/rules/recorded.js';
import { allAlerts, allRecordingRules } from '../../dashboards/rules/index.js';
import { RUNBOOK_BASE_URL, renderRuleFile, ruleFile } from '../../dashboards/rules/render.js';
import { alertTests, expandTemplate, renderPromtoolTests } from '../../dashboards/rules/tests/index.js';
import { knownSeries, lint, withGrafanaDefaults } from './promql-lint.js';
import { promtool, skipWithoutPromtool } from './promtool.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const runbooks = join(root, 'docs/runbooks');
const known = knownSeries();
const noPromtool = skipWithoutPromtool();

const REQUIRED_ALERTS = [
  'DcopsEvidenceExpiringSoon',
  'DcopsEvidenceExpired',
  'DcopsCertificationReadinessDropped',
  'DcopsMinistryQuotaNearlyExhausted',
  'DcopsPowerFeedWithoutN1Headroom',
  'DcopsApplyFailed',
  'DcopsApplyStale',
  'DcopsStackDriftDetected',
  'DcopsAuditChainBroken',
  'DcopsBackupMissing',
  'DcopsConsoleDown',
  'DcopsConsoleSlow',
];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dcops-rules-'));
}

describe('alert and recording rules', () => {
  const file = ruleFile();
  const alerts = file.groups.flatMap((g) => g.rules).filter((r) => 'alert' in r);

  it('covers the alerts the operations team asked for, each once', () => {
    const names = allAlerts().map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(REQUIRED_ALERTS));
  });

  it('gives every alert a severity, a summary, a description and a runbook link', () => {
    expect(alerts.length).toBe(allAlerts().length);
    for (const a of alerts) {
      if (!('alert' in a)) continue;
      expect(['critical', 'warning', 'info']).toContain(a.labels.severity);
      expect(a.annotations.summary.length, a.alert).toBeGreaterThan(10);
      expect(a.annotations.description.length, a.alert).toBeGreaterThan(30);
      expect(a.annotations.runbook_url).toBe(`${RUNBOOK_BASE_URL}${a.alert}.md`);
    }
  });

  it('has a French runbook for every alert, opening with a one-line English summary', () => {
    for (const a of allAlerts()) {
      const path = join(runbooks, `${a.alert}.md`);
      expect(existsSync(path), `missing runbook ${path}`).toBe(true);
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      expect(lines[0], a.alert).toBe(`# ${a.alert}`);
      expect(text, a.alert).toMatch(/^> \*\*English:\*\* .+$/m);
      for (const section of ['## Signification', '## Premières vérifications', '## Remèdes', '## Escalade']) {
        expect(text, `${a.alert}: ${section}`).toContain(section);
      }
      expect(text, a.alert).toContain(`Sévérité : \`${a.severity}\``);
    }
  });

  it('references only catalogue metrics (or recorded series) with their labels', () => {
    const problems = [...allAlerts(), ...allRecordingRules()].flatMap((r) => lint(r.expr, known).map((p) => `${'alert' in r ? r.alert : r.record}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('records exactly the series declared in recorded.ts', () => {
    expect(allRecordingRules().map((r) => r.record).sort()).toEqual(Object.keys(recordedSeries).sort());
  });

  it('renders YAML that parses back to the same rule file', () => {
    expect(parse(renderRuleFile())).toEqual(JSON.parse(JSON.stringify(file)));
  });

  it('has a unit test that fires, and a check that stays quiet, for every alert', () => {
    const checks = alertTests.flatMap((t) => t.checks);
    for (const a of allAlerts()) {
      expect(checks.some((c) => c.alert === a.alert && c.firing.length > 0), `${a.alert} never expected to fire`).toBe(true);
      expect(checks.some((c) => c.alert === a.alert && c.firing.length === 0), `${a.alert} never expected to stay quiet`).toBe(true);
    }
  });

  it('expands annotation templates like Prometheus does for the tests', () => {
    expect(expandTemplate('{{ $labels.a }} at {{ $value | humanizePercentage }}', { labels: { a: 'x' }, value: '5%' }, 'A')).toBe('x at 5%');
    expect(() => expandTemplate('{{ $labels.b }}', { labels: {} }, 'A')).toThrow(/label "b"/);
    expect(() => expandTemplate('{{ $value }}', { labels: {} }, 'A')).toThrow(/\$value/);
  });

  describe.skipIf(noPromtool)('with promtool', () => {
    it('passes promtool check rules', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'dcops.rules.yml'), renderRuleFile());
      const r = promtool(['check', 'rules', 'dcops.rules.yml'], { cwd: dir });
      expect(r.output).toContain('SUCCESS');
      expect(r.status, r.output).toBe(0);
    });

    it('passes the promtool unit tests of every alert', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'dcops.rules.yml'), renderRuleFile());
      writeFileSync(join(dir, 'dcops.rules.test.yml'), renderPromtoolTests('dcops.rules.yml'));
      const r = promtool(['test', 'rules', 'dcops.rules.test.yml'], { cwd: dir });
      expect(r.status, r.output).toBe(0);
    });

    it('fails the unit tests when a rule is broken (the tests can fail)', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'dcops.rules.yml'), renderRuleFile().replace('dcops_audit_chain_intact == 0', 'dcops_audit_chain_intact == 2'));
      writeFileSync(join(dir, 'dcops.rules.test.yml'), renderPromtoolTests('dcops.rules.yml'));
      const r = promtool(['test', 'rules', 'dcops.rules.test.yml'], { cwd: dir });
      expect(r.status).not.toBe(0);
      expect(r.output).toContain('DcopsAuditChainBroken');
    });

    it('parses every dashboard query as PromQL', () => {
      // promtool has no offline expression check; recording rules are the vehicle.
      const queries = [...buildDashboards().values()].flatMap(panelQueries);
      const rules = queries.map((q, i) => ({ record: `dcops_dashboard_query:${i}`, expr: withGrafanaDefaults(q.expr) }));
      const dir = tempDir();
      writeFileSync(join(dir, 'queries.yml'), JSON.stringify({ groups: [{ name: 'dashboard-queries', rules }] }));
      const r = promtool(['check', 'rules', 'queries.yml'], { cwd: dir });
      expect(r.status, r.output).toBe(0);
    });

    it('writes a build whose Prometheus configuration and rules promtool accepts', async () => {
      const out = tempDir();
      const written = await writeArtifacts(out, buildArtifacts({ outDir: out, prometheusUrl: 'http://prometheus:9090' }));
      expect(written).toContain(join(out, paths.rules));
      expect(written).toContain(join(out, paths.dashboard('dcops-hosting')));
      // The scrape reads the console's /metrics token from a file the site puts beside the
      // configuration (a secret, never part of the build); promtool wants it to exist.
      writeFileSync(join(out, dirname(paths.prometheusConfig), 'metrics.token'), 'a-long-metrics-token\n');
      const r = promtool(['check', 'config', join(out, paths.prometheusConfig)]);
      expect(r.status, r.output).toBe(0);
      expect(r.output).toContain('1 rule files found');
    });
  });
});
