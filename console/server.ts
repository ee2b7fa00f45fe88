/** Starting and stopping the HTTP server around an app, with graceful shutdown. */
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createApp } from './app.js';
import { loginLimiters } from './auth/rate-limit.js';
import { eventLoopBacklog } from './http/load-shedding.js';
import type { Clock } from './clock.js';
import { closeDatabase, type Db } from './db/open.js';
import { recordAuditVerification } from './services/audit/record-verification.js';
import { pruneSecurityEvents } from './services/security-events/prune.js';
import { systemActor } from './context.js';
import { lastCheckpointSeq, writeCheckpoint } from './audit/checkpoints.js';
import { onAuditCommitted } from './audit/commit-hooks.js';
import { startBackupSchedule } from './services/backup/schedule.js';
import { infraDepsOf } from './services/runs/desired-state.js';
import { startDriftSchedule } from './services/runs/drift-schedule.js';
import { startSweepSchedule } from './services/dcim/sweep-schedule.js';
import type { Config } from './env.js';

export interface RunningServer {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

export async function startServer(opts: { db: Db; config: Config; clock: Clock; logger: Logger }): Promise<RunningServer> {
  const registry = new Registry();
  const app = createApp({ ...opts, registry, limiters: loginLimiters(opts.clock), eventLoopDelayMs: eventLoopBacklog() });
  return new Promise((resolve) => {
    const checkpoints = { dir: opts.config.checkpointDir, keyFile: opts.config.checkpointKeyFile };
    const checkpoint = (why: string) => {
      try {
        const written = writeCheckpoint(opts.db.$client, checkpoints, opts.clock.now());
        if (written) opts.logger.info({ seq: written.seq, dir: checkpoints.dir, why }, 'audit checkpoint written');
      } catch (err) {
        opts.logger.error({ err: err instanceof Error ? err.message : String(err), why }, 'audit checkpoint could not be written');
      }
    };
    const verify = (then?: () => void) => {
      try {
        const r = recordAuditVerification({ ctx: { db: opts.db, clock: opts.clock }, input: { checkpoints } });
        (r.ok ? opts.logger.info.bind(opts.logger) : opts.logger.error.bind(opts.logger))({ ok: r.ok, entries: r.entries, firstBroken: r.firstBroken, durationMs: r.durationMs }, 'audit chain verified');
        // The security-event log keeps a year; older events go, the chain's anchor moves with them.
        const pruned = pruneSecurityEvents({ ctx: { db: opts.db, clock: opts.clock, actor: systemActor } });
        if (pruned.pruned > 0) opts.logger.info(pruned, 'security events past retention pruned');
        // A head is signed only when the chain below it verifies: never vouch for a broken one.
        if (r.ok) then?.();
      } catch (err) {
        opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'audit chain verification failed to run');
      }
    };
    // Verified at start-up and then periodically, so monitoring always has a recent answer.
    const first = setTimeout(() => verify(), 1000);
    first.unref();
    const timer = opts.config.auditVerifyIntervalMs > 0 ? setInterval(() => verify(), opts.config.auditVerifyIntervalMs) : undefined;
    timer?.unref();
    // Checkpoints: daily (after a verification), every N entries as they commit, and at shutdown.
    const daily = setInterval(() => verify(() => checkpoint('daily')), 24 * 3_600_000);
    daily.unref();
    let lastAnchored = lastCheckpointSeq(checkpoints.dir);
    onAuditCommitted(opts.db.$client, (headSeq) => {
      if (headSeq - lastAnchored < opts.config.checkpointEvery) return;
      lastAnchored = headSeq;
      checkpoint('every-n-entries');
    });
    const backups = startBackupSchedule({ db: opts.db, clock: opts.clock, logger: opts.logger, dataDir: opts.config.dataDir, intervalMs: opts.config.backupIntervalMs, retention: opts.config.backupRetention });
    const sweeps = startSweepSchedule({ db: opts.db, clock: opts.clock, logger: opts.logger, dataDir: opts.config.dataDir, intervalMs: opts.config.sweepIntervalMs });
    const drift = startDriftSchedule({ db: opts.db, clock: opts.clock, logger: opts.logger, deps: infraDepsOf(opts.config), intervalMs: opts.config.driftIntervalMs });
    const server = serve({ fetch: app.fetch, port: opts.config.port, hostname: opts.config.host }, (info) => {
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: info.port,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            // Stop accepting, let in-flight requests finish, then release the database.
            clearTimeout(first);
            if (timer) clearInterval(timer);
            clearInterval(daily);
            server.close(() => {
              // A backup under way is abandoned and waited for before the database closes.
              sweeps.stop();
              void Promise.all([backups.stop(), drift.stop()]).finally(() => {
                onAuditCommitted(opts.db.$client, null);
                checkpoint('shutdown');
                closeDatabase(opts.db);
                done();
              });
            });
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          })),
      });
    });
  });
}
