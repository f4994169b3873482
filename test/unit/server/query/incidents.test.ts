// Incidents on demand: an outage of one listener (and its end), a failed-login burst, a mass deletion
// and activity under a folder, added at the server's clock, served through every filter like any
// other entry, and recorded exactly; POST /__control/inject and GET /__control/injected for other
// processes.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire, WebhookEntryWire } from '../../../../src/api/wire';
import { startExaVaultServer, type ExaVaultServerOptions, type InjectedIncident, type RunningExaVaultServer } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { apiPost, pageIds, request } from '../requests';

// In the past, and not on a whole second: the server's clock starts here and runs on.
const NOW = new Date('2026-07-15T18:30:00.750Z');
const OPTIONS: ExaVaultServerOptions = { seed: 33, sessions: 400, webhooks: 150, now: NOW };
const ENDPOINT = 'https://automation.example.org/hooks/exavault';
const MINUTE = 60_000;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

type Entry = SessionEntryWire | WebhookEntryWire;
const time = (entry: Entry): number => Date.parse(entry.attributes.created!);
const ids = (incident: InjectedIncident): number[] => incident.entries.map((entry) => entry.id);
const served = <E extends Entry>(entries: readonly E[], incident: InjectedIncident): E[] => {
  const wanted = new Set(ids(incident));
  return entries.filter((entry) => wanted.has(entry.id)).sort((a, b) => a.id - b.id);
};
const failed = (status: number | undefined) => status === undefined || status < 100 || status >= 400;
const newestFirst = (incident: InjectedIncident) => [...ids(incident)].reverse();

