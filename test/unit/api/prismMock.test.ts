// The client's requests judged by an independent referee: Prism's mock of ExaVault's published spec
// (test/support/prism.ts). The client talks to Prism through a recorder, so each test sees exactly what
// was sent and what Prism said about it: a request that breaks the spec gets a 422 listing the
// violations. Prism answers every valid request with the spec's example; what the client makes of
// those examples is beside the point here (the local server's tests cover that).
import * as assert from 'node:assert/strict';
import { ExaVaultClient, type ClientOptions } from '../../../src/api/client';
import { ExaVaultError } from '../../../src/api/errors';
import { planSearch } from '../../../src/search/plan';
import type { ActivitySearch } from '../../../src/search/search';
import {
  PRISM_DOWNLOAD_DEFECT, prismHttpValidator, queryOf, requestViolations, startPrism, startRecorder, violationsOf,
  type Exchange, type Recorder, type RunningPrism, type Violation,
} from '../../support/prism';
import { waitUntil } from '../../support/waitUntil';

const NOW = new Date('2026-11-20T12:00:00Z');
const CREDENTIALS = { apiKey: 'exampleaccount-zwSuWUZ8S38h33qPS8v0s', accessToken: '19853ef63a0bc348024a9e4cfd4a92520d2dfd04e88d8679fb1ed6bc551593d1' };

async function drain(pages: AsyncIterable<unknown>): Promise<void> {
  for await (const page of pages) {
    void page;
  }
}

