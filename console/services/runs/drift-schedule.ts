/**
 * Scheduled drift checks inside the server (`DCOPS_DRIFT_INTERVAL_MINUTES`, 0 = off): every stack
 * checked as an operator would, by the console itself, so a change made behind its back opens its
 * finding and raises the metric without anyone pressing a button. One check at a time.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { systemActor } from '../../context.js';
import type { Db } from '../../db/open.js';
import type { InfraDeps } from './desired-state.js';
import { checkStacksDrift } from './drift.js';

export interface DriftSchedule {
  /** Stops the schedule and waits for a check under way. */
  stop(): Promise<void>;
}

export function startDriftSchedule(o: { db: Db; clock: Clock; logger: Logger; deps: InfraDeps; intervalMs: number; firstDelayMs?: number }): DriftSchedule {
  if (o.intervalMs <= 0) return { stop: () => Promise.resolve() };
  let running: Promise<void> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        const r = await checkStacksDrift({ ctx: { db: o.db, clock: o.clock, actor: systemActor }, deps: o.deps });
        const counts: Record<string, number> = {};
        for (const s of r.stacks) counts[s.status] = (counts[s.status] ?? 0) + 1;
        (counts['drifted'] ? o.logger.warn.bind(o.logger) : o.logger.info.bind(o.logger))({ statuses: counts, findings: r.findings }, 'drift checked');
      } catch (err) {
        o.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'scheduled drift check failed');
      } finally {
        running = undefined;
      }
    })();
  };
  const first = setTimeout(runOnce, o.firstDelayMs ?? 60_000);
  first.unref();
  const timer = setInterval(runOnce, o.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
