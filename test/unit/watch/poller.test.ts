import * as assert from 'node:assert/strict';
import { ExaVaultClient } from '../../../src/api/client';
import { ExaVaultError } from '../../../src/api/errors';
import type { ActivityEntry } from '../../../src/api/models';
import { Poller, type ActivitySource, type NewEntries, type PollerOptions, type PollerState } from '../../../src/watch/poller';
import { ManualTimers } from '../../support/manualTimers';
import { useLocalServer } from '../../support/localServer';

const T0 = Date.parse('2026-03-01T10:00:00Z');
// Two logs every two minutes: 1,440 calls a day, within 5% of the server's 50,000.
const INTERVAL = 120_000;
const SESSION_PATH = '/api/v2/activity/session';
const WEBHOOK_PATH = '/api/v2/activity/webhooks';

describe('Poller against the local server', () => {
  // The server stamps arrivals with the same clock the poller's timers move: no real time anywhere.
  let timers = new ManualTimers(T0);
  const local = useLocalServer({ seed: 22, sessions: 60, webhooks: 20, now: new Date(T0), clock: () => timers.now }, { each: true });
  let poller: Poller | undefined;
  beforeEach(() => {
    timers = new ManualTimers(T0);
  });
  afterEach(() => poller?.dispose());

  /** A client that waits out nothing itself, as the poller wants. */
  const client = (accessToken = local.server.accessToken) =>
    new ExaVaultClient(new URL(local.server.baseUrl), { apiKey: local.server.apiKey, accessToken }, { serverRetries: 0, rateLimitRetries: 0 });

  /** A started poller, with everything it passed on and every state it reported. */
  const watch = (options: Partial<PollerOptions> = {}) => {
    poller = new Poller({ source: client(), intervalMs: INTERVAL, clock: timers.clock, timers, ...options });
    const passed: NewEntries[] = [];
    const states: PollerState[] = [];
    const polledUpTo: [string, number][] = [];
    poller.onEntries((e) => passed.push(e));
    poller.onState((s) => states.push(s));
    poller.onPolledUpTo(({ stream, time }) => polledUpTo.push([stream.log, time]));
    poller.start();
    const ids = (log: 'session' | 'webhook') => passed.filter((e) => e.stream.log === log).flatMap((e) => e.entries.map((entry) => entry.id));
    return { poller, passed, states, ids, polledUpTo };
  };

  /** Fires the next timer and waits for the poll it starts; returns how long the clock moved. */
  const tick = async (): Promise<number> => {
    const moved = timers.fireNext();
    await poller!.whenIdle();
    return moved;
  };

  const stats = async () => (await (await fetch(`${local.server.url}/__control/stats`)).json()) as { requests: number; byPath: Record<string, number> };
  const arrive = async (counts: { sessions?: number; webhooks?: number }) => {
    const response = await fetch(`${local.server.url}/__control/arrive`, { method: 'POST', body: JSON.stringify(counts) });
    return (await response.json()) as { sessions: { id: number }[]; webhooks: { id: number }[] };
  };

  it('sends nothing before the first interval; a quiet account costs exactly one call per log per poll', async () => {
    const { passed } = watch();
    assert.equal((await stats()).requests, 0);
    assert.deepEqual(timers.pending, [INTERVAL]);
    for (let poll = 1; poll <= 3; poll++) {
      assert.equal(await tick(), INTERVAL);
      const { byPath, requests } = await stats();
      assert.deepEqual([byPath[SESSION_PATH], byPath[WEBHOOK_PATH], requests], [poll, poll, 2 * poll]);
    }
    assert.deepEqual(passed, [], 'nothing arrived, and the history before watching started is not new');
    assert.equal(poller!.cost.callsPerDay, 2 * 24 * 30);
  });

  it('passes on what arrives, once, and keeps one poll at a time', async () => {
    const { ids } = watch();
    const arrived = await arrive({ sessions: 3, webhooks: 2 });
    const fired = timers.fireNext();
    assert.deepEqual(timers.pending, [], 'no next poll is scheduled while one runs');
    await poller!.whenIdle();
    assert.equal(fired, INTERVAL);
    assert.deepEqual(timers.pending, [INTERVAL]);
    assert.deepEqual(ids('session').sort(), arrived.sessions.map((s) => s.id).sort());
    assert.deepEqual(ids('webhook').sort(), arrived.webhooks.map((w) => w.id).sort());
    await tick();
    assert.equal(ids('session').length + ids('webhook').length, 5, 'the overlap read again, passed on no more');
  });

  it('pages a busy account, bounded per poll; the next poll continues with no repeat or gap', async () => {
    const { passed, ids } = watch({ pageSize: 50, maxPagesPerPoll: 3 });
    const arrived = await arrive({ sessions: 230 });
    await tick();
    assert.equal((await stats()).byPath[SESSION_PATH], 3);
    assert.equal(ids('session').length, 150);
    assert.equal(passed.at(-1)?.behind, true);
    await tick();
    // 80 left: a full page and a short one.
    assert.equal((await stats()).byPath[SESSION_PATH], 5);
    assert.equal(passed.at(-1)?.behind, false);
    assert.deepEqual(ids('session').sort(), arrived.sessions.map((s) => s.id).sort());
    assert.equal(new Set(ids('session')).size, 230);
  });

  it('says a log was polled up to when its poll started, only once that poll caught up', async () => {
    const { polledUpTo } = watch({ pageSize: 50, maxPagesPerPoll: 3 });
    await arrive({ sessions: 160 });
    const first = T0 + await tick();
    assert.deepEqual(polledUpTo, [['webhook', first]], 'the session log stopped at its page cap');
    // Three calls a poll stretch the interval: the second poll starts when the clock moved to.
    const second = first + await tick();
    assert.deepEqual(polledUpTo.slice(1), [['session', second], ['webhook', second]]);
  });

  it('passes on entries that arrive in the second already seen, none lost and none twice', async () => {
    const { ids } = watch();
    // The first poll's second: entries before the poll and after it, all stamped with that one second.
    timers.now = T0 + INTERVAL;
    const before = await arrive({ sessions: 2 });
    await tick();
    assert.deepEqual(ids('session').sort(), before.sessions.map((s) => s.id).sort());
    const sameSecond = await arrive({ sessions: 3 });
    assert.equal(timers.now, T0 + INTERVAL, 'the server stamped them with the second already seen');
    await tick();
    assert.deepEqual(ids('session').sort(), [...before.sessions, ...sameSecond.sessions].map((s) => s.id).sort());
  });

  it('backs off on 429 for as long as Retry-After says, then polls at the interval again', async () => {
    const { states, ids } = watch();
    local.server.setFaults({ rateLimitBurst: 1, retryAfterSeconds: 900 });
    await tick();
    assert.equal(states.at(-1)?.kind, 'rateLimited');
    assert.deepEqual(timers.pending, [900_000]);
    const arrived = await arrive({ sessions: 2 });
    assert.equal(await tick(), 900_000);
    assert.deepEqual(states.map((s) => s.kind), ['rateLimited', 'watching']);
    assert.deepEqual(ids('session').sort(), arrived.sessions.map((s) => s.id).sort(), 'nothing lost while waiting');
    assert.deepEqual(timers.pending, [INTERVAL]);
  });

  it('stops on 401 and says so once', async () => {
    poller = new Poller({ source: client('0'.repeat(64)), intervalMs: INTERVAL, clock: timers.clock, timers });
    const states: PollerState[] = [];
    poller.onState((s) => states.push(s));
    poller.start();
    await tick();
    assert.deepEqual(states.map((s) => s.kind), ['stopped']);
    assert.match((states[0] as { message: string }).message, /API key or the access token/);
    assert.deepEqual(timers.pending, [], 'no poll after the stop');
    assert.equal((await stats()).requests, 1);
  });

  it('pauses while ExaVault cannot be reached, says so, and resumes with what arrived meanwhile', async () => {
    const { states, ids } = watch();
    local.server.setFaults({ resetMidBody: 2 });
    await tick();
    assert.equal(states.at(-1)?.kind, 'offline');
    assert.match((states.at(-1) as { message: string }).message, /cannot be reached/);
    assert.deepEqual(timers.pending, [INTERVAL]);
    await tick();
    assert.deepEqual(timers.pending, [2 * INTERVAL], 'the probe backs off while still offline');
    const arrived = await arrive({ sessions: 2, webhooks: 1 });
    await tick();
    assert.deepEqual(states.map((s) => s.kind), ['offline', 'offline', 'watching']);
    assert.equal(ids('session').length + ids('webhook').length, 3);
    assert.deepEqual(ids('webhook'), arrived.webhooks.map((w) => w.id));
    assert.deepEqual(timers.pending, [INTERVAL]);
  });

  it('asks with the server filters a caller gives', async () => {
    const { passed } = watch({ streams: [{ log: 'session', filters: { type: 'PASS' } }] });
    const arrived = await arrive({ sessions: 40 });
    await tick();
    const passes = arrived.sessions.filter((s) => (s as { attributes?: { operation?: string } }).attributes?.operation === 'PASS');
    assert.ok(passes.length > 0 && passes.length < 40, 'the arrivals hold logins and other operations');
    assert.deepEqual(passed.flatMap((e) => e.entries.map((entry) => entry.id)).sort(), passes.map((s) => s.id).sort());
    assert.deepEqual((await stats()).byPath, { [SESSION_PATH]: 1 });
  });

  it('stops everything when disposed during a poll: nothing passed on after, no poll scheduled', async () => {
    const { passed } = watch();
    await arrive({ sessions: 2 });
    timers.fireNext();
    poller!.dispose();
    await poller!.whenIdle();
    assert.deepEqual(timers.pending, []);
    assert.deepEqual(passed, []);
    assert.ok((await stats()).requests <= 1, 'the poll stopped at its first request');
  });

  it('stops everything on dispose', async () => {
    const { passed } = watch();
    await arrive({ sessions: 2 });
    poller!.dispose();
    assert.deepEqual(timers.pending, []);
    assert.equal((await stats()).requests, 0);
    assert.deepEqual(passed, []);
  });
});