describe('the client\'s requests, judged by Prism\'s mock of the published spec', function () {
  let prism: RunningPrism;
  let recorder: Recorder;
  let validate: Awaited<ReturnType<typeof prismHttpValidator>>;

  before(async function () {
    // Prism takes seconds to start (some 5 s; 20 s on a busy machine): this hook has its own limit.
    this.timeout(120_000);
    prism = await startPrism('mock');
    recorder = await startRecorder(prism.url);
    validate = await prismHttpValidator();
  });
  // The hook may fail before either exists.
  after(async () => {
    await recorder?.close();
    await prism?.close();
  });

  // No retries: each request the client means to make goes out once.
  const client = (options: ClientOptions = {}) => new ExaVaultClient(new URL(recorder.origin), CREDENTIALS, { serverRetries: 0, rateLimitRetries: 0, ...options });

  /** The exchanges since the last call, each one a request Prism found valid. */
  async function valid(): Promise<Exchange[]> {
    const exchanges = await recorder.take();
    assert.ok(exchanges.length > 0, 'the client sent nothing');
    for (const exchange of exchanges) {
      assert.deepEqual(requestViolations(exchange), [], `${exchange.method} ${exchange.url}`);
      assert.ok(exchange.status >= 200 && exchange.status < 300, `${exchange.method} ${exchange.url}: HTTP ${exchange.status} ${exchange.body.toString('utf8').slice(0, 500)}`);
    }
    return exchanges;
  }

  /** The one exchange since the last call, which Prism must have refused with exactly these violations. */
  async function refused(expected: Violation[]): Promise<Exchange> {
    const exchanges = await recorder.take();
    assert.equal(exchanges.length, 1, exchanges.map((e) => e.url).join('\n'));
    const [exchange] = exchanges as [Exchange];
    assert.equal(exchange.status, 422, exchange.body.toString('utf8'));
    assert.deepEqual(violationsOf(exchange), expected);
    return exchange;
  }

  const names = (exchange: Exchange) => Object.keys(queryOf(exchange.url)).sort();

  it('GET /account', async () => {
    const c = client();
    await c.getAccount();
    const [exchange] = await valid();
    assert.equal(exchange!.headers['ev-api-key'], CREDENTIALS.apiKey);
    assert.equal(exchange!.headers['ev-access-token'], CREDENTIALS.accessToken);
    c.dispose();
  });

  it('GET /activity/session with every filter the API has', async () => {
    const c = client();
    await c.getSessionActivity({
      startDate: '2026-11-19T12:00:00.000Z', endDate: '2026-11-20T12:00:00.000Z', ipAddress: '2001:db8::7', username: 'jdoe',
      path: '/Clients/Umbrella Corp/Specs ☕*', type: 'EDIT_SHARE', offset: 100, limit: 10, sort: '-date',
    });
    const [exchange] = await valid();
    assert.deepEqual(names(exchange!), ['endDate', 'ipAddress', 'limit', 'offset', 'path', 'sort', 'startDate', 'type', 'username']);
    c.dispose();
  });

  it('GET /activity/webhooks with every filter the API has', async () => {
    const c = client();
    await c.getWebhookActivity({
      startDate: '2026-11-19T12:00:00.000Z', endDate: '2026-11-20T12:00:00.000Z', endpointUrl: 'https://hooks.example.com/exavault?team=ops',
      event: 'resources.upload', statusCode: 404, resourcePath: '/Clients/*', username: 'jdoe', offset: 0, limit: 200, sort: '-date',
    });
    const [exchange] = await valid();
    assert.deepEqual(names(exchange!), ['endDate', 'endpointUrl', 'event', 'limit', 'offset', 'resourcePath', 'sort', 'startDate', 'statusCode', 'username']);
    c.dispose();
  });

  it('the queries searches make: every filter, several types or events, a status code and a status class', async () => {
    const c = client();
    const searches: ActivitySearch[] = [
      { kind: 'sessions', range: { preset: 'day' }, filters: { types: ['STOR', 'pass'], username: 'alice', ipAddress: '203.0.113.7', path: '/Finance/*' } },
      { kind: 'sessions', range: { from: NOW.getTime() - 3_600_000, to: NOW.getTime() }, filters: {} },
      { kind: 'webhooks', range: { preset: 'week' }, filters: { events: ['resources.upload', 'shares.formSubmit'], endpointUrl: 'https://hooks.example.com/exavault', status: '404', resourcePath: '/Clients*', username: 'bob' } },
      { kind: 'webhooks', range: { preset: 'quarter' }, filters: { status: '5xx' } },
      { kind: 'webhooks', range: { preset: 'hour' }, filters: { status: '28' } },
    ];
    let sent = 0;
    for (const search of searches) {
      for (const query of planSearch(search, NOW).queries) {
        await (search.kind === 'sessions' ? c.getSessionActivity(query) : c.getWebhookActivity(query));
        sent++;
      }
    }
    assert.equal((await valid()).length, sent);
    c.dispose();
  });

  it('paging one page after another (the time cursor) and by offset (another sort)', async () => {
    const c = client();
    // The mock answers every page with the same one example entry: a page size of 1 makes the client ask
    // for a second page (and then stop, seeing nothing new).
    await drain(c.sessionPages({}, { pageSize: 1 }));
    await drain(c.webhookPages({ startDate: '2020-01-01T00:00:00.000Z', resourcePath: '/x*' }, { pageSize: 1 }));
    const byCursor = await valid();
    assert.ok(byCursor.some((e) => e.url.startsWith('/activity/session') && 'endDate' in queryOf(e.url)), byCursor.map((e) => e.url).join('\n'));
    assert.ok(byCursor.filter((e) => e.url.startsWith('/activity/webhooks')).length >= 2, byCursor.map((e) => e.url).join('\n'));
    await drain(c.sessionPages({ sort: 'size' }, { pageSize: 1 }));
    await drain(c.webhookPages({ sort: '-status' }, { pageSize: 1 }));
    const byOffset = await valid();
    assert.ok(byOffset.some((e) => queryOf(e.url).offset === '1'), byOffset.map((e) => e.url).join('\n'));
    c.dispose();
  });

  it('paging several pages at once (prefetch)', async () => {
    const c = client();
    await drain(c.sessionPages({ username: 'jdoe' }, { pageSize: 1, prefetch: 4 }));
    await drain(c.webhookPages({ event: 'resources.delete' }, { pageSize: 1, prefetch: 4 }));
    const exchanges = await valid();
    for (const endpoint of ['/activity/session', '/activity/webhooks']) {
      assert.ok(exchanges.filter((e) => e.url.startsWith(endpoint)).length >= 2, exchanges.map((e) => e.url).join('\n'));
    }
    c.dispose();
  });

  it('POST /webhooks/resend/{activityId}', async () => {
    const c = client();
    await c.resendWebhook(2602725);
    const [exchange] = await valid();
    assert.equal(exchange!.method, 'POST');
    assert.equal(exchange!.url, '/webhooks/resend/2602725');
    c.dispose();
  });

  it('GET /resources and GET /resources/list, with paths that need encoding', async () => {
    const c = client();
    for (const path of ['/', '/Samples/logo.png', '/Samples/naïve café ☕.md', '/Samples/100% done & #1?.csv']) {
      await c.getResource(path);
    }
    await c.listResources('/Samples', { offset: 100, limit: 100 });
    await c.listAllResources('/Clients/Umbrella Corp');
    const exchanges = await valid();
    assert.equal(queryOf(exchanges[3]!.url).resource, '/Samples/100% done & #1?.csv');
    c.dispose();
  });

  it('GET /resources/download: the request the client sends is valid to Prism\'s validator (its CLI refuses every download)', async () => {
    const c = client();
    await assert.rejects(c.download('/Samples/naïve café ☕.md'), /unexpected HTTP 422/);
    const exchange = await refused([PRISM_DOWNLOAD_DEFECT]);
    assert.deepEqual(queryOf(exchange.url), { 'resources[]': '/Samples/naïve café ☕.md' });
    // The same request, judged by Prism's validator without the CLI's renaming: valid.
    assert.deepEqual(validate(exchange.method, exchange.url, exchange.headers), []);
    // ...which does reject a download request without the parameter, or without credentials.
    assert.deepEqual(validate('GET', '/resources/download?resources=%2Fa.txt', exchange.headers).map((v) => v.message), ['Request query must have required property \'resources[]\'']);
    assert.deepEqual(validate('GET', exchange.url, {}).map((v) => v.code), ['required', 'required']);
    c.dispose();
  });

  describe('requests that break the spec are refused (the check can fail)', () => {
    it('a status code that is not an integer: 422, which the client reports as an unexpected HTTP 422', async () => {
      const c = client();
      const error = await c.getWebhookActivity({ statusCode: 'abc' as never }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ExaVaultError, String(error));
      assert.match(error.message, /unexpected HTTP 422/);
      await refused([{ location: ['query', 'statuscode'], severity: 'Error', code: 'type', message: 'Request query parameter statuscode must be integer' }]);
      c.dispose();
    });

    it('a negative webhook offset, and a request without credentials', async () => {
      const c = client();
      await assert.rejects(c.getWebhookActivity({ offset: -1, limit: 5 }), /unexpected HTTP 422/);
      await refused([{ location: ['query', 'offset'], severity: 'Error', code: 'minimum', message: 'Request query parameter offset must be >= 0' }]);
      c.dispose();
      await fetch(`${recorder.origin}/account`);
      await refused([
        { location: ['header'], severity: 'Error', code: 'required', message: 'Request header must have required property \'ev-api-key\'' },
        { location: ['header'], severity: 'Error', code: 'required', message: 'Request header must have required property \'ev-access-token\'' },
      ]);
    });
  });

  describe('endpoint URLs as people type them (a space, a non-ASCII character)', () => {
    const typed = ['https://hooks.example.com/my hook', 'https://bücher.example/hook', 'https://hooks.example.com/ünïcødé?q=a b|c'];

    it('as typed, a strict server refuses them: 422 "must match format uri"', async () => {
      const c = client();
      for (const endpointUrl of typed) {
        await assert.rejects(c.getWebhookActivity({ endpointUrl }), /unexpected HTTP 422/);
        await refused([{ location: ['query', 'endpointurl'], severity: 'Error', code: 'format', message: 'Request query parameter endpointurl must match format "uri"' }]);
      }
      c.dispose();
    });

    it('as a search sends them (encoded), they are valid', async () => {
      const c = client();
      for (const endpointUrl of typed) {
        const [query] = planSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: { endpointUrl } }, NOW).queries;
        await c.getWebhookActivity(query!);
        const [exchange] = await valid();
        assert.equal(queryOf(exchange!.url).endpointUrl, query!.endpointUrl);
      }
      c.dispose();
    });
  });

  // Last (nested suites run after the outer tests, in order of definition): over every request of this file.
  describe('Prism\'s own log', () => {
    it('agrees: it judged every request, refused exactly those refused above, and logged nothing else about requests', async () => {
      await recorder.take();
      const lines = () => prism.output().split('\n');
      // Every request the recorder passed on, and the one that checked Prism was up, was received.
      const received = () => lines().filter((line) => /\[HTTP SERVER\] \w+ \S+ .*Request received/.test(line)).length;
      await waitUntil('Prism to log every request', () => received() >= recorder.all.length + 1);
      const validator = lines().filter((line) => line.includes('[VALIDATOR]'));
      const passed = validator.filter((line) => /success\s+The request passed the validation rules/.test(line));
      const failed = validator.filter((line) => /warning\s+Request did not pass the validation rules/.test(line));
      const requestErrors = validator.filter((line) => /error\s+Request /.test(line));
      // Prism also checks its own answers (the spec's examples) and logs their violations: not the client's doing.
      const aboutExamples = validator.filter((line) => /error\s+Violation: response/.test(line));
      const refusedHere = recorder.all.filter((e) => e.status === 422);
      assert.equal(failed.length, refusedHere.length);
      assert.equal(requestErrors.length, refusedHere.reduce((sum, e) => sum + violationsOf(e).length, 0));
      // The readiness check matched no route, so it was not judged.
      assert.equal(passed.length + failed.length, recorder.all.length);
      assert.deepEqual(validator.filter((line) => ![passed, failed, requestErrors, aboutExamples].some((kind) => kind.includes(line))), []);
    });
  });
});
