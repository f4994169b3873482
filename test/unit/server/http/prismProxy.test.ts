// The local server's answers judged by an independent referee: Prism as a proxy in front of it
// (`prism proxy test/spec/openapi.yaml <server> --errors`, test/support/prism.ts). An answer with an
// error-level violation of the spec becomes a 500 listing every violation.
//
// The spec's own defects show, and are asserted exactly rather than hidden:
// - WebhookActivityEntry.attributes is `oneOf: [V2, V1]`, and neither schema pins webhookFormat or
//   forbids the other's fields, so a v1 or v2 entry matches both and fails the oneOf: one violation
//   at data.N.attributes, "must match exactly one schema in oneOf".
//   Except a v2 entry naming a file over 2 GiB: details.eventData.resources[].size is int32 in V2, so
//   it fails V2, matches V1 alone and passes. (The int32 defect is hidden by the oneOf defect.)
// - A legacy entry (no webhookFormat; the shape of the spec's own example, event "Upload") fails the
//   event enum in both branches and then the oneOf: two enum violations at data.N.attributes.event and
//   the oneOf one.
// Any other violation fails. schema.test.ts meets the same defects with Ajv.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire, WebhookEntryWire } from '../../../../src/api/wire';
import { SAMPLE_FILES, SAMPLES_FOLDER, startExaVaultServer, type RunningExaVaultServer } from '../../../../server/index';
import { PRISM_DOWNLOAD_DEFECT, startPrism, violationsOf, type RunningPrism, type Violation } from '../../../support/prism';
import { credentials, request, type Reply } from '../requests';

const INT32_MAX = 2 ** 31 - 1;
const EVENTS = 'resources.upload, resources.download, resources.delete, resources.rename, resources.copy, resources.move, resources.compress, resources.extract, resources.createFolder, shares.formSubmit';

type Shape = 'v2' | 'v2 with a file over 2 GiB' | 'v1' | 'legacy';

function shapeOf(entry: WebhookEntryWire): Shape {
  const attributes = entry.attributes as { webhookFormat?: string; details?: { eventData?: { resources?: { size?: number }[] } } };
  if (attributes.webhookFormat === 'v1') {
    return 'v1';
  }
  if (attributes.webhookFormat === 'v2') {
    return (attributes.details?.eventData?.resources ?? []).some((resource) => (resource.size ?? 0) > INT32_MAX) ? 'v2 with a file over 2 GiB' : 'v2';
  }
  return 'legacy';
}

/** Exactly what the spec's defects make Prism say about a page of webhook entries (see above). */
function defectViolations(data: WebhookEntryWire[]): Violation[] {
  return data.flatMap((entry, i): Violation[] => {
    const at = ['response', 'body', 'data', String(i), 'attributes'];
    const oneOf = { location: at, severity: 'Error', code: 'oneOf', message: `Response body property data.${i}.attributes must match exactly one schema in oneOf` };
    const event = { location: [...at, 'event'], severity: 'Error', code: 'enum', message: `Response body property data.${i}.attributes.event must be equal to one of the allowed values: ${EVENTS}` };
    switch (shapeOf(entry)) {
      case 'legacy':
        return [event, event, oneOf];
      case 'v2 with a file over 2 GiB':
        return [];
      default:
        return [oneOf];
    }
  });
}

/** What is in `actual` and not in `expected`, and the reverse, counting repeats. */
function difference(actual: Violation[], expected: Violation[]): { unexplained: Violation[]; missing: Violation[] } {
  const key = (v: Violation) => JSON.stringify([v.location, v.severity, v.code, v.message]);
  const left = new Map<string, number>();
  expected.forEach((v) => left.set(key(v), (left.get(key(v)) ?? 0) + 1));
  const unexplained: Violation[] = [];
  for (const v of actual) {
    const n = left.get(key(v)) ?? 0;
    if (n > 0) {
      left.set(key(v), n - 1);
    } else {
      unexplained.push(v);
    }
  }
  const missing = expected.filter((v) => {
    const n = left.get(key(v)) ?? 0;
    if (n > 0) {
      left.set(key(v), n - 1);
      return true;
    }
    return false;
  });
  return { unexplained, missing };
}

