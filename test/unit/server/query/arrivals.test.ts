// Activity that arrives while a client pages: generated or given entries, served from then on at the
// top of newest-first pages and through every index, stamped with one second of the server's clock,
// the same for the same seed; and POST /__control/arrive for other processes.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire, WebhookEntryWire, WebhookModernAttributesWire } from '../../../../src/api/wire';
import { startExaVaultServer, type ExaVaultServerOptions, type RunningExaVaultServer } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { apiGet, pageIds, request } from '../requests';

// In the past, and not on a whole second: the server's clock starts here and runs on.
const NOW = new Date('2026-07-15T18:30:00.750Z');
const OPTIONS: ExaVaultServerOptions = { seed: 21, sessions: 400, webhooks: 120, now: NOW };
const EVENTS = ['resources.upload', 'resources.download', 'resources.delete', 'resources.createFolder', 'resources.rename',
  'resources.move', 'resources.copy', 'resources.compress', 'resources.extract', 'shares.formSubmit'];
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

type Entry = SessionEntryWire | WebhookEntryWire;
const time = (entry: Entry): number => Date.parse(entry.attributes.created!);
const ids = (entries: readonly Entry[]): number[] => entries.map((entry) => entry.id);
const highestId = (entries: readonly Entry[]): number => Math.max(...ids(entries));

