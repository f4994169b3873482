// The newest hours of a generated log, where an admin lands: within the last two days there is a
// failed-login burst, a listener failing call after call, a mass deletion and a file deleted after
// it was downloaded. Each is found in the data by what it is, not by where the generator put it.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire, WebhookEntryWire } from '../../../../src/api/wire';
import { startExaVaultServer } from '../../../../server/index';
import { LATEST_STORIES_FROM_SESSIONS } from '../../../../server/generate/generate';
import { DEMO_ACCOUNT, DEMO_SETTINGS } from '../../../../scripts/lib/demoAccount';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Dates where calendars go wrong (see anyDate.test.ts): the stories are offsets from now on any of them.
const NOWS = ['2026-07-15T18:30:00.750Z', '2027-01-01T00:00:02.100Z', '2026-03-08T10:30:00Z'].map((text) => new Date(text));
// The demo's log (scripts/demo.ts), and the smallest log that tells these stories under other seeds.
const LOGS = [
  { seed: 2026, sessions: 20_000, webhooks: 4000 },
  { seed: 7, sessions: LATEST_STORIES_FROM_SESSIONS, webhooks: 500 },
  { seed: 19, sessions: LATEST_STORIES_FROM_SESSIONS, webhooks: 500 },
];

const time = (entry: { attributes: { created?: string } }): number => Date.parse(entry.attributes.created!);
const failed = (call: WebhookEntryWire): boolean => (call.attributes.status ?? 200) < 200 || (call.attributes.status ?? 200) >= 300;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  }
  return groups;
}

/** The most entries sharing `key` within `spanMs` of each other: the size of the densest run. */
function densest<T extends SessionEntryWire>(entries: readonly T[], key: (entry: T) => string, spanMs: number): { key: string; count: number } {
  let best = { key: '', count: 0 };
  for (const [name, group] of groupBy(entries, key)) {
    const times = group.map(time).sort((a, b) => a - b);
    for (let first = 0, last = 0; last < times.length; last++) {
      while (times[last]! - times[first]! > spanMs) {
        first++;
      }
      if (last - first + 1 > best.count) {
        best = { key: name, count: last - first + 1 };
      }
    }
  }
  return best;
}

/** The longest run of failed calls to one listener, its calls in time order. */
function longestFailingRun(calls: readonly WebhookEntryWire[]): { endpoint: string; count: number } {
  let best = { endpoint: '', count: 0 };
  for (const [endpoint, group] of groupBy(calls, (call) => call.attributes.endpointUrl ?? '')) {
    let run = 0;
    for (const call of group.sort((a, b) => time(a) - time(b) || a.id - b.id)) {
      run = failed(call) ? run + 1 : 0;
      if (run > best.count) {
        best = { endpoint, count: run };
      }
    }
  }
  return best;
}

/** Each story's size in the last 48 hours before `now`: what the tests below require of it. */
async function latestStories(log: { seed: number; sessions: number; webhooks: number }, now: Date) {
  const server = await startExaVaultServer({ ...log, now });
  try {
    const since = now.getTime() - 48 * HOUR;
    const latestSessions = server.sessions.filter((entry) => time(entry) > since);
    const failedLogins = latestSessions.filter((entry) => entry.attributes.operation === 'PASS' && entry.attributes.status === 'failed');
    const deletions = latestSessions.filter((entry) => entry.attributes.operation === 'DELE');
    const downloads = server.sessions.filter((entry) => entry.attributes.operation === 'RETR');
    return {
      loginBurst: densest(failedLogins, (entry) => entry.attributes.ipAddress!, 10 * MINUTE),
      failingRun: longestFailingRun(server.webhooks.filter((call) => time(call) > since)),
      massDeletion: densest(deletions, (entry) => entry.attributes.username!, 10 * MINUTE),
      deletedAfterDownload: deletions.filter((deletion) => downloads.some((download) => download.attributes.fileName === deletion.attributes.fileName
        && time(download) < time(deletion))).length,
    };
  } finally {
    await server.close();
  }
}

