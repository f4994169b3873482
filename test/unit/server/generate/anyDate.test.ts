// The generated account is the same on any date: for a seed, every entry is identical whatever
// `now` is, except its times, which are `now` (to the second) minus a fixed per-entry offset.
// Dates chosen where calendars go wrong: just after midnight UTC, a month end, 29 February, and the
// days clocks change in the United States (where the company works) and in Europe.
import * as assert from 'node:assert/strict';
import { startExaVaultServer } from '../../../../server/index';

const NOWS = [
  '2026-07-15T18:30:00.750Z',
  '2027-01-01T00:00:02.100Z',
  '2027-01-31T23:59:59.999Z',
  '2028-02-29T23:58:00Z',
  '2026-03-08T10:30:00Z',
  '2026-10-25T01:30:00Z',
].map((text) => new Date(text));

// An ISO 8601 time as the server writes them (`created`, `eventTimestamp`, a resource's `createdAt`...).
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The value with every time replaced by its distance from `now` to the second, and how many it replaced. */
function relativeToNow(value: unknown, now: number, counter: { times: number }): unknown {
  if (typeof value === 'string' && TIME.test(value)) {
    counter.times++;
    return { secondsBeforeNow: (Math.floor(now / 1000) * 1000 - Date.parse(value)) / 1000, written: value.slice(19) };
  }
  if (Array.isArray(value)) {
    return value.map((item) => relativeToNow(item, now, counter));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, relativeToNow(item, now, counter)]));
  }
  return value;
}

async function generatedAt(now: Date, dataset?: 'hostile') {
  const server = await startExaVaultServer({ seed: 19, sessions: 3000, webhooks: 600, now, dataset });
  try {
    const counter = { times: 0 };
    const sessions = relativeToNow(server.sessions, now.getTime(), counter);
    const webhooks = relativeToNow(server.webhooks, now.getTime(), counter);
    const folders = ['/Finance', '/Marketing', '/Clients'].map((path) => server.resource(path));
    return { sessions, webhooks, folders, times: counter.times, count: server.sessions.length + server.webhooks.length };
  } finally {
    await server.close();
  }
}

describe('local server: the same data on any date', () => {
  for (const dataset of [undefined, 'hostile'] as const) {
    it(`generates the ${dataset ?? 'realistic'} data set identically at six dates, times as offsets from now`, async function () {
      this.timeout(60_000);
      const [first, ...others] = await Promise.all(NOWS.map((now) => generatedAt(now, dataset)));
      // What the comparison relies on: every entry came, and at least one time an entry (its `created`).
      assert.equal(first!.count, 3600);
      assert.ok(first!.times >= first!.count, `${first!.times} times replaced for ${first!.count} entries`);
      for (const [index, other] of others.entries()) {
        const at = NOWS[index + 1]!.toISOString();
        assert.deepEqual(other.sessions, first!.sessions, `sessions at ${at}`);
        assert.deepEqual(other.webhooks, first!.webhooks, `webhook calls at ${at}`);
        assert.deepEqual(other.folders, first!.folders, `folders at ${at}`);
      }
    });
  }

  it('would see a time that moved by one second (positive control)', async () => {
    const counter = { times: 0 };
    const now = NOWS[0]!.getTime();
    const entry = (created: string) => relativeToNow({ attributes: { created } }, now, counter);
    assert.deepEqual(entry('2026-07-15T18:29:00Z'), entry('2026-07-15T18:29:00Z'));
    assert.notDeepEqual(entry('2026-07-15T18:29:00Z'), entry('2026-07-15T18:29:01Z'));
    assert.equal(counter.times, 4);
  });
});
