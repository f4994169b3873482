import * as assert from 'node:assert/strict';
import type { ActivityEntry } from '../../../src/api/models';
import type { Page } from '../../../src/api/paging';
import { planSearch } from '../../../src/search/plan';
import { OVERRUN_FACTOR, SearchRun, type CostEstimate, type RunProgress } from '../../../src/search/searchRun';
import { useLocalServer } from '../../support/localServer';

describe('SearchRun against the local server', () => {
  const NOW = new Date('2026-11-20T12:00:00Z');
  const local = useLocalServer({ seed: 21, sessions: 400, webhooks: 300, now: NOW });

  function run(search: Parameters<typeof planSearch>[0], confirm: (estimate: CostEstimate) => Promise<boolean> = async () => true, confirmAboveCalls = 1000) {
    const entries: ActivityEntry[] = [];
    const progress: RunProgress[] = [];
    const searchRun = new SearchRun<ActivityEntry>(
      (query, options) => (search.kind === 'sessions' ? local.client.sessionPages(query, options) : local.client.webhookPages(query, options)),
      planSearch(search, NOW),
      { pageSize: 40, concurrency: 4, confirmAboveCalls, confirm },
      { entries: (batch) => entries.push(...batch), progress: (p) => progress.push(p) },
    );
    return { searchRun, entries, progress, done: searchRun.run() };
  }

  it('loads every entry the search selects, once, merging several types', async () => {
    const { entries, progress, done } = run({ kind: 'sessions', range: { from: 0, to: NOW.getTime() }, filters: { types: ['STOR', 'RETR'] } });
    await done;
    const expected = local.server.sessions.filter((s) => ['STOR', 'RETR'].includes(s.attributes.operation!.toUpperCase())).map((s) => s.id).sort();
    assert.deepEqual(entries.map((e) => e.id).sort(), expected);
    assert.equal(progress.at(-1)!.state, 'done');
    assert.equal(progress.at(-1)!.loaded, expected.length);
    assert.equal(progress.at(-1)!.requests, local.server.stats().byPath['/api/v2/activity/session'] ?? progress.at(-1)!.requests);
  });

  it('keeps only a status class when the search asks for one', async () => {
    const { entries, done } = run({ kind: 'webhooks', range: { from: 0, to: NOW.getTime() }, filters: { status: '5xx' } });
    await done;
    const expected = local.server.webhooks.filter((w) => { const s = (w.attributes as { status?: number }).status ?? 0; return s >= 500 && s < 600; }).map((w) => w.id).sort();
    assert.ok(expected.length > 0);
    assert.deepEqual(entries.map((e) => e.id).sort(), expected);
  });

  it('asks before a costly search, estimating from the first page, and stops when told to, keeping that page', async () => {
    let asked: CostEstimate | undefined;
    const { entries, progress, done } = run({ kind: 'sessions', range: { preset: 'quarter' }, filters: {} }, async (estimate) => {
      asked = estimate;
      return false;
    }, 3);
    await done;
    const pages = Math.ceil(local.server.sessions.length / 40);
    assert.ok(asked?.calls !== undefined && asked.calls >= pages / 2 && asked.calls <= pages * 2, `estimate ${asked?.calls} for ${pages} pages`);
    assert.equal(asked!.spent, 1);
    assert.equal(entries.length, 40);
    assert.equal(progress.at(-1)!.state, 'stopped');
  });

  it('estimates an oldest-first search from its first page as it does a newest-first one', async () => {
    const pages = Math.ceil(local.server.sessions.length / 40);
    for (const order of [{ field: 'time', descending: false }, { field: 'time', descending: true }]) {
      let asked: CostEstimate | undefined;
      const { done } = run({ kind: 'sessions', range: { preset: 'quarter' }, filters: {}, order }, async (estimate) => {
        asked = estimate;
        return false;
      }, 3);
      await done;
      assert.ok(asked?.calls !== undefined && asked.calls >= pages / 2 && asked.calls <= pages * 2, `${JSON.stringify(order)}: estimate ${asked?.calls} for ${pages} pages`);
    }
  });

  it('in another server order, says it cannot estimate and asks once it has spent the calls a search may spend unasked', async () => {
    const asked: CostEstimate[] = [];
    const { entries, progress, done } = run({ kind: 'sessions', range: { preset: 'quarter' }, filters: {}, order: { field: 'size', descending: true } }, async (estimate) => {
      asked.push(estimate);
      return asked.length < 2;
    }, 3);
    await done;
    // Asked once 3 calls were spent (pages fetched ahead count too), told to go on; asked again 3 calls later, told to stop.
    assert.equal(asked.length, 2);
    assert.ok(asked.every(({ calls }) => calls === undefined));
    assert.ok(asked[0]!.spent >= 3 && asked[1]!.spent >= asked[0]!.spent + 3, JSON.stringify(asked));
    assert.ok(entries.length >= 3 * 40 && entries.length < local.server.sessions.length, `${entries.length} loaded`);
    assert.equal(progress.at(-1)!.state, 'stopped');
    // In the order asked for: the largest transfers first.
    const sizes = entries.map((entry) => (entry.kind === 'session' ? entry.bytesTransferred ?? 0 : 0));
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  });

  it('fails with the error and keeps what was loaded', async () => {
    local.server.setFaults({ serverErrors: { status: 500, count: 1000 } });
    const { entries, progress, done } = run({ kind: 'sessions', range: { from: 0, to: NOW.getTime() }, filters: {} });
    await done;
    assert.equal(progress.at(-1)!.state, 'failed');
    assert.equal(entries.length, 0);
  });

  it('stops in flight without reporting a failure', async () => {
    local.server.setFaults({ latencyMs: 300 });
    const { searchRun, progress, done } = run({ kind: 'sessions', range: { from: 0, to: NOW.getTime() }, filters: {} });
    setTimeout(() => searchRun.stop(), 100);
    await done;
    assert.equal(progress.at(-1)!.state, 'stopped');
    assert.ok(!progress.some((p) => p.state === 'failed'));
  });
});

