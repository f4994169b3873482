// The generated account: deterministic, complete (every operation, every webhook shape) and telling
// the stories the brief asks for. These check properties of the data, not exact values.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire, WebhookEntryWire } from '../../../../src/api/wire';
import { HOSTILE_STRINGS, startExaVaultServer } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { apiGet, request } from '../requests';

// Not on a whole second, as a real clock is not.
const NOW = new Date('2026-07-15T18:30:00.750Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The documented operation codes (API-NOTES.md), written out here rather than taken from the server.
const OPERATION_CODES = ['PASS', 'EXIT', 'STOR', 'RETR', 'DELE', 'MKD', 'RNTO', 'MOVE', 'COPY', 'COMPR', 'EXTRACT', 'SHARE', 'SEND',
  'RECV', 'EDIT_SEND', 'EDIT_SHARE', 'EDIT_RECV', 'DELE_SEND', 'DELE_RECV', 'DELE_SHARE', 'NOTIFY', 'EDIT_NTFY', 'DELE_NTFY',
  'USER', 'EDIT_USER', 'DELE_USER', 'DFA', 'EDIT_DFA', 'DELE_DFA'];
const EVENTS = ['resources.upload', 'resources.download', 'resources.delete', 'resources.createFolder', 'resources.rename',
  'resources.move', 'resources.copy', 'resources.compress', 'resources.extract', 'shares.formSubmit'];

const time = (entry: { attributes: { created?: string } }): number => Date.parse(entry.attributes.created!);
const oldestFirst = <T extends { attributes: { created?: string } }>(entries: readonly T[]): T[] => [...entries].reverse();

describe('local server: generated data', () => {
  const local = useLocalServer({ seed: 7, now: NOW });
  let sessions: readonly SessionEntryWire[];
  let webhooks: readonly WebhookEntryWire[];
  before(() => {
    sessions = local.server.sessions;
    webhooks = local.server.webhooks;
  });

  it('is the same for the same seed and now, and different for another seed', async () => {
    const same = await startExaVaultServer({ seed: 7, now: NOW });
    const other = await startExaVaultServer({ seed: 8, now: NOW });
    try {
      assert.deepEqual(same.sessions, sessions);
      assert.deepEqual(same.webhooks, webhooks);
      assert.notDeepEqual(other.sessions.slice(50, 60), sessions.slice(50, 60));
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  it('holds exactly the asked counts, newest first, ids rising with time, within 90 days before now', () => {
    assert.deepEqual([sessions.length, webhooks.length], [2000, 500]);
    for (const list of [sessions, webhooks]) {
      for (let i = 1; i < list.length; i++) {
        assert.ok(time(list[i]!) <= time(list[i - 1]!) && list[i]!.id < list[i - 1]!.id, `entry ${i}`);
      }
      assert.ok(time(list[list.length - 1]!) > NOW.getTime() - 90 * DAY);
      assert.ok(time(list[0]!) < NOW.getTime());
    }
    assert.ok(time(sessions[0]!) > NOW.getTime() - 3 * DAY, 'the newest session entry is recent');
  });

  it('finds an entry by the created time it shows', async () => {
    for (const [path, list] of [['session', sessions], ['webhooks', webhooks]] as const) {
      for (const entry of list.filter((_, i) => i % 97 === 0)) {
        const created = encodeURIComponent(entry.attributes.created!);
        const reply = await apiGet(local.server, `/activity/${path}?startDate=${created}&endDate=${created}`);
        const found = (JSON.parse(reply.text) as { data: { id: number }[] }).data.map((other) => other.id);
        assert.ok(found.includes(entry.id), `${path} ${entry.id} at ${entry.attributes.created}`);
      }
    }
  });

  it('writes created with Z mostly, and sometimes with an offset', () => {
    const offsets = sessions.filter((entry) => /-07:00$/.test(entry.attributes.created!)).length;
    assert.ok(offsets > 0 && offsets < sessions.length / 5, `${offsets} entries with an offset`);
    assert.ok(sessions.every((entry) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|-07:00)$/.test(entry.attributes.created!)));
  });

  it('uses every operation code at least once from 100 entries on', async () => {
    const small = await startExaVaultServer({ sessions: 100, webhooks: 20, seed: 11, now: NOW });
    try {
      const seen = new Set(small.sessions.map((entry) => entry.attributes.operation));
      assert.deepEqual(OPERATION_CODES.filter((code) => !seen.has(code)), []);
      for (const code of ['DELE_DFA', 'edit_ntfy']) {
        const reply = await apiGet(small, `/activity/session?type=${code}&limit=1`);
        assert.equal((JSON.parse(reply.text) as { returnedResults: number }).returnedResults, 1, code);
      }
    } finally {
      await small.close();
    }
  });

  it('groups operations into sessions: PASS first, EXIT last, one user and address', () => {
    const bySession = new Map<string, SessionEntryWire[]>();
    for (const entry of oldestFirst(sessions)) {
      bySession.set(entry.attributes.sessionId!, [...(bySession.get(entry.attributes.sessionId!) ?? []), entry]);
    }
    const connections = [...bySession.values()].filter((rows) => rows.length > 1);
    assert.ok(connections.length > 50);
    const wellFormed = connections.filter((rows) => rows[0]!.attributes.operation === 'PASS' && rows[rows.length - 1]!.attributes.operation === 'EXIT'
      && new Set(rows.map((row) => `${row.attributes.username} ${row.attributes.ipAddress} ${row.attributes.protocol}`)).size === 1);
    assert.ok(wellFormed.length >= connections.length - 1, `${connections.length - wellFormed.length} sessions are not PASS ... EXIT`);
  });

  it('fits paths, sizes and durations to each operation', () => {
    for (const { attributes: a } of sessions) {
      const moves = a.operation === 'MOVE' || a.operation === 'COPY' || a.operation === 'RNTO';
      assert.equal(a.fileSource !== '', moves, `${a.operation} fileSource "${a.fileSource}"`);
      assert.equal(a.fileName === '', a.operation === 'PASS' || a.operation === 'EXIT', `${a.operation} fileName "${a.fileName}"`);
      if (a.operation === 'STOR' || a.operation === 'RETR') {
        assert.ok(a.bytesTransferred! > 0);
      }
      if (a.operation === 'PASS' || a.operation === 'DELE' || a.operation === 'MKD') {
        assert.equal(a.bytesTransferred, 0);
      }
      assert.ok(Number.isInteger(a.duration) && a.duration! >= 0);
      assert.ok(['web', 'ftp', 'sftp'].includes(a.protocol!));
      assert.ok(a.status === '-' || (a.status === 'failed' && a.operation === 'PASS'));
    }
    const users = new Set(sessions.map((entry) => entry.attributes.username));
    assert.ok(users.size >= 15 && users.has('admin') && users.has('backup-bot'), [...users].join(', '));
  });

  it('has a failed-login burst: many failed PASS from one address against a few names within minutes', () => {
    const failed = oldestFirst(sessions).filter((entry) => entry.attributes.status === 'failed');
    const burst = failed.filter((entry) => failed.filter((other) => other.attributes.ipAddress === entry.attributes.ipAddress
      && Math.abs(time(other) - time(entry)) <= 10 * MINUTE).length >= 20);
    assert.ok(burst.length >= 20, `${burst.length} failed logins in bursts`);
    assert.ok(new Set(burst.map((entry) => entry.attributes.username)).size >= 3);
  });

  it('tells a deleted file story: uploaded, downloaded by others, then deleted', () => {
    const story = oldestFirst(sessions).filter((entry) => entry.attributes.operation === 'DELE').some((deletion) => {
      const before = sessions.filter((entry) => entry.attributes.fileName === deletion.attributes.fileName && time(entry) < time(deletion));
      const upload = before.find((entry) => entry.attributes.operation === 'STOR');
      return upload !== undefined && before.some((entry) => entry.attributes.operation === 'RETR' && time(entry) > time(upload)
        && entry.attributes.username !== upload.attributes.username);
    });
    assert.ok(story);
  });

  describe('webhooks', () => {
    const attributes = (entry: WebhookEntryWire) => entry.attributes as Record<string, unknown> & { details?: Record<string, unknown> };

    it('come in all three shapes, mostly v2', () => {
      const v2 = webhooks.filter((entry) => entry.attributes.webhookFormat === 'v2');
      const v1 = webhooks.filter((entry) => entry.attributes.webhookFormat === 'v1');
      const legacy = webhooks.filter((entry) => entry.attributes.webhookFormat === undefined);
      assert.ok(v2.length > webhooks.length / 2 && v1.length > 0 && legacy.length > 0, `${v2.length} v2, ${v1.length} v1, ${legacy.length} legacy`);
      assert.ok(v2.every((entry) => typeof attributes(entry).details?.eventData === 'object' && typeof attributes(entry).accountId === 'string'));
      assert.ok(v1.every((entry) => Number.isInteger(attributes(entry).details?.attempt) && attributes(entry).details?.eventData === undefined));
      assert.ok(legacy.every((entry) => /^[A-Z][a-z]+( [A-Z][a-z]+)?$/.test(String(entry.attributes.event)) && Number.isInteger(attributes(entry).responseSize)));
      assert.ok([...v1, ...v2].every((entry) => EVENTS.includes(String(entry.attributes.event))));
    });

    it('follow the session log: each modern call matches a logged operation of that user on that path', () => {
      const logged = new Set(sessions.map((entry) => `${entry.attributes.username} ${entry.attributes.fileName}`));
      const modern = webhooks.filter((entry) => entry.attributes.webhookFormat !== undefined);
      const matched = modern.filter((entry) => logged.has(`${entry.attributes.username} ${String(attributes(entry).resourcePath)}`));
      // A handful are made up so that every listener and the outage get calls.
      assert.ok(matched.length >= modern.length * 0.9, `${matched.length} of ${modern.length}`);
    });

    describe('their causes, as the generator recorded them', () => {
      const SESSION_OPERATION: Record<string, string> = {
        'resources.upload': 'STOR', 'resources.download': 'RETR', 'resources.delete': 'DELE', 'resources.createFolder': 'MKD',
        'resources.rename': 'RNTO', 'resources.move': 'MOVE', 'resources.copy': 'COPY', 'resources.compress': 'COMPR',
        'resources.extract': 'EXTRACT', 'shares.formSubmit': 'RECV',
      };
      const caused = () => webhooks.flatMap((call) => {
        const causeId = local.server.causeOf(call.id);
        return causeId === undefined ? [] : [{ call, cause: sessions.find((entry) => entry.id === causeId)! }];
      });

      it('are session entries of the same user, path, address, protocol and operation, seconds before the call', () => {
        const pairs = caused();
        assert.ok(pairs.length >= webhooks.length * 0.8, `${pairs.length} of ${webhooks.length} calls have a cause`);
        for (const { call, cause } of pairs) {
          assert.ok(cause, `call ${call.id}: its cause is in the log`);
          const details = attributes(call).details;
          if (call.attributes.webhookFormat === undefined) {
            // Legacy calls have causes too, but carry no user or path to match them by.
            assert.equal(call.attributes.username, undefined);
            continue;
          }
          assert.equal(call.attributes.username, cause.attributes.username);
          assert.equal(call.attributes.resourcePath, cause.attributes.fileName);
          assert.equal(call.attributes.ipAddress, cause.attributes.ipAddress);
          assert.equal(details?.protocol, cause.attributes.protocol);
          assert.equal(SESSION_OPERATION[String(call.attributes.event)], cause.attributes.operation);
          assert.ok(time(call) > time(cause), `call ${call.id} after its cause`);
          if (call.attributes.resend !== true && (details?.attempt ?? 1) === 1 && call.attributes.webhookFormat === 'v1') {
            assert.ok(time(call) - time(cause) <= 3_000, `call ${call.id}: a first attempt goes out within seconds`);
          }
        }
      });

      it('carry the event time within a few seconds of the cause in v2, a few off by a second or more', () => {
        const skews = caused().filter(({ call }) => call.attributes.webhookFormat === 'v2')
          .map(({ call, cause }) => (Date.parse(String(attributes(call).details?.eventTimestamp)) - time(cause)) / 1000);
        assert.ok(skews.length > 0);
        assert.ok(skews.every((skew) => Math.abs(skew) <= 3), skews.filter((skew) => Math.abs(skew) > 3).join(', '));
        const off = skews.filter((skew) => skew !== 0).length;
        assert.ok(off > 0 && off < skews.length / 2, `${off} of ${skews.length} skewed`);
      });

      it('are missing from some calls (made through the API); legacy calls have causes but carry no user or path', () => {
        const modern = webhooks.filter((entry) => entry.attributes.webhookFormat !== undefined);
        assert.ok(modern.some((entry) => local.server.causeOf(entry.id) === undefined), 'some modern calls have no cause');
        assert.ok(modern.some((entry) => local.server.causeOf(entry.id) !== undefined), 'positive control: others have one');
        const legacy = webhooks.filter((entry) => entry.attributes.webhookFormat === undefined);
        assert.ok(legacy.some((entry) => local.server.causeOf(entry.id) !== undefined));
        assert.ok(legacy.every((entry) => entry.attributes.username === undefined && entry.attributes.resourcePath === undefined));
      });

      it('are kept by the server, out of the API\'s data, and read through the control endpoint', async () => {
        const served = (await apiGet(local.server, '/activity/webhooks?limit=1000')).text;
        assert.doesNotMatch(served, /cause/i);
        assert.match(served, /resourcePath/, 'positive control: the served text names the fields it carries');
        const reply = await request(`${local.server.url}/__control/causes`);
        assert.equal(reply.status, 200);
        const recorded = JSON.parse(reply.text) as [number, number][];
        assert.deepEqual(recorded, caused().map(({ call, cause }) => [call.id, cause.id]));
      });
    });

    it('show one listener failing for about an hour, each failed event posted again', () => {
      const failures = oldestFirst(webhooks).filter((entry) => (entry.attributes.status ?? 200) < 200 || (entry.attributes.status ?? 200) >= 300);
      const outage = failures.filter((entry) => failures.filter((other) => other.attributes.endpointUrl === entry.attributes.endpointUrl
        && Math.abs(time(other) - time(entry)) <= 70 * MINUTE).length >= 5);
      assert.ok(outage.length >= 5, `${outage.length} failed calls in an outage`);
      assert.equal(new Set(outage.map((entry) => entry.attributes.endpointUrl)).size, 1);
      const statuses = new Set(outage.map((entry) => entry.attributes.status));
      assert.ok([...statuses].some((status) => status! >= 500) && [...statuses].some((status) => status! < 100), [...statuses].join(', '));
      // A retry is the same event on the same path again (v2 calls carry no attempt number).
      const retried = outage.filter((entry) => outage.some((other) => other !== entry && other.attributes.event === entry.attributes.event
        && attributes(other).resourcePath === attributes(entry).resourcePath));
      assert.ok(retried.length >= 2, `${retried.length} of ${outage.length} outage calls repeat another's event and path`);
    });
  });
});

describe('local server: hostile data', () => {
  const local = useLocalServer({ dataset: 'hostile', seed: 2, now: NOW });

  it('puts every payload, exactly, into the data', () => {
    const texts = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') {
        texts.add(value);
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach(collect);
      }
    };
    collect(local.server.sessions);
    collect(local.server.webhooks);
    assert.deepEqual(HOSTILE_STRINGS.filter((payload) => !texts.has(payload) && ![...texts].some((text) => text.includes(payload))), []);
    assert.ok(HOSTILE_STRINGS.some((payload) => payload.length >= 100 * 1024));
    for (const field of ['username', 'ipAddress'] as const) {
      assert.ok(local.server.sessions.some((entry) => HOSTILE_STRINGS.includes(entry.attributes[field]!)), field);
    }
    // Paths are payloads joined by "/": folders, then the file's name.
    assert.ok(local.server.sessions.some((entry) => HOSTILE_STRINGS.some((payload) => entry.attributes.fileName!.endsWith(`/${payload}`))));
    assert.ok(local.server.webhooks.some((entry) => HOSTILE_STRINGS.includes(entry.attributes.endpointUrl!)));
    assert.ok(local.server.webhooks.some((entry) => HOSTILE_STRINGS.includes(entry.attributes.response!)));
  });

  it('serves valid JSON, and filters on a payload sent URL-encoded', async () => {
    let found = 0;
    for (const payload of HOSTILE_STRINGS.slice(0, 12)) {
      const reply = await apiGet(local.server, `/activity/session?limit=5&username=${encodeURIComponent(payload)}`);
      assert.equal(reply.status, 200);
      const body = JSON.parse(reply.text) as { data: SessionEntryWire[] };
      assert.ok(body.data.every((entry) => entry.attributes.username!.toLowerCase() === payload.toLowerCase()), JSON.stringify(payload));
      found += body.data.length;
    }
    assert.ok(found > 0, 'no payload found as a username: the check above saw nothing');
    const all = JSON.parse((await apiGet(local.server, '/activity/webhooks?limit=1000')).text) as { data: unknown[] };
    assert.equal(all.data.length, 500);
  });
});
