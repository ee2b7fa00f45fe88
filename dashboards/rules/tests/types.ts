/**
 * Unit tests of the alert rules, as typed data rendered to a `promtool test rules` file.
 *
 * Input series are written with the same typed helper as the rules (`m.<metric>.sel(...)`), so a
 * test cannot feed a metric or label the catalogue does not have.
 */
import type { Duration } from '../types.js';

export interface InputSeries {
  /** Series selector, e.g. `m.dcops_audit_chain_intact.sel({ job: 'dcops-console' })`. */
  readonly series: string;
  /** promtool expanding notation, e.g. "1 1 0x10" or "0+60x100". */
  readonly values: string;
}

export interface ExpectedAlert {
  /** Labels of the alert besides `severity` (added from the rule). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * How Prometheus renders `$value` in the annotations (after any template function), e.g.
   * "3", "25%", "1d 0h 30m 0s". Required when the rule's annotations use `$value`.
   */
  readonly value?: string;
}

export interface AlertCheck {
  /** Time since the start of the input series. */
  readonly at: Duration;
  readonly alert: `Dcops${string}`;
  /** Alerts expected to be firing at that time; empty means none. */
  readonly firing: readonly ExpectedAlert[];
}

export interface AlertTest {
  readonly name: string;
  /** Spacing of input samples (default 1m); keep it ≤ 5m so instant queries see every series. */
  readonly interval?: Duration;
  readonly series: readonly InputSeries[];
  readonly checks: readonly AlertCheck[];
}