describe('local server: arrivals', () => {
  // Read before the server starts: its clock can only be ahead of NOW by less than the time since.
  let startedBefore: number;
  beforeEach(() => {
    startedBefore = Date.now();
  });
  const local = useLocalServer(OPTIONS, { each: true });

  it('come first on newest-first pages, with ids above every older one, counting up in arrival order', async () => {
    const oldSessions = local.server.sessions;
    const oldWebhooks = local.server.webhooks;
    const arrived = local.server.arrive({ sessions: 8, webhooks: 5 });

    const firstSession = highestId(oldSessions) + 1;
    assert.deepEqual(ids(arrived.sessions), [7, 6, 5, 4, 3, 2, 1, 0].map((n) => firstSession + n));
    assert.deepEqual(await pageIds(local.server, '/activity/session?sort=-date&limit=10'), [...ids(arrived.sessions), ...ids(oldSessions.slice(0, 2))]);
    assert.deepEqual(await pageIds(local.server, '/activity/session?limit=3&offset=7'), [firstSession, ...ids(oldSessions.slice(0, 2))]);

    const firstWebhook = highestId(oldWebhooks) + 1;
    assert.deepEqual(ids(arrived.webhooks), [4, 3, 2, 1, 0].map((n) => firstWebhook + n));
    assert.deepEqual(await pageIds(local.server, '/activity/webhooks?sort=-date&limit=6'), [...ids(arrived.webhooks), oldWebhooks[0]!.id]);

    assert.deepEqual(local.server.sessions, [...arrived.sessions, ...oldSessions]);
    assert.deepEqual(local.server.webhooks, [...arrived.webhooks, ...oldWebhooks]);
    const reply = await apiGet(local.server, '/activity/session?limit=1');
    assert.deepEqual((JSON.parse(reply.text) as { data: unknown[] }).data, [arrived.sessions[0]]);
  });

  it('share one whole second of the server clock, which starts at `now` and runs on', async () => {
    const newestBefore = Math.max(time(local.server.sessions[0]!), time(local.server.webhooks[0]!));
    const arrived = local.server.arrive({ sessions: 6, webhooks: 4 });
    const all = [...arrived.sessions, ...arrived.webhooks];
    const second = time(all[0]!);
    assert.deepEqual(all.map(time), all.map(() => second));
    assert.ok(all.every((entry) => DATE_TIME.test(entry.attributes.created!)));
    assert.equal(second % 1000, 0);
    assert.ok(second > newestBefore);
    assert.ok(second >= NOW.getTime() - 750 && second <= NOW.getTime() + (Date.now() - startedBefore), new Date(second).toISOString());

    const at = encodeURIComponent(new Date(second).toISOString());
    assert.deepEqual(await pageIds(local.server, `/activity/session?startDate=${at}&endDate=${at}`), ids(arrived.sessions));
    assert.deepEqual(await pageIds(local.server, `/activity/webhooks?startDate=${at}&endDate=${at}`), ids(arrived.webhooks));
  });

  it('leave a date cursor (endDate, then an offset within that second) on the same entries, where offsets alone drift', async () => {
    const old = local.server.sessions;
    // A page size whose page boundary falls inside a second: the page ends with some of its entries, not all.
    const size = old.findIndex((entry, i) => i >= 10 && time(entry) === time(old[i - 1]!));
    assert.ok(size >= 10, 'the generated history has entries sharing a second');
    assert.deepEqual(await pageIds(local.server, `/activity/session?limit=${size}`), ids(old.slice(0, size)));
    const oldestLoaded = time(old[size - 1]!);
    const loadedInThatSecond = old.slice(0, size).filter((entry) => time(entry) === oldestLoaded).length;

    local.server.arrive({ sessions: 6 });
    const cursor = `endDate=${encodeURIComponent(new Date(oldestLoaded).toISOString())}&offset=${loadedInThatSecond}&limit=${size}`;
    assert.deepEqual(await pageIds(local.server, `/activity/session?${cursor}`), ids(old.slice(size, 2 * size)));
    // What the cursor avoids: the same offset without it now starts 6 entries back, repeating page one's last 6.
    assert.deepEqual(await pageIds(local.server, `/activity/session?offset=${size}&limit=${size}`), ids(old.slice(size - 6, 2 * size - 6)));
  });

  it('are found through every filter and sort, like the entries the server started with', async () => {
    const arrived = local.server.arrive({ sessions: 40, webhooks: 15 });
    const firstPage = <E extends Entry>(entries: readonly E[], matches: (entry: E) => boolean): number[] => ids(entries.filter(matches).slice(0, 100));
    const sessionEntry = arrived.sessions.find((entry) => entry.attributes.fileName !== '')!;
    const session = sessionEntry.attributes;
    const sessionFilters: [string, (a: SessionEntryWire['attributes']) => boolean][] = [
      [`username=${session.username}`, (a) => a.username === session.username],
      [`type=${session.operation!.toLowerCase()}`, (a) => a.operation === session.operation],
      [`ipAddress=${session.ipAddress}`, (a) => a.ipAddress === session.ipAddress],
      [`path=${encodeURIComponent(session.fileName!)}`, (a) => a.fileName === session.fileName],
    ];
    for (const [query, matches] of sessionFilters) {
      const expected = firstPage(local.server.sessions, (entry) => matches(entry.attributes));
      assert.ok(expected.includes(sessionEntry.id), query);
      assert.deepEqual(await pageIds(local.server, `/activity/session?${query}`), expected, query);
    }
    const call = arrived.webhooks[0]!.attributes;
    const webhookFilters: [string, (a: WebhookEntryWire['attributes']) => boolean][] = [
      [`endpointUrl=${encodeURIComponent(call.endpointUrl!)}`, (a) => a.endpointUrl === call.endpointUrl],
      [`event=${encodeURIComponent(call.event!)}`, (a) => a.event === call.event],
      [`statusCode=${call.status}`, (a) => a.status === call.status],
    ];
    for (const [query, matches] of webhookFilters) {
      const expected = firstPage(local.server.webhooks, (entry) => matches(entry.attributes));
      assert.equal(expected[0], arrived.webhooks[0]!.id, query);
      assert.deepEqual(await pageIds(local.server, `/activity/webhooks?${query}`), expected, query);
    }
    const everything = await pageIds(local.server, '/activity/session?sort=username&limit=1000');
    const ascending = (list: number[]) => [...list].sort((a, b) => a - b);
    assert.deepEqual(ascending(everything), ascending(ids(local.server.sessions)));
  });

  it('are told from the same vocabulary: its users and addresses, paths and operations, failed logins, every webhook shape', async () => {
    // A history long enough to show every user at every address.
    const long = await startExaVaultServer({ ...OPTIONS, sessions: 20_000, webhooks: 0 });
    const known = (field: 'username' | 'ipAddress') => new Set(long.sessions.map((entry) => entry.attributes[field]));
    const [users, addresses] = [known('username'), known('ipAddress')];
    await long.close();
    const { sessions, webhooks } = local.server.arrive({ sessions: 1500, webhooks: 60 });
    const attributes = sessions.map((entry) => entry.attributes);
    // Failed logins try guessed names from anywhere; everything else is the account's own users.
    assert.deepEqual(attributes.filter((a) => a.status !== 'failed' && (!users.has(a.username) || !addresses.has(a.ipAddress))), []);
    assert.ok(new Set(attributes.map((a) => a.operation)).size >= 8);
    assert.ok(attributes.some((a) => a.operation === 'PASS' && a.status === 'failed'), 'a failed login');
    const transfers = attributes.filter((a) => a.operation === 'STOR' || a.operation === 'RETR');
    assert.ok(transfers.length > 0 && transfers.every((a) => a.fileName!.startsWith('/') && a.bytesTransferred! > 0), `${transfers.length} transfers`);
    assert.ok(attributes.every((a) => /^[0-9a-f]{45}$/.test(a.sessionId!)));

    const shapes = new Set(webhooks.map((entry) => entry.attributes.webhookFormat ?? 'legacy'));
    assert.deepEqual([...shapes].sort(), ['legacy', 'v1', 'v2']);
    const modern = webhooks.map((entry) => entry.attributes).filter((a): a is WebhookModernAttributesWire => a.webhookFormat !== undefined);
    assert.ok(modern.every((a) => EVENTS.includes(a.event!) && a.resend === false && a.resourcePath!.startsWith('/')));
    assert.ok(webhooks.filter((entry) => entry.attributes.status! >= 200 && entry.attributes.status! < 300).length > webhooks.length * 0.8);
  });

  it('are the same for the same seed and the same calls in the same order, times aside', async () => {
    const calls = [{ sessions: 5 }, { webhooks: 7 }, { sessions: 3, webhooks: 2 }];
    const twin = await startExaVaultServer(OPTIONS);
    const other = await startExaVaultServer({ ...OPTIONS, seed: 22 });
    try {
      const timeless = (target: RunningExaVaultServer) => JSON.stringify(calls.map((input) => target.arrive(input)),
        (_, value: unknown) => (typeof value === 'string' && DATE_TIME.test(value) ? 'a time' : value));
      const mine = timeless(local.server);
      assert.equal(timeless(twin), mine);
      assert.notEqual(timeless(other), mine);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('adds given entries as they are, and refuses a taken id or a bad count without adding anything', async () => {
    const given: SessionEntryWire[] = [1, 2].map((n) => ({
      id: 9_000_000 + n,
      type: 'sessionActivity',
      attributes: { created: '2026-07-15T18:29:59Z', operation: 'STOR', username: 'visitor', ipAddress: '192.0.2.9', protocol: 'web', fileName: `/Drop/${n}.txt` },
    }));
    assert.deepEqual(local.server.arrive({ sessions: given }), { sessions: given, webhooks: [] });
    assert.deepEqual(await pageIds(local.server, '/activity/session?username=visitor'), [9_000_002, 9_000_001]);
    assert.equal(local.server.arrive({ sessions: 1 }).sessions[0]!.id, 9_000_003);

    const counts = () => [local.server.sessions.length, local.server.webhooks.length];
    const before = counts();
    const taken = { ...local.server.webhooks[3]!, attributes: { ...local.server.webhooks[3]!.attributes } };
    assert.throws(() => local.server.arrive({ sessions: 2, webhooks: [taken] }), /already taken/);
    assert.throws(() => local.server.arrive({ sessions: [given[0]!] }), /already taken/);
    for (const count of [-1, 2.5, 100_001, Number.NaN]) {
      assert.throws(() => local.server.arrive({ webhooks: 3, sessions: count }), /sessions must be a whole number/);
    }
    assert.deepEqual(counts(), before);
  });

  describe('POST /__control/arrive', () => {
    const control = (body: string, method = 'POST') => request(`${local.server.url}/__control/arrive`, { method, body, headers: { 'Content-Type': 'application/json' } });

    it('adds that many generated entries and answers them as JSON', async () => {
      const reply = await control('{"sessions":3,"webhooks":2}');
      assert.equal(reply.status, 200);
      assert.match(String(reply.headers['content-type']), /^application\/json/);
      const arrived = JSON.parse(reply.text) as { sessions: SessionEntryWire[]; webhooks: WebhookEntryWire[] };
      assert.deepEqual(arrived, { sessions: local.server.sessions.slice(0, 3), webhooks: local.server.webhooks.slice(0, 2) });
      assert.deepEqual(await pageIds(local.server, '/activity/session?limit=3'), ids(arrived.sessions));
      assert.deepEqual(JSON.parse((await control('{}')).text), { sessions: [], webhooks: [] });
    });

    it('refuses anything but whole counts with 400 naming the problem, adding nothing', async () => {
      const before = [local.server.sessions.length, local.server.webhooks.length];
      for (const [body, problem] of [['{"sessions":-1}', 'sessions'], ['{"webhooks":"2"}', 'webhooks'], ['{"sessions":[]}', 'sessions'],
        ['{"bogus":1}', 'bogus'], ['[2]', 'object'], ['{oops', 'JSON'], ['', 'JSON']]) {
        const reply = await control(body!);
        assert.equal(reply.status, 400, body);
        assert.match((JSON.parse(reply.text) as { error: string }).error, new RegExp(problem!), body);
      }
      assert.deepEqual([local.server.sessions.length, local.server.webhooks.length], before);
      assert.equal((await control('', 'GET')).status, 404);
    });
  });
});
