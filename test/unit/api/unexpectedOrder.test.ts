// What the API does not promise: a default order, or a cursor that moves. The client asks for the
// order it relies on, and stops paging that makes no progress, saying so; against the local server
// with the switches for those behaviours.
import * as assert from 'node:assert/strict';
import { ActivityFeed } from '../../../src/activity/activityFeed';
import { ExaVaultClient } from '../../../src/api/client';
import type { SessionEntry } from '../../../src/api/models';
import { STUCK_PAGES } from '../../../src/api/paging';
import { startExaVaultServer, type RunningExaVaultServer, type ServerQuirks } from '../../../server/index';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

describe('client against servers that behave unexpectedly', () => {
  let server: RunningExaVaultServer;
  let client: ExaVaultClient;
  const start = async (quirks: ServerQuirks) => {
    server = await startExaVaultServer({ seed: 5, sessions: 1000, webhooks: 300, now: NOW, quirks });
    client = new ExaVaultClient(new URL(server.baseUrl), { apiKey: server.apiKey, accessToken: server.accessToken }, { serverRetries: 0 });
  };
  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  const drain = async <T>(pages: AsyncIterable<{ entries: T[]; warning?: string; requests: number }>) => {
    const entries: T[] = [];
    let warning: string | undefined;
    let requests = 0;
    for await (const page of pages) {
      entries.push(...page.entries);
      warning = page.warning ?? warning;
      requests = page.requests;
    }
    return { entries, warning, requests };
  };

  for (const prefetch of [1, 4]) {
    it(`loads every entry newest first from a server whose default order is oldest first (prefetch ${prefetch})`, async () => {
      await start({ defaultOrder: 'oldestFirst' });
      // Positive control: asked without a sort, this server really answers oldest first.
      const unsorted = (await client.getSessionActivity({ limit: 5 })).entries.map((entry) => entry.created!);
      assert.deepEqual(unsorted, [...unsorted].sort((a, b) => a - b));
      assert.equal(unsorted[0], Date.parse(server.sessions.at(-1)!.attributes.created!));

      const sessions = await drain(client.sessionPages({}, { pageSize: 100, prefetch }));
      assert.equal(sessions.warning, undefined);
      assert.deepEqual(sessions.entries.map((entry) => entry.id), server.sessions.map((entry) => entry.id));
      const webhooks = await drain(client.webhookPages({}, { pageSize: 100, prefetch }));
      assert.deepEqual(webhooks.entries.map((entry) => entry.id), server.webhooks.map((entry) => entry.id));
    });

    it(`stops paging a cursor that never moves, with a warning, within ${STUCK_PAGES} pages (prefetch ${prefetch})`, async () => {
      await start({ stuckCursor: 'newIds' });
      const { warning, requests, entries } = await drain(client.sessionPages({}, { pageSize: 50, prefetch }));
      assert.match(warning ?? '', /kept sending new entries of the same time without going further back/);
      assert.ok(requests <= STUCK_PAGES + 1 + prefetch, `${requests} requests`);
      assert.equal(new Set(entries.map((entry) => entry.id)).size, entries.length);
    });

    it(`stops paging a server that sends the same page again, with a warning (prefetch ${prefetch})`, async () => {
      await start({ stuckCursor: 'samePage' });
      const { warning, requests } = await drain(client.sessionPages({}, { pageSize: 50, prefetch }));
      assert.match(warning ?? '', /already loaded|outside the time range/);
      assert.ok(requests <= 2 + prefetch, `${requests} requests`);
    });
  }

  for (const sort of ['-size', 'username']) {
    it(`in a server order (${sort}), stops paging a server that sends the same page again, with a warning`, async () => {
      await start({ stuckCursor: 'samePage' });
      const endDate = server.sessions[0]!.attributes.created!;
      const { warning, requests, entries } = await drain(client.sessionPages({ endDate, sort }, { pageSize: 50 }));
      assert.match(warning ?? '', /already loaded/);
      assert.equal(requests, 2);
      assert.equal(entries.length, 50, 'the first page stays');
    });
  }

  it('stops at entries outside the time range asked for', async () => {
    await start({ stuckCursor: 'samePage' });
    // The newest page again, for a window that ends a day before it: every entry is outside.
    const endDate = new Date(Date.parse(server.sessions[0]!.attributes.created!) - DAY).toISOString();
    const { warning, entries } = await drain(client.sessionPages({ endDate }, { pageSize: 50 }));
    assert.match(warning ?? '', /outside the time range asked for/);
    assert.ok(entries.length > 0, 'the page itself is still shown');
  });

  it('sidebar: Load more that adds nothing says so, and offers no more', async () => {
    await start({ stuckCursor: 'samePage' });
    const feed = new ActivityFeed<SessionEntry>((query, options) => client.sessionPages(query, options), () => ({ windowMs: 90 * DAY, pageSize: 50 }), () => NOW);
    await feed.reload();
    assert.equal(feed.entries.length, 50);
    assert.equal(feed.hasMore, true);
    server.resetStats();
    await feed.loadMore();
    assert.equal(server.stats().requests, 1);
    assert.equal(feed.entries.length, 50);
    assert.equal(feed.hasMore, false);
    assert.match(feed.warning ?? '', /already loaded|outside the time range/);
  });
});