describe('Poller backoff without Retry-After', () => {
  it('doubles the wait after each 429, up to the cap', async () => {
    const timers = new ManualTimers(T0);
    const refuse = async (): Promise<{ entries: ActivityEntry[]; returnedResults: number }> => {
      throw new ExaVaultError('rateLimited', 'used up', { status: 429 });
    };
    const source: ActivitySource = { getSessionActivity: refuse, getWebhookActivity: refuse, rateLimit: undefined } as unknown as ActivitySource;
    const poller = new Poller({ source, intervalMs: INTERVAL, maxBackoffMs: 5 * INTERVAL, clock: timers.clock, timers, streams: [{ log: 'session' }] });
    poller.start();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      timers.fireNext();
      await poller.whenIdle();
      waits.push(timers.pending[0]!);
    }
    poller.dispose();
    assert.deepEqual(waits, [1, 2, 4, 5, 5].map((n) => n * INTERVAL));
  });
});

describe('Poller interval', () => {
  it('stretches to keep within the share of the allowance the responses say', async () => {
    const timers = new ManualTimers(T0);
    const source = {
      rateLimit: undefined as { limit: number; remaining: number; at: Date } | undefined,
      getSessionActivity: async () => {
        source.rateLimit = { limit: 20_000, remaining: 19_000, at: new Date(T0) };
        return { entries: [], returnedResults: 0 };
      },
      getWebhookActivity: async () => ({ entries: [], returnedResults: 0 }),
    };
    const poller = new Poller({ source: source as unknown as ActivitySource, intervalMs: INTERVAL, clock: timers.clock, timers });
    poller.start();
    // Unknown allowance: the smallest plan's 50,000, where two logs every two minutes fit 5%.
    assert.deepEqual(timers.pending, [INTERVAL]);
    timers.fireNext();
    await poller.whenIdle();
    // 20,000 a day: 5% is 1,000 calls, aimed at 900, two logs a poll: one poll every 192 s.
    assert.deepEqual(timers.pending, [192_000]);
    assert.ok(poller.cost.share <= 0.05);
    poller.dispose();
  });
});
