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