describe('local server: injected incidents', () => {
  const local = useLocalServer(OPTIONS, { each: true });

  it('an outage: failed calls to that listener spread over the minutes from the clock on, a mix of 5xx and no answer, served by its filter', async () => {
    const newestBefore = time(local.server.webhooks[0]!);
    const outage = local.server.inject({ kind: 'outage', endpointUrl: ENDPOINT, calls: 7, minutes: 6 });
    assert.deepEqual({ kind: outage.kind, log: outage.log, subject: outage.subject }, { kind: 'outage', log: 'webhooks', subject: { endpointUrl: ENDPOINT } });
    const calls = served(local.server.webhooks, outage);
    assert.deepEqual(calls.map((call) => call.id), ids(outage));
    assert.deepEqual(calls.map((call) => call.attributes.created), outage.entries.map((entry) => entry.created));
    assert.ok(calls.every((call) => call.attributes.endpointUrl === ENDPOINT && failed(call.attributes.status)));
    assert.ok(calls.some((call) => call.attributes.status! >= 500) && calls.some((call) => call.attributes.status! < 100), 'both kinds of failure');

    const times = calls.map(time);
    assert.equal(outage.firstTime, times[0]);
    assert.equal(outage.lastTime, times[6]);
    assert.equal(outage.lastTime - outage.firstTime, 6 * MINUTE);
    assert.ok(times.every((at, i) => at % 1000 === 0 && (i === 0 || at > times[i - 1]!)));
    assert.ok(outage.firstTime > newestBefore && outage.firstTime >= NOW.getTime() - 750);
    assert.deepEqual(await pageIds(local.server, `/activity/webhooks?endpointUrl=${encodeURIComponent(ENDPOINT)}&limit=7`), newestFirst(outage));

    // The clock has moved on to the last call: what arrives next is no older.
    const next = local.server.arrive({ sessions: 1 }).sessions[0]!;
    assert.ok(time(next) >= outage.lastTime);
  });

  it('while an outage is on, every call to that listener fails (resent ones too); after its end they answer again', async () => {
    const toListener = (entries: WebhookEntryWire[]) => entries.filter((entry) => entry.attributes.endpointUrl === ENDPOINT);
    local.server.inject({ kind: 'outage', endpointUrl: ENDPOINT, calls: 2, minutes: 0 });
    const during = local.server.arrive({ webhooks: 200 }).webhooks;
    assert.ok(toListener(during).length >= 10, `${toListener(during).length} calls to the listener`);
    assert.deepEqual(toListener(during).filter((call) => !failed(call.attributes.status)), []);
    // Control: the other listeners answer as usual meanwhile.
    assert.ok(during.filter((call) => call.attributes.endpointUrl !== ENDPOINT && !failed(call.attributes.status)).length > 100);
    const resentDuring = await apiPost(local.server, `/webhooks/resend/${toListener(during)[0]!.id}`);
    assert.equal(resentDuring.status, 200);
    assert.ok(failed(local.server.webhooks[0]!.attributes.status), 'the resent call failed too');

    const end = local.server.inject({ kind: 'outage-end', endpointUrl: ENDPOINT });
    assert.deepEqual({ kind: end.kind, subject: end.subject, count: end.entries.length }, { kind: 'outage-end', subject: { endpointUrl: ENDPOINT }, count: 1 });
    assert.deepEqual(served(local.server.webhooks, end).map((call) => call.attributes.status), [200]);
    const after = toListener(local.server.arrive({ webhooks: 200 }).webhooks);
    assert.ok(after.length >= 10 && after.filter((call) => !failed(call.attributes.status)).length >= after.length - 3, 'its usual answers again');
    assert.throws(() => local.server.inject({ kind: 'outage-end', endpointUrl: ENDPOINT }), /is not down/);
  });

  it('a failed-login burst: from one address against several names, or against one name from several addresses', async () => {
    const burst = local.server.inject({ kind: 'failed-logins', count: 12, minutes: 5, ipAddresses: ['45.134.26.12'], usernames: ['root', 'admin', 'test'] });
    const entries = served(local.server.sessions, burst);
    assert.deepEqual(entries.map((entry) => entry.id), ids(burst));
    assert.deepEqual(burst.subject, { ipAddresses: ['45.134.26.12'], usernames: ['root', 'admin', 'test'] });
    assert.ok(entries.every(({ attributes: a }) => a.operation === 'PASS' && a.status === 'failed' && a.ipAddress === '45.134.26.12'));
    assert.deepEqual(new Set(entries.map((entry) => entry.attributes.username)), new Set(['root', 'admin', 'test']));
    assert.equal(burst.lastTime - burst.firstTime, 5 * MINUTE);
    assert.deepEqual(await pageIds(local.server, '/activity/session?ipAddress=45.134.26.12&type=pass&limit=12'), newestFirst(burst));

    const spread = local.server.inject({ kind: 'failed-logins', count: 6, minutes: 2, ipAddresses: ['203.0.113.7', '198.51.100.99'], usernames: ['jsmith'] });
    const fromMany = served(local.server.sessions, spread);
    assert.deepEqual(new Set(fromMany.map((entry) => entry.attributes.ipAddress)), new Set(['203.0.113.7', '198.51.100.99']));
    assert.deepEqual(await pageIds(local.server, '/activity/session?username=jsmith&startDate=' + encodeURIComponent(new Date(spread.firstTime).toISOString())), newestFirst(spread));

    const chosen = local.server.inject({ kind: 'failed-logins' });
    assert.equal(chosen.entries.length, 20);
    assert.equal(chosen.subject.ipAddresses!.length, 1);
    assert.throws(() => local.server.inject({ kind: 'failed-logins', ipAddresses: ['192.0.2.1', '192.0.2.2'], usernames: ['a', 'b'] }), /not both/);
  });

  it('a mass deletion: DELE of distinct files in one folder by one user within the minutes', async () => {
    const deletion = local.server.inject({ kind: 'mass-deletion', username: 'admin', folder: '/Finance/Payroll', count: 30, minutes: 4 });
    const entries = served(local.server.sessions, deletion);
    assert.deepEqual(deletion.subject, { username: 'admin', path: '/Finance/Payroll' });
    assert.ok(entries.every(({ attributes: a }) => a.operation === 'DELE' && a.username === 'admin' && a.fileName!.startsWith('/Finance/Payroll/')));
    assert.equal(new Set(entries.map((entry) => entry.attributes.fileName)).size, 30);
    assert.equal(deletion.lastTime - deletion.firstTime, 4 * MINUTE);
    const query = `/activity/session?username=admin&type=DELE&path=${encodeURIComponent('/Finance/Payroll*')}&startDate=${encodeURIComponent(new Date(deletion.firstTime).toISOString())}&limit=100`;
    assert.deepEqual(await pageIds(local.server, query), newestFirst(deletion));
    assert.throws(() => local.server.inject({ kind: 'mass-deletion', username: 'nobody' }), /No user nobody/);
  });

  it('activity under a folder: the operations in turn, on files below the prefix', async () => {
    const activity = local.server.inject({ kind: 'path-activity', path: '/Finance/*', operations: ['RETR', 'MOVE', 'DELE'], count: 6, minutes: 1 });
    const entries = served(local.server.sessions, activity);
    assert.equal(activity.subject.path, '/Finance');
    assert.deepEqual(entries.map((entry) => entry.attributes.operation), ['RETR', 'MOVE', 'DELE', 'RETR', 'MOVE', 'DELE']);
    assert.ok(entries.every((entry) => entry.attributes.fileName!.startsWith('/Finance/') && entry.attributes.username === activity.subject.username));
    assert.ok(entries.filter((entry) => entry.attributes.operation === 'MOVE').every((entry) => entry.attributes.fileSource!.startsWith('/Finance/')));
    assert.throws(() => local.server.inject({ kind: 'path-activity', path: '/Finance', operations: ['toString'] }), /no operation code/);
  });

  it('records every injection in order, the same for the same seed and requests, times aside', async () => {
    const requests = [{ kind: 'outage' as const }, { kind: 'failed-logins' as const, count: 4 }, { kind: 'mass-deletion' as const, count: 5 }];
    const twin = await startExaVaultServer(OPTIONS);
    try {
      const timeless = (target: RunningExaVaultServer) => {
        requests.forEach((incident) => target.inject(incident));
        return JSON.stringify([target.injected(), target.sessions.slice(0, 9), target.webhooks.slice(0, 5)], (key, value: unknown) => (/Time$/.test(key) || (typeof value === 'string' && DATE_TIME.test(value)) ? 'a time' : value));
      };
      const mine = timeless(local.server);
      assert.equal(timeless(twin), mine);
      assert.deepEqual(local.server.injected().map((incident) => [incident.sequence, incident.kind]), [[1, 'outage'], [2, 'failed-logins'], [3, 'mass-deletion']]);
    } finally {
      await twin.close();
    }
  });

  it('injects at start what the options ask for', async () => {
    const started = await startExaVaultServer({ ...OPTIONS, incidents: [{ kind: 'outage', endpointUrl: ENDPOINT, calls: 3 }] });
    try {
      const [outage] = started.injected();
      assert.deepEqual([outage!.kind, outage!.entries.length], ['outage', 3]);
      assert.deepEqual(await pageIds(started, `/activity/webhooks?endpointUrl=${encodeURIComponent(ENDPOINT)}&limit=3`), newestFirst(outage!));
    } finally {
      await started.close();
    }
  });

  describe('POST /__control/inject and GET /__control/injected', () => {
    const control = (path: string, body?: string) => request(`${local.server.url}/__control/${path}`, {
      method: body === undefined ? 'GET' : 'POST', body, headers: { 'Content-Type': 'application/json' },
    });

    it('inject as asked, answer the record, and list every record', async () => {
      const reply = await control('inject', JSON.stringify({ kind: 'mass-deletion', username: 'admin', count: 3, minutes: 1 }));
      assert.equal(reply.status, 200, reply.text);
      const incident = JSON.parse(reply.text) as InjectedIncident;
      assert.deepEqual(incident.subject.username, 'admin');
      assert.deepEqual(ids(incident), served(local.server.sessions, incident).map((entry) => entry.id));
      const listed = await control('injected');
      assert.deepEqual(JSON.parse(listed.text), [incident]);
    });

    it('refuse anything malformed or unknown with 400 naming the problem, injecting nothing', async () => {
      const before = [local.server.sessions.length, local.server.webhooks.length];
      for (const [body, problem] of [['{"kind":"flood"}', 'kind'], ['{"kind":"outage","count":3}', 'count'], ['{"kind":"outage","calls":0}', 'calls'],
        ['{"kind":"outage","endpointUrl":"https://elsewhere.example"}', 'elsewhere'], ['{"kind":"path-activity"}', 'path'],
        ['{"kind":"failed-logins","usernames":[]}', 'usernames'], ['{"kind":"outage-end"}', 'not down'], ['[1]', 'object'], ['{oops', 'JSON']]) {
        const reply = await control('inject', body!);
        assert.equal(reply.status, 400, body);
        assert.match((JSON.parse(reply.text) as { error: string }).error, new RegExp(problem!), body);
      }
      assert.deepEqual([local.server.sessions.length, local.server.webhooks.length], before);
      assert.deepEqual(JSON.parse((await control('injected')).text), []);
    });
  });
});
