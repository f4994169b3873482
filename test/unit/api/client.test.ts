// The client against the project's local ExaVault server, over real HTTP on loopback.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExaVaultClient, type ClientOptions } from '../../../src/api/client';
import { failureRecorder } from '../../support/expectFailure';
import { useLocalServer } from '../../support/localServer';
import type { Page } from '../../../src/api/paging';
import { startRecordingServer } from '../../support/recordingServer';
import { findSecrets } from '../../support/secrets';

const NOW = new Date('2026-11-20T12:00:00Z');

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<{ entries: T[]; pages: Page<T>[] }> {
  const all: Page<T>[] = [];
  for await (const page of pages) {
    all.push(page);
  }
  return { entries: all.flatMap((p) => p.entries), pages: all };
}

describe('ExaVaultClient against the local server', function () {
  const local = useLocalServer({ seed: 7, sessions: 2000, webhooks: 600, now: NOW, nonAdminAccessToken: 'f'.repeat(64) });
  // Every expected failure, for the leak check over their messages at the end.
  const { errors, fail: failure } = failureRecorder();

  const client = (options: ClientOptions = {}, accessToken = local.server.accessToken) =>
    new ExaVaultClient(new URL(local.server.baseUrl), { apiKey: local.server.apiKey, accessToken }, { backoffMs: 5, ...options });


  describe('account and credentials', () => {
    it('reads the account name with valid credentials, and exposes the allowance left', async () => {
      const c = client();
      assert.equal((await c.getAccount()).accountName, local.server.accountName);
      const first = c.rateLimit!.remaining;
      await c.getAccount();
      assert.equal(c.rateLimit!.remaining, first - 1);
      assert.ok(c.rateLimit!.limit >= first);
      c.dispose();
    });

    it('gives one message naming both key and token for a wrong token (401)', async () => {
      const error = await failure('invalidCredentials', () => client({}, '0'.repeat(64)).getAccount());
      assert.match(error.message, /API key or the access token/);
      assert.equal(error.status, 401);
    });

    it('explains that activity needs an admin token (403)', async () => {
      const c = client({}, 'f'.repeat(64));
      await c.getAccount();
      const error = await failure('forbidden', () => c.getSessionActivity({ limit: 1 }));
      assert.match(error.message, /admin/);
    });
  });

  describe('query parameters', () => {
    it('filters sessions by every parameter of the spec', async () => {
      const c = client();
      const sample = local.server.sessions.find((s) => s.attributes.operation === 'STOR')!.attributes;
      const byType = await c.getSessionActivity({ type: 'stor', limit: 50 });
      assert.ok(byType.entries.length > 0 && byType.entries.every((e) => e.operation === 'STOR'));
      const byUser = await c.getSessionActivity({ username: sample.username, limit: 50 });
      assert.ok(byUser.entries.length > 0 && byUser.entries.every((e) => e.username === sample.username));
      const byIp = await c.getSessionActivity({ ipAddress: sample.ipAddress, limit: 50 });
      assert.ok(byIp.entries.length > 0 && byIp.entries.every((e) => e.ipAddress === sample.ipAddress));
      const folder = sample.fileName!.split('/').slice(0, 2).join('/');
      const byPath = await c.getSessionActivity({ path: `${folder}*`, limit: 50 });
      assert.ok(byPath.entries.length > 0 && byPath.entries.every((e) => e.fileName.startsWith(folder)));
      const end = local.server.sessions[50]!.attributes.created!;
      const start = local.server.sessions[120]!.attributes.created!;
      const byDate = await c.getSessionActivity({ startDate: start, endDate: end, limit: 200 });
      assert.ok(byDate.entries.length > 0);
      assert.ok(byDate.entries.every((e) => e.created! >= Date.parse(start) && e.created! <= Date.parse(end)));
      const bySize = await c.getSessionActivity({ type: 'RETR', sort: 'size', limit: 100 });
      const sizes = bySize.entries.map((e) => e.bytesTransferred ?? 0);
      assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b));
      const page2 = await c.getSessionActivity({ offset: 10, limit: 5 });
      assert.deepEqual(page2.entries.map((e) => e.id), local.server.sessions.slice(10, 15).map((s) => s.id));
    });

    it('filters webhook calls by every parameter of the spec', async () => {
      const c = client();
      const modern = local.server.webhooks.find((w) => w.attributes.webhookFormat === 'v2')!.attributes as Record<string, string & number>;
      const checks: [Parameters<ExaVaultClient['getWebhookActivity']>[0], (e: Awaited<ReturnType<ExaVaultClient['getWebhookActivity']>>['entries'][number]) => boolean][] = [
        [{ event: modern.event }, (e) => e.event === modern.event],
        [{ endpointUrl: modern.endpointUrl }, (e) => e.endpointUrl === modern.endpointUrl],
        [{ statusCode: modern.status }, (e) => e.status === modern.status],
        [{ resourcePath: modern.resourcePath }, (e) => e.resourcePath === modern.resourcePath],
        [{ username: modern.username }, (e) => e.username === modern.username],
      ];
      for (const [query, holds] of checks) {
        const { entries } = await c.getWebhookActivity({ ...query, limit: 100 });
        assert.ok(entries.length > 0 && entries.every(holds), JSON.stringify(query));
      }
      const sorted = await c.getWebhookActivity({ sort: '-status', limit: 100 });
      const statuses = sorted.entries.map((e) => e.status ?? 0);
      assert.deepEqual(statuses, [...statuses].sort((a, b) => b - a));
    });

    it('reads all three webhook entry shapes', async () => {
      const { entries } = await collect(client().webhookPages({}, { pageSize: 200 }));
      assert.deepEqual(new Set(entries.map((e) => e.format)), new Set(['v2', 'v1', 'legacy']));
      assert.equal(entries.length, local.server.webhooks.length);
    });

    it('reports a parameter the server rejects (400) with the server\'s sentence', async () => {
      const error = await failure('badRequest', () => client().getSessionActivity({ bogus: 1 } as never));
      assert.match(error.message, /bogus/);
    });
  });

  describe('paging', () => {
    const expectedIds = () => local.server.sessions.map((s) => s.id);

    it('pages one at a time to the end, newest first, each entry once', async () => {
      const { entries, pages } = await collect(client().sessionPages({}, { pageSize: 150 }));
      assert.deepEqual(entries.map((e) => e.id), expectedIds());
      assert.ok(pages.length >= Math.ceil(local.server.sessions.length / 150));
    });

    it('pages with prefetch to the same result, with no more requests in flight than asked', async () => {
      local.server.setFaults({ latencyMs: 20 });
      local.server.resetStats();
      const { entries } = await collect(client({ maxSockets: 8 }).sessionPages({}, { pageSize: 100, prefetch: 4 }));
      assert.deepEqual(entries.map((e) => e.id), expectedIds());
      assert.ok(local.server.stats().maxInFlight <= 4, `max in flight ${local.server.stats().maxInFlight}`);
      assert.ok(local.server.stats().maxInFlight >= 2, 'prefetch overlapped requests');
    });

    it('pages other sorts by offset within a pinned window', async () => {
      const { entries } = await collect(client().sessionPages({ sort: 'username,-date' }, { pageSize: 300 }));
      assert.equal(new Set(entries.map((e) => e.id)).size, local.server.sessions.length);
      const names = entries.map((e) => e.username);
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    });

    it('stops with a warning when a proxy repeats the same page, instead of looping', async () => {
      // A misbehaving proxy that drops the paging parameters: every page is the first page.
      const proxy = http.createServer((request, response) => {
        const url = new URL(request.url!, local.server.url);
        url.searchParams.delete('offset');
        url.searchParams.delete('endDate');
        http.get(url, { headers: request.headers }, (upstream) => {
          response.writeHead(upstream.statusCode!, upstream.headers);
          upstream.pipe(response);
        });
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      try {
        const base = new URL(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/v2`);
        const c = new ExaVaultClient(base, { apiKey: local.server.apiKey, accessToken: local.server.accessToken });
        const { entries, pages } = await collect(c.sessionPages({}, { pageSize: 50 }));
        assert.equal(entries.length, 50);
        assert.equal(pages.length, 2);
        assert.match(pages[1]!.warning!, /already loaded/);
        c.dispose();
      } finally {
        proxy.closeAllConnections();
        proxy.close();
      }
    });

    it('can be cancelled mid-way, and sends nothing after', async () => {
      local.server.setFaults({ latencyMs: 50 });
      const controller = new AbortController();
      const c = client();
      const seen: number[] = [];
      await failure('cancelled', async () => {
        for await (const page of c.sessionPages({}, { pageSize: 100, prefetch: 3, signal: controller.signal })) {
          seen.push(...page.entries.map((e) => e.id));
          controller.abort();
        }
      });
      assert.equal(seen.length, 100);
      const requests = local.server.stats().requests;
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(local.server.stats().requests, requests);
    });
  });

  describe('faults', () => {
    it('waits out a short 429 and then succeeds', async () => {
      local.server.setFaults({ rateLimitBurst: 1, retryAfterSeconds: 1 });
      assert.ok((await client().getSessionActivity({ limit: 1 })).entries.length === 1);
    });

    it('says when the allowance comes back after a long 429, without waiting', async () => {
      local.server.setFaults({ rateLimitBurst: 5, retryAfterSeconds: 3600 });
      const error = await failure('rateLimited', () => client({ maxRateLimitWaitMs: 1000 }).getSessionActivity({ limit: 1 }));
      assert.match(error.message, /will work again at/);
      assert.ok(error.retryAt!.getTime() > Date.now() + 3500_000);
    });

    it('retries a 503 a bounded number of times (GET only), then explains', async () => {
      local.server.setFaults({ serverErrors: { status: 503, count: 2 } });
      assert.equal((await client().getSessionActivity({ limit: 1 })).entries.length, 1);
      local.server.setFaults({ serverErrors: { status: 500, count: 100 } });
      local.server.resetStats();
      const error = await failure('server', () => client({ serverRetries: 2 }).getSessionActivity({ limit: 1 }));
      assert.match(error.message, /HTTP 500/);
      assert.equal(local.server.stats().requests, 3);
    });

    it('survives a connection reset mid-body by retrying, and reports it when it persists', async () => {
      local.server.setFaults({ resetMidBody: 1 });
      assert.equal((await client().getSessionActivity({ limit: 20 })).entries.length, 20);
      local.server.setFaults({ resetMidBody: 100 });
      await failure('network', () => client({ serverRetries: 1 }).getSessionActivity({ limit: 20 }));
    });

    it('reports malformed JSON and an HTML error page as such', async () => {
      local.server.setFaults({ malformedJson: 1 });
      await failure('badResponse', () => client().getSessionActivity({ limit: 5 }));
      local.server.setFaults({ htmlErrorPage: 100 });
      const error = await failure('badResponse', () => client({ serverRetries: 0 }).getSessionActivity({ limit: 5 }));
      assert.match(error.message, /web page/);
    });

    it('times out a request that takes too long', async () => {
      local.server.setFaults({ latencyMs: 1500 });
      const error = await failure('timeout', () => client({ timeoutMs: 200 }).getAccount());
      assert.match(error.message, /within 0.2 seconds/);
    });

    it('tells the user plainly when the activity API is retired (404)', async () => {
      local.server.setFaults({ retiredActivity: true });
      const error = await failure('activityRetired', () => client().getWebhookActivity({ limit: 1 }));
      assert.match(error.message, /Files\.com/);
    });

    it('reports an unreachable host', async () => {
      const dead = new ExaVaultClient(new URL('http://127.0.0.1:9/api/v2'), { apiKey: local.server.apiKey, accessToken: local.server.accessToken }, { serverRetries: 0 });
      const error = await failure('network', () => dead.getAccount());
      assert.match(error.message, /127\.0\.0\.1:9/);
    });
  });

  describe('redirects', () => {
    it('never sends credentials to another origin, even through a redirect', async () => {
      const other = await startRecordingServer();
      try {
        // Positive control: the recorder does see credentials when they are sent to it.
        await fetch(`${other.origin}/api/v2/account`, { headers: { 'ev-api-key': local.server.apiKey, 'ev-access-token': local.server.accessToken } });
        assert.equal(findSecrets(JSON.stringify(other.requests), [local.server.apiKey, local.server.accessToken]).length, 2);
        other.requests.length = 0;

        local.server.setFaults({ redirectTo: other.origin });
        const error = await failure('redirect', () => client().getSessionActivity({ limit: 1 }));
        assert.match(error.message, /127\.0\.0\.1:\d+/);
        assert.deepEqual(other.requests, [], 'the other origin received no request at all');
      } finally {
        await other.close();
      }
    });

    it('bounds redirects within the same origin', async () => {
      local.server.setFaults({ redirectTo: local.server.url });
      const error = await failure('redirect', () => client().getAccount());
      assert.match(error.message, /too many/);
    });
  });

  it('keeps connections alive across requests', async () => {
    local.server.resetStats();
    const c = client();
    for (let i = 0; i < 10; i++) {
      await c.getSessionActivity({ limit: 1 });
    }
    assert.ok(local.server.stats().connections <= 2, `connections: ${local.server.stats().connections}`);
    c.dispose();
  });

  describe('secrets', () => {
    // Last, so that it sees every error the tests above collected.
    it('puts neither the API key nor the access token in any error', () => {
      assert.ok(errors.length >= 12, `errors collected: ${errors.length}`);
      const text = errors.map((e) => `${e.message}\n${e.stack}\n${JSON.stringify(e)}`).join('\n');
      assert.deepEqual(findSecrets(text, [local.server.apiKey, local.server.accessToken]), []);
    });
  });
});
