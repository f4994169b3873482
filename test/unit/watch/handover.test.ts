// A watch handed over (a reload, another window taking the account): the next poller resumes from the
// later of the newest entry the record saw and the time its polls covered, so what was logged while no
// one polled is read, its incident told once, on a quiet log too; and a record left long ago reads no
// further back than the stated bound.
import * as assert from 'node:assert/strict';
import { ExaVaultClient } from '../../../src/api/client';
import { Poller } from '../../../src/watch/poller';
import { MAX_RESUME_LOOK_BACK_MS, POLL_OVERLAP_MS } from '../../../src/watch/pollWindow';
import type { Incident } from '../../../src/watch/rules/incident';
import { DEFAULT_WATCH_THRESHOLDS, type WatchThresholds } from '../../../src/watch/rules/ruleThresholds';
import { emptyWatchRecord, recordEntries, recordPolledUpTo, resumePoints, type WatchRecord } from '../../../src/watch/watchRecord';
import { ManualTimers } from '../../support/manualTimers';
import { useLocalServer } from '../../support/localServer';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const INTERVAL = 120_000;
// Six failed calls within ten minutes, and no "in a row" half: exactly what the outage below injects.
const THRESHOLDS: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS, endpointFailures: { count: 6, minutes: 10, inARow: 0 } };

describe('a watch handed over from one poller to the next', () => {
  let timers = new ManualTimers(T0);
  const local = useLocalServer({ seed: 23, sessions: 60, webhooks: 20, now: new Date(T0), clock: () => timers.now }, { each: true });
  const pollers: Poller[] = [];
  beforeEach(() => {
    timers = new ManualTimers(T0);
  });
  afterEach(() => pollers.splice(0).forEach((poller) => poller.dispose()));

  /** The account's record, shared by the pollers as the windows share its file, and every incident told. */
  const account = () => {
    const shared = { record: emptyWatchRecord() as WatchRecord, told: [] as Incident[] };
    const poll = (resume: boolean) => {
      const { baseUrl, apiKey, accessToken } = local.server;
      const client = new ExaVaultClient(new URL(baseUrl), { apiKey, accessToken }, { serverRetries: 0, rateLimitRetries: 0 });
      const poller = new Poller({ source: client, intervalMs: INTERVAL, clock: timers.clock, timers, ...(resume ? { resumeAfter: resumePoints(shared.record) } : {}) });
      pollers.push(poller);
      poller.onEntries(({ entries }) => {
        const { record, opened } = recordEntries(shared.record, entries, THRESHOLDS, 'acme');
        shared.record = record;
        shared.told.push(...opened);
      });
      poller.onPolledUpTo(({ stream, time }) => {
        shared.record = recordPolledUpTo(shared.record, stream.log, time);
      });
      poller.start();
      return poller;
    };
    return { shared, poll };
  };
  const tick = async (poller: Poller) => {
    timers.fireNext();
    await poller.whenIdle();
  };

  /** A first poller that read some of both logs, then stopped; an outage logged while none polls; a second poller's two polls. */
  const handOver = async (resume: boolean) => {
    const { shared, poll } = account();
    const first = poll(false);
    local.server.arrive({ sessions: 3, webhooks: 3 });
    await tick(first);
    assert.ok(resumePoints(shared.record).session && resumePoints(shared.record).webhook, 'the record saw both logs');
    first.dispose();
    // A reload's worth of time with no poller, in which the outage is logged.
    timers.now += 20_000;
    const outage = local.server.inject({ kind: 'outage', calls: 6, minutes: 0 });
    timers.now += 20_000;
    const second = poll(resume);
    await tick(second);
    await tick(second);
    return { told: shared.told, outage };
  };

  it('reads what was logged while no one polled, and tells of its incident once', async () => {
    const { told, outage } = await handOver(true);
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.equal(told[0]!.subject, outage.subject.endpointUrl);
    assert.deepEqual([...told[0]!.entryIds].sort((a, b) => a - b), outage.entries.map(({ id }) => id).sort((a, b) => a - b));
  });

  it('positive control: a poller starting from now misses it', async () => {
    const { told } = await handOver(false);
    assert.deepEqual(told, []);
  });

  /** A first poller that polled a quiet account (no entry seen), then stopped; an outage logged while none polls; a second poller's two polls. */
  const handOverQuiet = async (keepPolledUpTo: boolean) => {
    const { shared, poll } = account();
    const first = poll(false);
    await tick(first);
    await tick(first);
    assert.deepEqual(resumePoints({ ...shared.record, polledUpTo: {} }), {}, 'no entry seen in either log');
    first.dispose();
    timers.now += 20_000;
    const outage = local.server.inject({ kind: 'outage', calls: 6, minutes: 0 });
    timers.now += 20_000;
    if (!keepPolledUpTo) {
      shared.record = { ...shared.record, polledUpTo: {} };
    }
    const second = poll(true);
    await tick(second);
    await tick(second);
    return { told: shared.told, outage };
  };

  it('on a quiet account, resumes from the time the last poll covered: what was logged while no one polled is read', async () => {
    const { told, outage } = await handOverQuiet(true);
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.deepEqual([...told[0]!.entryIds].sort((a, b) => a - b), outage.entries.map(({ id }) => id).sort((a, b) => a - b));
  });

  it('positive control: without the time polls covered, a quiet account\'s next poller starts from now and misses it', async () => {
    const { told } = await handOverQuiet(false);
    assert.deepEqual(told, []);
  });

  it('resumes from the later of the newest entry and the time polls covered, less the overlap', async () => {
    const { shared, poll } = account();
    const newest = T0 - 10 * 60_000;
    const polled = T0 - 5 * 60_000;
    shared.record = recordPolledUpTo(recordPolledUpTo({ ...shared.record, ruleState: { ...shared.record.ruleState, newest: { sessions: newest, webhooks: polled } } },
      'session', polled), 'webhook', newest);
    const poller = poll(true);
    local.server.resetStats();
    await tick(poller);
    const asked = Object.fromEntries(local.server.requests().map(({ path, query }) => [path, query.startDate]));
    const from = new Date(polled - POLL_OVERLAP_MS).toISOString();
    assert.deepEqual(asked, { '/api/v2/activity/session': from, '/api/v2/activity/webhooks': from });
  });

  it('resumes from the newest entry less the overlap, and from no further back than the bound', async () => {
    const { shared, poll } = account();
    const newest = T0 - 10 * 60_000;
    shared.record = { ...shared.record, ruleState: { ...shared.record.ruleState, newest: { sessions: newest, webhooks: T0 - 7 * 24 * 3_600_000 } } };
    const poller = poll(true);
    local.server.resetStats();
    await tick(poller);
    const asked = Object.fromEntries(local.server.requests().map(({ path, query }) => [path, query.startDate]));
    assert.deepEqual(asked, {
      '/api/v2/activity/session': new Date(newest - POLL_OVERLAP_MS).toISOString(),
      // A week-old record: an hour back from when the poller started, not the week.
      '/api/v2/activity/webhooks': new Date(T0 - MAX_RESUME_LOOK_BACK_MS).toISOString(),
    });
  });
});
