import { performance } from 'node:perf_hooks';

/**
 * One benchmark figure, measured against a baseline taken in the same run on the same machine.
 * `ratio` is value / baseline for "higher is better" figures and baseline / value for
 * "lower is better" ones, so a ratio ≥ goal.ratio always means the goal is met.
 */
export interface BenchResult {
  /** Stable id, e.g. `api.requests.list.rps`. */
  id: string;
  /** What is measured, in plain words (English). */
  title: string;
  unit: string;
  value: number;
  /** What the value is compared with, and its figure (omit when the goal is absolute). */
  baseline?: { title: string; value: number };
  ratio?: number;
  better: 'higher' | 'lower';
  goal: string;
  met: boolean;
  notes?: string;
}

export type BenchModule = { run: () => Promise<BenchResult[]> };

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * A "lower is better" figure whose goal is to cost at most `maxTimes` its same-run baseline; the
 * note starts with how many times the baseline it cost.
 */
export function atMostTimes(o: { id: string; title: string; unit: string; value: number; baseline: { title: string; value: number }; maxTimes: number; notes: string; places?: number }): BenchResult {
  const places = o.places ?? 2;
  return {
    id: o.id,
    title: o.title,
    unit: o.unit,
    value: round(o.value, places),
    baseline: { title: o.baseline.title, value: round(o.baseline.value, places) },
    ratio: round(o.baseline.value / o.value, 3),
    better: 'lower',
    goal: `≤ ${o.maxTimes}× the baseline (ratio ≥ ${round(1 / o.maxTimes, 3)})`,
    met: o.value <= o.maxTimes * o.baseline.value,
    notes: `${round(o.value / o.baseline.value, 2)}× the baseline; ${o.notes}`,
  };
}

/** The fastest of `runs` timed calls (the least disturbed by the rest of the machine), with its value. */
export function bestOf<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, value };
}
