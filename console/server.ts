/** Starting and stopping the HTTP server around an app, with graceful shutdown. */
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createApp } from './app.js';
import { loginLimiters } from './auth/rate-limit.js';
import type { Clock } from './clock.js';
import { closeDatabase, type Db } from './db/open.js';
import type { Config } from './env.js';

export interface RunningServer {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

export async function startServer(opts: { db: Db; config: Config; clock: Clock; logger: Logger }): Promise<RunningServer> {
  const registry = new Registry();
  const app = createApp({ ...opts, registry, limiters: loginLimiters(opts.clock) });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.config.port, hostname: opts.config.host }, (info) => {
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: info.port,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            // Stop accepting, let in-flight requests finish, then release the database.
            server.close(() => {
              closeDatabase(opts.db);
              done();
            });
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          })),
      });
    });
  });
}
