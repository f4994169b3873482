import * as assert from 'node:assert/strict';
import { AccountActivity, type AcceptedEntries } from '../../../src/activity/accountActivity';
import type { FeedSettings } from '../../../src/activity/activityFeed';
import type { ActivityEntry, SessionEntry, WebhookCall } from '../../../src/api/models';
import { useLocalServer } from '../../support/localServer';

const DAY = 86_400_000;

describe('AccountActivity: one account\'s entries, loaded or handed in', () => {
  // The server's clock and the store's both start at NOW, so the window means the same to both on any date.
  const NOW = new Date('2026-11-20T12:00:00Z');
  const local = useLocalServer({ seed: 34, sessions: 200, webhooks: 60, now: NOW }, { each: true });
  let settings: FeedSettings;
  let now: Date;
  let accepted: AcceptedEntries[];

  const makeStore = () => {
    const store = new AccountActivity('account', {
      sessions: (query, options) => local.client.sessionPages(query, options),
      webhooks: (query, options) => local.client.webhookPages(query, options),
    }, () => settings, () => now);
    store.onDidAccept((event) => accepted.push(event));
    return store;
  };
  /** An entry as the store sees it: the id and the time are all it orders and bounds by. */
  const session = (id: number, created: number | undefined) => ({ kind: 'session', id, created }) as SessionEntry;
  const ids = (entries: readonly ActivityEntry[]) => entries.map((entry) => entry.id);
  const serverIds = (count: number) => local.server.sessions.slice(0, count).map((s) => s.id);

  beforeEach(() => {
    settings = { windowMs: 90 * DAY, pageSize: 30 };
    now = NOW;
    accepted = [];
  });

  it('merges entries read elsewhere newest first, once each, and says how many were new', async () => {
    const store = makeStore();
    await store.sessions.reload();
    const requests = store.sessions.requests;
    const arrived = local.server.arrive({ sessions: 3 });
    // As the poller reads them: oldest first, then again in the next poll's overlap.
    const read = (await local.client.getSessionActivity({ limit: 3, sort: 'date', startDate: arrived.sessions.at(-1)!.attributes.created! })).entries;
    assert.deepEqual(ids(read).sort(), arrived.sessions.map((s) => s.id).sort(), 'set-up: the arrivals');
    store.accept('sessions', read);
    store.accept('sessions', read);
    assert.deepEqual(ids(store.sessions.entries), [...arrived.sessions.map((s) => s.id), ...serverIds(200).filter((id) => !arrived.sessions.some((s) => s.id === id)).slice(0, 30)]);
    assert.deepEqual(accepted, [{ kind: 'sessions', added: 3 }]);
    assert.equal(store.sessions.requests, requests, 'no request of its own');
    assert.equal(store.webhooks.started, false, 'the other log is untouched');
  });

  it('puts a late entry where its time says, and hands each log only its own entries', async () => {
    const store = makeStore();
    await store.sessions.reload();
    await store.webhooks.reload();
    const loaded = store.sessions.entries;
    const between = loaded[4]!.created! - 1;
    const expected = loaded[4]!.created === loaded[5]!.created ? undefined : 5;
    assert.notEqual(expected, undefined, 'set-up: the fifth and sixth entries are of different times');
    const late = session(10_000_001, between);
    const call = { kind: 'webhook', id: 10_000_002, created: NOW.getTime() } as WebhookCall;
    store.accept('sessions', [late, call]);
    assert.equal(store.sessions.entries.indexOf(late), expected);
    assert.equal(store.sessions.entries.length, loaded.length + 1);
    assert.equal(store.webhooks.entries.some((entry) => entry.id === call.id), false, 'a webhook call handed in as a session is not one');
    store.accept('webhooks', [call]);
    assert.equal(store.webhooks.entries[0], call);
    assert.deepEqual(accepted, [{ kind: 'sessions', added: 1 }, { kind: 'webhooks', added: 1 }]);
  });

  it('keeps to the window: leaves out entries older than it, and drops loaded ones it moved past', async () => {
    settings = { windowMs: 3 * DAY, pageSize: 500 };
    const store = makeStore();
    await store.sessions.reload();
    assert.equal(store.sessions.hasMore, false, 'set-up: the whole window is loaded');
    const loaded = store.sessions.entries;
    const start = NOW.getTime() - settings.windowMs;
    store.accept('sessions', [session(10_000_001, start - 1), session(10_000_002, start)]);
    assert.deepEqual(ids(store.sessions.entries.filter((e) => e.id > 10_000_000)), [10_000_002]);

    // Later, once the window has moved past the oldest loaded entry, that one goes; the rest stay, in order.
    const moved = loaded.at(-1)!.created! - start + 1;
    now = new Date(NOW.getTime() + moved);
    store.accept('sessions', [session(10_000_003, now.getTime())]);
    const expected = [10_000_003, ...ids(loaded.filter((e) => e.created! >= start + moved))];
    assert.ok(expected.length < loaded.length + 1 && expected.length > 2, `set-up: ${loaded.length} loaded, ${expected.length - 1} inside the moved window`);
    assert.deepEqual(ids(store.sessions.entries), expected);
  });

  it('while older pages remain, leaves entries older than the oldest loaded to "Load more", with no gap or repeat', async () => {
    const store = makeStore();
    await store.sessions.reload();
    assert.equal(store.sessions.hasMore, true);
    const older = local.server.sessions[40]!;
    const [olderEntry] = (await local.client.getSessionActivity({ limit: 1, offset: 40 })).entries;
    assert.equal(olderEntry!.id, older.id, 'set-up: the 41st newest entry');
    store.accept('sessions', [olderEntry!, session(10_000_001, undefined)]);
    assert.deepEqual(ids(store.sessions.entries), serverIds(30));
    assert.deepEqual(accepted, []);
    await store.sessions.loadMore();
    assert.deepEqual(ids(store.sessions.entries), serverIds(60));
  });

  it('takes nothing into a filtered feed, nor into one not loaded yet', async () => {
    const store = makeStore();
    store.accept('sessions', [session(10_000_001, NOW.getTime())]);
    assert.deepEqual(store.sessions.entries, []);
    const user = local.server.sessions[0]!.attributes.username!;
    await store.sessions.setFilters({ username: user });
    const filtered = ids(store.sessions.entries);
    store.accept('sessions', [session(10_000_002, NOW.getTime())]);
    assert.deepEqual(ids(store.sessions.entries), filtered);
    // Positive control: unfiltered, the same kind of entry is taken.
    await store.sessions.setFilters({});
    store.accept('sessions', [session(10_000_003, NOW.getTime())]);
    assert.equal(ids(store.sessions.entries)[0], 10_000_003);
    assert.deepEqual(accepted, [{ kind: 'sessions', added: 1 }]);
  });

  it('merges entries handed in while a load runs once it ends, after the entries it loaded', async () => {
    const store = makeStore();
    await store.sessions.reload();
    local.server.setFaults({ latencyMs: 200 });
    const reload = store.sessions.reload();
    const handedIn = session(10_000_001, NOW.getTime() + 1000);
    store.accept('sessions', [handedIn]);
    assert.deepEqual(accepted, [], 'not yet: the load would replace it');
    await reload;
    assert.deepEqual(ids(store.sessions.entries), [handedIn.id, ...serverIds(30)]);
    assert.deepEqual(accepted, [{ kind: 'sessions', added: 1 }]);
  });

  it('loads with the newest settings when they change during a load', async () => {
    settings = { windowMs: 3 * DAY, pageSize: 10 };
    const store = makeStore();
    local.server.setFaults({ latencyMs: 200 });
    const first = store.sessions.reload();
    settings = { windowMs: 90 * DAY, pageSize: 50 };
    const second = store.sessions.reload();
    await first;
    assert.deepEqual(ids(store.sessions.entries), serverIds(50));
    await second;
    assert.equal(store.sessions.error, undefined);
    assert.deepEqual(ids(store.sessions.entries), serverIds(50));
  });
});
