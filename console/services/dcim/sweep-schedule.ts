/**
 * The N-1 sweep on a schedule (`DCOPS_SWEEP_INTERVAL_HOURS`, 0 = off). Changes to the model and
 * the placements sweep at once; this daily pass re-checks an unchanged facility, so that its
 * evidence stays current (a re-check, not a new version) instead of expiring for want of change.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { systemActor, writeTransaction } from '../../context.js';
import type { Db } from '../../db/open.js';
import { recordSweepTx } from './sweep.js';

export interface SweepSchedule {
  stop(): void;
}

export function startSweepSchedule(o: { db: Db; clock: Clock; logger: Logger; dataDir: string; intervalMs: number; firstDelayMs?: number }): SweepSchedule {
  if (o.intervalMs <= 0) return { stop: () => undefined };
  const runOnce = () => {
    try {
      const ctx = { db: o.db, clock: o.clock, actor: systemActor, dataDir: o.dataDir };
      const r = writeTransaction(ctx, (tx, audit) => recordSweepTx(tx, audit, ctx, 'schedule'));
      if (r) (r.clean ? o.logger.info.bind(o.logger) : o.logger.warn.bind(o.logger))({ components: r.components, singlePoints: r.singlePoints, clean: r.clean }, 'facility swept');
    } catch (err) {
      o.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'scheduled facility sweep failed');
    }
  };
  const first = setTimeout(runOnce, o.firstDelayMs ?? 120_000);
  first.unref();
  const timer = setInterval(runOnce, o.intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
