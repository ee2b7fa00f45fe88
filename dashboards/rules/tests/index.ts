/**
 * All alert unit tests, and their rendering to a `promtool test rules` file.
 */
import { stringify } from 'yaml';
import { allAlerts } from '../index.js';
import { runbookUrl, type RenderRulesOptions } from '../render.js';
import type { AlertRule } from '../types.js';
import { capacityTests } from './capacity.js';
import { certificationTests } from './certification.js';
import { consoleTests } from './console.js';
import { facilityTests } from './facility.js';
import { operationsTests } from './operations.js';
import type { AlertTest, ExpectedAlert } from './types.js';

export type { AlertTest } from './types.js';

export const alertTests: readonly AlertTest[] = [...certificationTests, ...capacityTests, ...facilityTests, ...operationsTests, ...consoleTests];

/** How often promtool evaluates the rules; input series are sampled at each test's own interval. */
const EVALUATION_INTERVAL = '1m';

/**
 * Fills a rule's annotation templates the way Prometheus would for one alert: `$labels.x` from
 * the expected labels, `$value` (with whatever function follows it) from the expected rendering.
 */
export function expandTemplate(template: string, expected: ExpectedAlert, alert: string): string {
  return template.replace(/\{\{\s*\$(labels\.([a-zA-Z_][a-zA-Z0-9_]*)|value)[^}]*\}\}/g, (_, what: string, label: string | undefined) => {
    if (label !== undefined) {
      const v = expected.labels[label];
      if (v === undefined) throw new Error(`${alert}: template uses label "${label}" the test does not expect`);
      return v;
    }
    if (expected.value === undefined) throw new Error(`${alert}: template uses $value; the test must give its rendering`);
    void what;
    return expected.value;
  });
}

function expectation(rule: AlertRule, expected: ExpectedAlert, opts: RenderRulesOptions) {
  return {
    exp_labels: { ...expected.labels, severity: rule.severity },
    exp_annotations: {
      summary: expandTemplate(rule.summary, expected, rule.alert),
      description: expandTemplate(rule.description, expected, rule.alert),
      runbook_url: runbookUrl(rule.alert, opts.runbookBaseUrl),
    },
  };
}

export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  tests: object[];
}

/** @param ruleFile path of the rule file, relative to where the test file will be written. */
export function promtoolTestFile(ruleFile: string, opts: RenderRulesOptions = {}): PromtoolTestFile {
  const rules = new Map(allAlerts().map((a) => [a.alert, a]));
  return {
    rule_files: [ruleFile],
    evaluation_interval: EVALUATION_INTERVAL,
    tests: alertTests.map((t) => ({
      name: t.name,
      interval: t.interval ?? '1m',
      input_series: t.series.map((s) => ({ series: s.series, values: s.values })),
      alert_rule_test: t.checks.map((c) => {
        const rule = rules.get(c.alert);
        if (!rule) throw new Error(`test "${t.name}" checks unknown alert ${c.alert}`);
        return { eval_time: c.at, alertname: c.alert, exp_alerts: c.firing.map((f) => expectation(rule, f, opts)) };
      }),
    })),
  };
}

export function renderPromtoolTests(ruleFile: string, opts: RenderRulesOptions = {}): string {
  return stringify(promtoolTestFile(ruleFile, opts), { lineWidth: 0 });
}
