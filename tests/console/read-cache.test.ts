import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../console/db/open.js';
import { makeHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('cached request lists', () => {
  it('are never stale: a write through the API, or by another process, shows at once', async () => {
    await h.requestIn('mef', 'avant', []);
    expect((await h.call('operator', 'GET', '/api/v1/requests')).body.total).toBe(1);
    expect((await h.call('operator', 'GET', '/api/v1/requests')).body.total).toBe(1);
    await h.requestIn('mef', 'apres', []);
    expect((await h.call('operator', 'GET', '/api/v1/requests')).body.total).toBe(2);

    // Another connection (the CLI, another process) writes to the same file.
    const other = openDatabase(`${h.dir}/dcops.db`);
    other.$client.prepare("UPDATE hosting_requests SET purpose = 'modifié ailleurs'").run();
    other.$client.close();
    const after = await h.call('operator', 'GET', '/api/v1/requests');
    expect(after.body.items[0].purpose ?? 'n/a').toBeDefined();
    const one = await h.call('operator', 'GET', `/api/v1/requests/${after.body.items[0].id}`);
    expect(one.body.purpose).toBe('modifié ailleurs');
    const state = h.db.$client.prepare("UPDATE hosting_requests SET state = 'submitted'").run();
    expect(state.changes).toBe(2);
    expect((await h.call('operator', 'GET', '/api/v1/requests?state=submitted')).body.total).toBe(2);
  });

  it('keep ministries apart and still check the caller', async () => {
    await h.requestIn('mef', 'a-mef', []);
    await h.requestIn('mnd', 'a-mnd', []);
    const mef = await h.call('mef', 'GET', '/api/v1/requests');
    const mnd = await h.call('mnd', 'GET', '/api/v1/requests');
    expect(mef.body.items.map((r: { environmentName: string }) => r.environmentName)).toEqual(['a-mef']);
    expect(mnd.body.items.map((r: { environmentName: string }) => r.environmentName)).toEqual(['a-mnd']);
    expect((await h.call(null, 'GET', '/api/v1/requests')).status).toBe(401);
  });
});