describe('SearchRun past its estimate', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);
  const MINUTE = 60_000;

  it(`asks again once it has spent ${OVERRUN_FACTOR} times its estimate, and stops when told to`, async () => {
    // The first page spans six hours of a day (an estimate of 4 calls); every later one a minute, without end.
    let served = 0;
    async function* pages(): AsyncGenerator<Page<ActivityEntry>> {
      for (let page = 0; ; page++) {
        served++;
        const newest = page === 0 ? NOW : NOW - 6 * 60 * MINUTE - page * MINUTE;
        const span = page === 0 ? 6 * 60 * MINUTE : MINUTE;
        const entries = Array.from({ length: 20 }, (_, i) => ({ id: page * 20 + i, created: newest - (span * i) / 19 }) as ActivityEntry);
        yield { entries, received: 20, requests: page + 1 };
      }
    }
    const asked: CostEstimate[] = [];
    const progress: RunProgress[] = [];
    const searchRun = new SearchRun<ActivityEntry>(
      () => pages(),
      planSearch({ kind: 'sessions', range: { from: NOW - 24 * 60 * MINUTE, to: NOW }, filters: {} }, new Date(NOW)),
      { pageSize: 20, concurrency: 1, confirmAboveCalls: 10, confirm: async (estimate) => { asked.push(estimate); return false; } },
      { entries: () => undefined, progress: (p) => progress.push(p) },
    );
    await searchRun.run();
    assert.equal(asked.length, 1, JSON.stringify(asked));
    const [question] = asked;
    assert.deepEqual([question!.calls, question!.overrun], [4, true]);
    // Asked at the budget, max(confirmAboveCalls, OVERRUN_FACTOR x estimate), not before and not a call later.
    assert.equal(question!.spent, Math.max(10, 4 * OVERRUN_FACTOR));
    assert.equal(progress.at(-1)!.state, 'stopped');
    assert.equal(served, question!.spent);
  });
});
