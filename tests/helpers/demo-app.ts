/**
 * The console in process with the Benin demo data, as `npm run demo` loads it: every role,
 * requests in every state, certification records. For tests and benches that read pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createApp } from '../../console/app.js';
import { loginLimiters } from '../../console/auth/rate-limit.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { manualClock } from '../../console/clock.js';
import { closeDatabase } from '../../console/db/open.js';
import { seedDemo } from '../../console/demo/seed.js';
import { parseConfig } from '../../console/env.js';
import { createLogger } from '../../console/logger.js';
import { TEST_SETTINGS } from './test-settings.js';

export const DEMO_PASSWORD = 'demo-password-language';

export async function makeDemoApp() {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-demo-app-'));
  const clock = manualClock(new Date('2026-11-21T08:00:00.000Z'));
  const db = prepareDatabase(join(dir, 'dcops.db'), clock);
  // Pages are read here, not sign-in: staff skip the second factor, as in the test harness.
  const config = parseConfig({ DCOPS_DATA_DIR: dir, LOG_LEVEL: 'silent', ...TEST_SETTINGS });
  const { accounts } = await seedDemo({ db, clock, password: DEMO_PASSWORD, scryptN: 1024, dataDir: dir });
  const app = createApp({ db, clock, config, logger: createLogger('silent'), registry: new Registry(), limiters: loginLimiters(clock) });
  return {
    app,
    db,
    clock,
    dir,
    accounts,
    close() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
