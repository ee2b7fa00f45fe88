/**
 * The console as a real server on 127.0.0.1, started as `npm run demo` starts it (a fresh data
 * directory loaded with the Benin demo data), and restarted on the same database without the
 * demo flag (which would start from scratch), as an operator's restart would.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, start } from './process.js';
import { TEST_SETTINGS } from './test-settings.js';

const READY = /Console : http:\/\/127\.0\.0\.1:(\d+)\//;

export interface DemoServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the server (SIGTERM, a clean shutdown) and starts it again on the same database and port. */
  restart(): Promise<void>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

async function boot(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const server = await start(join('node_modules', '.bin', 'tsx'), ['console/main.ts', ...args], { LOG_LEVEL: 'warn', ...TEST_SETTINGS, ...env }, READY, 120_000);
  return { child: server.child, port: Number(READY.exec(server.output())![1]) };
}

async function halt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await exited(child);
}

export async function startDemoServer(options: { password: string; prefix?: string; env?: Record<string, string> }): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), options.prefix ?? 'dcops-demo-server-'));
  let { child, port } = await boot(['--demo'], { DCOPS_DATA_DIR: dataDir, PORT: '0', DCOPS_DEMO_PASSWORD: options.password, ...options.env });
  return {
    get base() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    async restart() {
      await halt(child);
      // Without --demo: the same records, and what the demo flag turned off stays off.
      ({ child, port } = await boot([], { DCOPS_DATA_DIR: dataDir, PORT: String(port), DCOPS_METRICS_PUBLIC: 'true', ...options.env }));
    },
    async stop() {
      await halt(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
