/**
 * A body over the limit, on a real server over a raw keep-alive connection: the 413 says the
 * connection closes, and it does close cleanly (no keep-alive promised, then a reset).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../console/bootstrap.js';
import { systemClock } from '../../console/clock.js';
import { parseConfig } from '../../console/env.js';
import { createLogger } from '../../console/logger.js';
import { startServer, type RunningServer } from '../../console/server.js';

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-413-'));
  const config = parseConfig({ DCOPS_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', DCOPS_BODY_LIMIT_BYTES: '1024', DCOPS_AUDIT_VERIFY_HOURS: '0', DCOPS_BACKUP_INTERVAL_HOURS: '0' });
  server = await startServer({ db: prepareDatabase(join(dir, 'dcops.db'), systemClock), config, clock: systemClock, logger: createLogger('silent') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function rawPost(size: number): Promise<{ head: string; error: string | null; ended: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let data = '';
    let error: string | null = null;
    let ended = false;
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('end', () => (ended = true));
    socket.on('error', (e) => (error = e.message));
    socket.on('close', () => resolve({ head: data.split('\r\n\r\n')[0] ?? '', error, ended }));
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n\r\n`);
    socket.write('x'.repeat(size));
  });
}

describe('a body over the limit', () => {
  for (const size of [4096, 2_000_000]) {
    it(`(${size} bytes) gets 413 with Connection: close, and the server closes cleanly`, async () => {
      const r = await rawPost(size);
      expect(r.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(r.head).toMatch(/\r\nconnection: close/i);
      expect(r.head).not.toMatch(/keep-alive/i);
      expect(r.ended).toBe(true);
      expect(r.error).toBeNull();
    });
  }
});