for (const log of LOGS) {
  describe(`local server: the latest stories of seed ${log.seed} (${log.sessions} session entries)`, () => {
    for (const now of NOWS) {
      describe(`as of ${now.toISOString()}`, () => {
        let stories: Awaited<ReturnType<typeof latestStories>>;
        before(async function () {
          this.timeout(30_000);
          stories = await latestStories(log, now);
        });

        it('has a failed-login burst: 10 or more failed logins from one address within 10 minutes', () => {
          const { count, key } = stories.loginBurst;
          assert.ok(count >= 10, `at most ${count} failed logins from one address (${key}) within 10 minutes`);
        });

        it('has a listener that failed 5 or more times in a row', () => {
          const { count, endpoint } = stories.failingRun;
          assert.ok(count >= 5, `at most ${count} failures in a row (${endpoint})`);
        });

        it('has a mass deletion: 10 or more files deleted by one user within 10 minutes', () => {
          const { count, key } = stories.massDeletion;
          assert.ok(count >= 10, `at most ${count} deletions by one user (${key}) within 10 minutes`);
        });

        it('has a file deleted after it was downloaded', () => {
          assert.ok(stories.deletedAfterDownload > 0, 'no file deleted in the last 48 hours was downloaded before');
        });
      });
    }
  });
}

describe('local server: the latest stories (positive control)', () => {
  it('are missing from a log one entry too small to tell them, so the checks above can fail', async function () {
    this.timeout(30_000);
    const stories = await latestStories({ seed: 7, sessions: LATEST_STORIES_FROM_SESSIONS - 1, webhooks: 500 }, NOWS[0]!);
    assert.ok(stories.loginBurst.count < 10, `${stories.loginBurst.count} failed logins`);
    assert.ok(stories.failingRun.count < 5, `${stories.failingRun.count} failures in a row`);
    assert.ok(stories.massDeletion.count < 10, `${stories.massDeletion.count} deletions`);
    assert.equal(stories.deletedAfterDownload, 0);
  });
});

describe('the demo: the sidebar\'s first page reaches the latest stories', () => {
  const newestFirst = <T extends SessionEntryWire | WebhookEntryWire>(entries: readonly T[]): T[] => [...entries].sort((a, b) => time(b) - time(a) || b.id - a.id);
  /** The stories in the newest `pageSize` entries of each log: what the sidebar's first page shows. */
  async function firstPage(pageSize: number) {
    const server = await startExaVaultServer({ ...DEMO_ACCOUNT, now: NOWS[0]! });
    try {
      const sessions = newestFirst(server.sessions).slice(0, pageSize);
      const calls = newestFirst(server.webhooks).slice(0, pageSize);
      const failedLogins = sessions.filter((entry) => entry.attributes.operation === 'PASS' && entry.attributes.status === 'failed');
      return {
        loginBurst: densest(failedLogins, (entry) => entry.attributes.ipAddress!, 10 * MINUTE).count,
        massDeletion: densest(sessions.filter((entry) => entry.attributes.operation === 'DELE'), (entry) => entry.attributes.username!, 10 * MINUTE).count,
        failingRun: longestFailingRun(calls).count,
      };
    } finally {
      await server.close();
    }
  }

  it('shows the failed-login burst, the mass deletion and the failing listener with the demo\'s page size', async function () {
    this.timeout(30_000);
    const stories = await firstPage(DEMO_SETTINGS['exavault.pageSize']);
    assert.ok(stories.loginBurst >= 10, `${stories.loginBurst} failed logins from one address`);
    assert.ok(stories.massDeletion >= 10, `${stories.massDeletion} deletions by one user`);
    assert.ok(stories.failingRun >= 5, `${stories.failingRun} failures in a row`);
  });

  it('misses the burst with the default page of 100 (positive control: the setting is what reaches it)', async function () {
    this.timeout(30_000);
    assert.ok((await firstPage(100)).loginBurst < 10);
  });
});
