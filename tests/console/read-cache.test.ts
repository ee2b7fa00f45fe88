import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteLocalWrite } from '../../console/db/generation.js';
import { GenerationMemo } from '../../console/db/generation-memo.js';
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

describe('values kept per data generation', () => {
  it('are computed once while nothing changes, again after any write, and never kept when refused', async () => {
    const memo = new GenerationMemo<number | undefined>(h.db.$client, 2);
    let computed = 0;
    const compute = () => ++computed;
    expect(memo.get('a', compute)).toBe(1);
    expect(memo.get('a', compute)).toBe(1);
    await h.requestIn('mef', 'une-ecriture', []);
    expect(memo.get('a', compute)).toBe(2);

    // A refused value (a failed lookup) is answered but computed again next time.
    expect(memo.get('absent', () => undefined, (v) => v !== undefined)).toBeUndefined();
    let lookups = 0;
    memo.get('absent', () => (lookups++, undefined), (v) => v !== undefined);
    expect(lookups).toBe(1);

    // Bounded: the least recently used key goes first.
    memo.get('b', compute);
    memo.get('a', compute);
    memo.get('c', compute);
    const before = computed;
    memo.get('a', compute);
    expect(computed).toBe(before);
    memo.get('b', compute);
    expect(computed).toBe(before + 1);
  });

  it('are not tied to a generation when computing them wrote', () => {
    const memo = new GenerationMemo<number>(h.db.$client);
    let computed = 0;
    const writing = () => {
      noteLocalWrite(h.db.$client);
      return ++computed;
    };
    memo.get('k', writing);
    memo.get('k', writing);
    expect(computed).toBe(2);
  });
});
