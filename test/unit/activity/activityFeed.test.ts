import * as assert from 'node:assert/strict';
import type { SessionEntry } from '../../../src/api/models';
import { ActivityFeed, mergeNewestFirst } from '../../../src/activity/activityFeed';
import { useLocalServer } from '../../support/localServer';

describe('ActivityFeed against the local server', () => {
  // The server's clock and the feed's both read NOW, so the window means the same to both on any date.
  const NOW = new Date('2026-11-20T12:00:00Z');
  const local = useLocalServer({ seed: 33, sessions: 200, webhooks: 20, now: NOW }, { each: true });

  const feed = (pageSize = 30, windowMs = 90 * 86_400_000, now = () => NOW) =>
    new ActivityFeed<SessionEntry>((query, options) => local.client.sessionPages(query, options), () => ({ windowMs, pageSize }), now);

  it('loads the first page, then older pages with no repeats or gaps, to the end of the window', async () => {
    const f = feed();
    await f.reload();
    assert.deepEqual(f.entries.map((e) => e.id), local.server.sessions.slice(0, 30).map((s) => s.id));
    while (f.hasMore) {
      await f.loadMore();
    }
    assert.deepEqual(f.entries.map((e) => e.id), local.server.sessions.map((s) => s.id));
    assert.equal(f.requests, 7, 'six full pages of 30 and a short one of 20: one call each');
  });

  it('keeps to the time window', async () => {
    const f = feed(500, 3 * 86_400_000);
    await f.reload();
    const since = NOW.getTime() - 3 * 86_400_000;
    const expected = local.server.sessions.filter((s) => Date.parse(s.attributes.created!) >= since).map((s) => s.id);
    assert.ok(expected.length > 0 && expected.length < 200);
    assert.deepEqual(f.entries.map((e) => e.id), expected);
  });

  it('merges arrivals on refresh and says how many; a second refresh finds none', async () => {
    const f = feed();
    await f.reload();
    const arrived = local.server.arrive({ sessions: 4 });
    assert.equal(await f.refresh(), 4);
    assert.deepEqual(f.entries.slice(0, 4).map((e) => e.id), arrived.sessions.map((s) => s.id));
    assert.equal(f.entries.length, 34);
    assert.equal(await f.refresh(), 0);
  });

  it('after more arrivals than a refresh follows, starts over from the newest instead of leaving a gap', async () => {
    const f = feed(10);
    await f.reload();
    local.server.arrive({ sessions: 250 });
    await f.refresh();
    const ids = f.entries.map((e) => e.id);
    assert.deepEqual(ids, local.server.sessions.slice(0, 200).map((s) => s.id));
    assert.equal(f.hasMore, true);
  });

  it('keeps what was loaded when a call fails, and clears the error on the next success', async () => {
    const f = feed();
    await f.reload();
    local.server.setFaults({ serverErrors: { status: 503, count: 5 } });
    await f.loadMore();
    assert.match(f.error!.message, /HTTP 503/);
    assert.equal(f.entries.length, 30);
    local.server.clearFaults();
    await f.loadMore();
    assert.equal(f.error, undefined);
    assert.equal(f.entries.length, 60);
  });

  it('applies filters server-side and starts over when they change', async () => {
    const f = feed();
    const user = local.server.sessions[0]!.attributes.username!;
    await f.setFilters({ username: user });
    assert.ok(f.entries.length > 0 && f.entries.every((e) => e.username === user));
    await f.setFilters({});
    assert.deepEqual(f.entries.map((e) => e.id), local.server.sessions.slice(0, 30).map((s) => s.id));
  });

  it('never lets a background refresh cancel a load the user asked for', async () => {
    local.server.setFaults({ latencyMs: 200 });
    const f = feed();
    const reload = f.reload();
    assert.equal(await f.refresh(), 0);
    await reload;
    assert.equal(f.error, undefined);
    assert.deepEqual(f.entries.map((e) => e.id), local.server.sessions.slice(0, 30).map((s) => s.id));
  });

  it('drops what the old filters found as soon as the filters change, even when the new query fails', async () => {
    const f = feed();
    await f.reload();
    local.server.setFaults({ serverErrors: { status: 500, count: 10 } });
    await f.setFilters({ username: 'someone-else' });
    assert.match(f.error!.message, /HTTP 500/);
    assert.deepEqual(f.entries, []);
    assert.equal(f.hasMore, false);
  });

  describe('settings that change while a start-over runs', () => {
    let current = { windowMs: 3 * 86_400_000, pageSize: 10 };
    const changeable = () => new ActivityFeed<SessionEntry>((query, options) => local.client.sessionPages(query, options), () => current, () => NOW);
    const newestIds = (count: number) => local.server.sessions.slice(0, count).map((s) => s.id);

    beforeEach(() => {
      current = { windowMs: 3 * 86_400_000, pageSize: 10 };
      local.server.setFaults({ latencyMs: 200 });
    });

    it('the first caller sees the start-over with the newest settings, not the one they replaced', async () => {
      const f = changeable();
      const first = f.reload();
      current = { windowMs: 90 * 86_400_000, pageSize: 50 };
      const second = f.reload();
      await first;
      assert.deepEqual(f.entries.map((e) => e.id), newestIds(50));
      await second;
      assert.equal(f.error, undefined);
      assert.deepEqual(f.entries.map((e) => e.id), newestIds(50));
    });

    it('"Load more" waits for that start-over and goes on from its entries', async () => {
      const f = changeable();
      await f.reload();
      current = { windowMs: 90 * 86_400_000, pageSize: 50 };
      const reload = f.reload();
      await f.loadMore();
      await reload;
      assert.equal(f.error, undefined);
      assert.deepEqual(f.entries.map((e) => e.id), newestIds(100));
    });
  });

  it('cancels what is in flight when a newer operation starts, without reporting an error', async () => {
    local.server.setFaults({ latencyMs: 300 });
    const f = feed();
    const first = f.reload();
    const user = local.server.sessions[0]!.attributes.username!;
    const second = f.setFilters({ username: user });
    await Promise.all([first, second]);
    assert.equal(f.error, undefined);
    assert.ok(f.entries.length > 0 && f.entries.every((e) => e.username === user));
  });
});

describe('mergeNewestFirst', () => {
  it('merges two newest-first lists, ties broken by id descending', () => {
    const e = (id: number, created: number) => ({ id, created });
    assert.deepEqual(mergeNewestFirst([e(9, 50), e(5, 30), e(2, 10)], [e(8, 50), e(7, 40), e(1, 10)]).map((x) => x.id), [9, 8, 7, 5, 2, 1]);
  });
});