const show = (violations: Violation[]) => JSON.stringify(violations.slice(0, 5), null, 1) + (violations.length > 5 ? `\n... and ${violations.length - 5} more` : '');

describe('local server: answers judged by Prism proxying to it', function () {
  let server: RunningExaVaultServer;
  let prism: RunningPrism;

  before(async function () {
    // Prism takes seconds to start (some 5 s; 20 s on a busy machine): this hook has its own limit.
    this.timeout(120_000);
    server = await startExaVaultServer({ seed: 9 });
    prism = await startPrism('proxy', server.baseUrl);
  });
  // The hook may fail before either exists.
  after(async () => {
    await prism?.close();
    await server?.close();
  });

  /** A request through Prism, with the admin's credentials unless told otherwise. */
  const through = (path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> =>
    request(prism.url + path, { method: options.method, headers: { ...credentials(server), ...options.headers } });
  const direct = async <T>(path: string): Promise<T> => {
    const reply = await request(server.baseUrl + path, { headers: credentials(server) });
    assert.equal(reply.status, 200, reply.text);
    return JSON.parse(reply.text) as T;
  };
  const violations = (reply: Reply) => violationsOf({ status: reply.status, responseHeaders: reply.headers, body: Buffer.from(reply.text) });

  /** Through Prism: 200, and no violation at all (not even a warning in sl-violations). */
  async function validates(path: string, method = 'GET'): Promise<Reply> {
    const reply = await through(path, { method });
    assert.deepEqual(violations(reply), [], `${method} ${path}`);
    assert.equal(reply.status, 200, `${method} ${path}: ${reply.text.slice(0, 500)}`);
    assert.equal(reply.headers['sl-violations'], undefined);
    return reply;
  }

  it('GET /account', async () => {
    await validates('/account');
  });

  it('GET /activity/session: every generated entry in full pages, and filtered pages', async () => {
    for (const offset of [0, 1000]) {
      const reply = await validates(`/activity/session?limit=1000&offset=${offset}&sort=-date`);
      assert.equal((JSON.parse(reply.text) as { data: unknown[] }).data.length, 1000);
    }
    const sample = (await direct<{ data: SessionEntryWire[] }>('/activity/session?type=STOR&limit=1')).data[0]!.attributes;
    await validates(`/activity/session?type=stor&username=${encodeURIComponent(sample.username!)}&limit=100`);
    await validates(`/activity/session?ipAddress=${encodeURIComponent(sample.ipAddress!)}&sort=size&limit=100`);
    await validates(`/activity/session?path=${encodeURIComponent(`${sample.fileName!.split('/').slice(0, 2).join('/')}*`)}&limit=100&endDate=${encodeURIComponent(sample.created!)}`);
  });

  it('GET /resources: a file, a folder and the root; /resources/list: a folder and a search; /resources/preview: a PNG and a PDF', async () => {
    for (const path of [SAMPLE_FILES.png, SAMPLE_FILES.large, SAMPLES_FOLDER, '/']) {
      await validates(`/resources?resource=${encodeURIComponent(path)}`);
    }
    await validates(`/resources/list?resource=${encodeURIComponent(SAMPLES_FOLDER)}&offset=0&limit=100`);
    await validates('/resources/list?resource=/&name=*.pdf&limit=200');
    for (const path of [SAMPLE_FILES.png, SAMPLE_FILES.pdf]) {
      await validates(`/resources/preview?resource=${encodeURIComponent(path)}&size=small`);
    }
  });

  it('POST /webhooks/resend/{activityId} of each shape', async () => {
    const data = (await direct<{ data: WebhookEntryWire[] }>('/activity/webhooks?limit=1000')).data;
    for (const shape of ['v2', 'v1', 'legacy'] as Shape[]) {
      await validates(`/webhooks/resend/${data.find((entry) => shapeOf(entry) === shape)!.id}`, 'POST');
    }
  });

  it('GET /resources/download cannot be judged: Prism 5.14.2 refuses every download request (its own defect)', async () => {
    const reply = await through(`/resources/download?resources%5B%5D=${encodeURIComponent(SAMPLE_FILES.png)}`, { headers: { Accept: 'application/octet-stream' } });
    assert.equal(reply.status, 422);
    assert.deepEqual(violations(reply), [PRISM_DOWNLOAD_DEFECT]);
  });

  it('GET /activity/webhooks: exactly the violations the spec\'s oneOf (and legacy) defects cause, and no other', async () => {
    // All 500 generated entries in one page, and the first 1000 after the resends above.
    for (const path of ['/activity/webhooks?limit=1000&offset=3', '/activity/webhooks?limit=1000', '/activity/webhooks?event=resources.upload&sort=-status&limit=200']) {
      const page = await direct<{ data: WebhookEntryWire[] }>(path);
      const reply = await through(path);
      assert.equal(reply.status, 500, reply.text.slice(0, 500));
      assert.match(reply.text, /errors#VIOLATIONS/);
      const { unexplained, missing } = difference(violations(reply), defectViolations(page.data));
      assert.deepEqual(unexplained, [], `${path}: violations the spec's defects do not explain:\n${show(unexplained)}`);
      assert.deepEqual(missing, [], `${path}: violations the defects should cause and Prism did not report:\n${show(missing)}`);
    }
    // Every case of the rule above occurs in the generated data.
    const all = (await direct<{ data: WebhookEntryWire[] }>('/activity/webhooks?limit=1000')).data;
    assert.deepEqual(new Set(all.map(shapeOf)), new Set(['v2', 'v2 with a file over 2 GiB', 'v1', 'legacy']));
  });

  it('an error answer: the spec lists none for these operations, so exactly one warning, and the answer passes unchanged', async () => {
    const warning = { location: ['response'], severity: 'Warning', message: 'Unable to match the returned status code with those defined in the document: 200' };
    const cases: [string, Record<string, string>, number][] = [
      ['/account', { 'ev-access-token': '0'.repeat(64) }, 401],
      ['/activity/session?limit=0', {}, 400],
      [`/resources?resource=${encodeURIComponent('/nowhere.txt')}`, {}, 404],
    ];
    for (const [path, headers, status] of cases) {
      const reply = await through(path, { headers });
      assert.equal(reply.status, status, reply.text);
      assert.deepEqual(violations(reply), [warning], path);
      assert.ok(Array.isArray((JSON.parse(reply.text) as { errors: unknown[] }).errors), reply.text);
    }
  });

  // Last (nested suites run after the outer tests): these add entries to the server.
  describe('answers that break the spec are caught (the check can fail)', () => {
    it('a session entry with a number for a string, and a v2 webhook entry with an event outside the enum', async () => {
      const session = (await direct<{ data: SessionEntryWire[] }>('/activity/session?limit=1')).data[0]!;
      const v2 = (await direct<{ data: WebhookEntryWire[] }>('/activity/webhooks?limit=1000')).data.find((entry) => shapeOf(entry) === 'v2')!;
      server.arrive({
        sessions: [{ ...session, id: session.id + 1_000_000, attributes: { ...session.attributes, username: 'prism-control', sessionId: 42 as never } }],
        webhooks: [{ ...v2, id: v2.id + 1_000_000, attributes: { ...v2.attributes, username: 'prism-control', event: 'Upload' } } as WebhookEntryWire],
      });

      const sessions = await through('/activity/session?username=prism-control');
      assert.equal(sessions.status, 500, sessions.text);
      assert.deepEqual(violations(sessions), [{
        location: ['response', 'body', 'data', '0', 'attributes', 'sessionId'], severity: 'Error', code: 'type', message: 'Response body property data.0.attributes.sessionId must be string',
      }]);

      const path = '/activity/webhooks?username=prism-control';
      const webhooks = await through(path);
      assert.equal(webhooks.status, 500, webhooks.text);
      const { unexplained, missing } = difference(violations(webhooks), defectViolations((await direct<{ data: WebhookEntryWire[] }>(path)).data));
      const event = { location: ['response', 'body', 'data', '0', 'attributes', 'event'], severity: 'Error', code: 'enum', message: `Response body property data.0.attributes.event must be equal to one of the allowed values: ${EVENTS}` };
      assert.deepEqual(unexplained, [event, event]);
      assert.deepEqual(missing, []);
    });
  });
});
