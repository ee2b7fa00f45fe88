/**
 * Prometheus rules as typed data. Runbook links are not written by hand: the renderer derives
 * each one from the alert name, so an alert and its runbook cannot drift apart.
 */
import type { RecordedName } from './recorded.js';

/** critical: act now, day or night; warning: act within the working day; info: plan it. */
export type Severity = 'critical' | 'warning' | 'info';

/** Prometheus duration, e.g. "15m", "1h", "1d". */
export type Duration = `${number}${'s' | 'm' | 'h' | 'd' | 'w'}`;

export interface AlertRule {
  /** PascalCase with the `Dcops` prefix; also the runbook file name. */
  readonly alert: `Dcops${string}`;
  readonly expr: string;
  readonly for?: Duration;
  readonly severity: Severity;
  /** French, one line; may use `{{ $labels.x }}`. */
  readonly summary: string;
  /** French; may use `{{ $labels.x }}` and `{{ $value }}` with Prometheus template functions. */
  readonly description: string;
}

export interface RecordingRule {
  readonly record: RecordedName;
  readonly expr: string;
}

export interface RuleGroup<R extends AlertRule | RecordingRule> {
  readonly name: string;
  readonly interval?: Duration;
  readonly rules: readonly R[];
}
