/**
 * Rule groups → the Prometheus rule file (the YAML `promtool check rules` and Prometheus read).
 */
import { stringify } from 'yaml';
import { alertGroups, recordingGroups } from './index.js';
import type { AlertRule, Duration, RecordingRule, RuleGroup } from './types.js';

/** Where runbooks are published: `docs/runbooks/<alert>.md` of the repository, served as is. */
export const RUNBOOK_BASE_URL = 'https://dcops.asin.bj/docs/runbooks/';

export const runbookUrl = (alert: string, base: string = RUNBOOK_BASE_URL): string => `${base}${alert}.md`;

export interface RenderRulesOptions {
  /** Base URL the runbook links start with; must end with a slash. */
  readonly runbookBaseUrl?: string;
}

interface PromAlert {
  alert: string;
  expr: string;
  for?: Duration;
  labels: { severity: string };
  annotations: { summary: string; description: string; runbook_url: string };
}
interface PromRecord {
  record: string;
  expr: string;
}
export interface PromRuleFile {
  groups: { name: string; interval?: Duration; rules: (PromAlert | PromRecord)[] }[];
}

function group<R extends AlertRule | RecordingRule>(g: RuleGroup<R>, rule: (r: R) => PromAlert | PromRecord) {
  return { name: g.name, ...(g.interval ? { interval: g.interval } : {}), rules: g.rules.map(rule) };
}

export function ruleFile(opts: RenderRulesOptions = {}): PromRuleFile {
  const base = opts.runbookBaseUrl ?? RUNBOOK_BASE_URL;
  return {
    groups: [
      ...recordingGroups.map((g) => group(g, (r) => ({ record: r.record, expr: r.expr }))),
      ...alertGroups.map((g) =>
        group(g, (a) => ({
          alert: a.alert,
          expr: a.expr,
          ...(a.for ? { for: a.for } : {}),
          labels: { severity: a.severity },
          annotations: { summary: a.summary, description: a.description, runbook_url: runbookUrl(a.alert, base) },
        })),
      ),
    ],
  };
}

export function renderRuleFile(opts: RenderRulesOptions = {}): string {
  // No line folding: long PromQL stays on one line, as people grep for it.
  return stringify(ruleFile(opts), { lineWidth: 0 });
}
