// POST /webhooks/resend/{activityId}: the activity endpoints' credentials, the whole pipeline, the
// spec's EmptyResponse, and a new log entry for the call sent again. (Its schema: schema.test.ts.)
import * as assert from 'node:assert/strict';
import type { WebhookEntryWire } from '../../../../src/api/wire';
import { useLocalServer } from '../../../support/localServer';
import { apiGet, apiPost, request, type Reply } from '../requests';

const NOW = new Date('2026-07-15T18:30:00Z');
const USER_TOKEN = 'b'.repeat(64);
const EMPTY_RESPONSE = '{"responseStatus":200,"data":[]}';
const UNAUTHORIZED = '{"responseStatus":401,"errors":[{"code":"ERROR_INVALID_CREDENTIALS","detail":"HTTP_UNAUTHORIZED"}]}';
const FORBIDDEN = '{"responseStatus":403,"errors":[{"code":"ERROR_INSUFFICIENT_PRIVILEGES","detail":"An error occurred"}]}';

function errorCode(reply: Reply): string {
  const body = JSON.parse(reply.text) as { responseStatus: number; errors: { code: string; detail: string }[] };
  assert.equal(body.responseStatus, reply.status);
  assert.equal(body.errors.length, 1);
  return body.errors[0]!.code;
}

describe('local server: resending a webhook call', () => {
  const local = useLocalServer({ seed: 12, sessions: 300, webhooks: 200, now: NOW, nonAdminAccessToken: USER_TOKEN });

  /** A logged call of this shape that failed: what an admin resends. */
  const failedCall = (format: 'v1' | 'v2' | undefined): WebhookEntryWire =>
    local.server.webhooks.find((entry) => entry.attributes.webhookFormat === format && entry.attributes.status !== 200)
    ?? local.server.webhooks.find((entry) => entry.attributes.webhookFormat === format)!;
  const resend = (id: number | string, headers?: Record<string, string>) => apiPost(local.server, `/webhooks/resend/${id}`, { headers });

  it('answers the EmptyResponse with rate-limit headers, and logs the call again on top: same call, new id, now, resend, 200', async () => {
    for (const format of ['v2', 'v1'] as const) {
      const original = failedCall(format);
      const before = local.server.webhooks;
      const reply = await resend(original.id);
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.text, EMPTY_RESPONSE);
      assert.match(String(reply.headers['content-type']), /^application\/json/);
      assert.equal(reply.headers['x-ratelimit-limit'], '50000');
      assert.match(String(reply.headers['x-ratelimit-remaining']), /^\d+$/);

      assert.equal(local.server.webhooks.length, before.length + 1);
      const logged = local.server.webhooks[0]!;
      const { attributes } = logged;
      assert.ok(before.every((entry) => entry.id < logged.id), format);
      assert.equal(attributes.resend, true);
      assert.equal(attributes.status, 200);
      assert.equal(typeof attributes.response, 'string');
      assert.ok(Date.parse(attributes.created!) >= NOW.getTime() && Date.parse(attributes.created!) > Date.parse(original.attributes.created!));
      for (const field of ['webhookFormat', 'webhookId', 'endpointUrl', 'event', 'resourcePath', 'username', 'webhookPath', 'ipAddress']) {
        assert.equal(attributes[field], original.attributes[field], field);
      }
      assert.notEqual(attributes.attemptId, original.attributes.attemptId);
      assert.equal(local.server.causeOf(logged.id), local.server.causeOf(original.id), 'the same event: the same cause');
      assert.equal(local.server.webhooks.find((entry) => entry.id === original.id), original, 'the original stays as it was');
      assert.deepEqual(JSON.parse((await apiGet(local.server, '/activity/webhooks?limit=1')).text).data, [logged]);
    }
  });

  it('logs a legacy call again in the legacy shape: no resend flag, attempt 1, 200 and its response size', async () => {
    const original = failedCall(undefined);
    assert.equal((await resend(original.id)).status, 200);
    const { attributes } = local.server.webhooks[0]!;
    assert.deepEqual(Object.keys(attributes).sort(), Object.keys(original.attributes).sort());
    assert.equal(attributes.webhookFormat, undefined);
    assert.deepEqual([attributes.endpointUrl, attributes.event, attributes.attempt, attributes.status], [original.attributes.endpointUrl, original.attributes.event, 1, 200]);
    assert.equal(attributes.responseSize, Buffer.byteLength(attributes.response!));
  });

  it('answers 404 ERROR_WEBHOOK_ACTIVITY_NOT_FOUND for an id no call has, logging nothing', async () => {
    const count = local.server.webhooks.length;
    const highest = Math.max(...local.server.webhooks.map((entry) => entry.id));
    for (const id of [highest + 1, 1, 0, local.server.sessions[0]!.id, 'abc', '-5', '1e3']) {
      const reply = await resend(id);
      assert.equal(reply.status, 404, String(id));
      assert.equal(errorCode(reply), 'ERROR_WEBHOOK_ACTIVITY_NOT_FOUND');
    }
    assert.equal(local.server.webhooks.length, count);
  });

  it('checks credentials as the activity endpoints do: 401 for a wrong key or token, 403 for a non-admin', async () => {
    const id = local.server.webhooks[5]!.id;
    const count = local.server.webhooks.length;
    const wrong: Record<string, string>[] = [{}, { 'ev-api-key': local.server.apiKey }, { 'ev-api-key': 'demo-wrong', 'ev-access-token': local.server.accessToken },
      { 'ev-api-key': local.server.apiKey, 'ev-access-token': 'f'.repeat(64) }];
    for (const headers of wrong) {
      const reply = await request(`${local.server.baseUrl}/webhooks/resend/${id}`, { method: 'POST', headers });
      assert.equal(reply.status, 401, JSON.stringify(headers));
      assert.equal(reply.text, UNAUTHORIZED);
    }
    for (const target of [id, 'nonexistent']) {
      const reply = await resend(target, { 'ev-access-token': USER_TOKEN });
      assert.equal(reply.status, 403, String(target));
      assert.equal(reply.text, FORBIDDEN);
    }
    assert.equal(local.server.webhooks.length, count);
  });

  it('is POST only: GET and an id-less path answer 404 ERROR_METHOD_NOT_FOUND', async () => {
    const id = local.server.webhooks[5]!.id;
    for (const [method, path] of [['GET', `/webhooks/resend/${id}`], ['PUT', `/webhooks/resend/${id}`], ['POST', '/webhooks/resend'], ['POST', `/webhooks/resend/${id}/again`]]) {
      const reply = await request(`${local.server.baseUrl}${path}`, { method, headers: { 'ev-api-key': local.server.apiKey, 'ev-access-token': local.server.accessToken } });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.equal(errorCode(reply), 'ERROR_METHOD_NOT_FOUND');
    }
  });

  it('goes through the pipeline: throttled or failed requests log nothing; retired activity methods do not retire it', async () => {
    const id = local.server.webhooks[7]!.id;
    const count = local.server.webhooks.length;
    local.server.setFaults({ rateLimitBurst: 1, retryAfterSeconds: 4 });
    const throttled = await resend(id);
    assert.deepEqual([throttled.status, throttled.headers['retry-after'], errorCode(throttled)], [429, '4', 'ERROR_RATE_LIMIT_EXCEEDED']);
    local.server.setFaults({ serverErrors: { status: 503, count: 1 } });
    assert.equal((await resend(id)).status, 503);
    assert.equal(local.server.webhooks.length, count);

    local.server.setFaults({ retiredActivity: true });
    assert.equal((await apiGet(local.server, '/activity/webhooks?limit=1')).status, 404);
    assert.equal((await resend(id)).status, 200);
    assert.equal(local.server.webhooks.length, count + 1);
  });

  it('counts each request in the stats under its path, and can resend a resent call', async () => {
    local.server.resetStats();
    const first = local.server.webhooks[9]!.id;
    await resend(first);
    const again = local.server.webhooks[0]!.id;
    await resend(again);
    await resend('abc');
    const { requests, byPath } = local.server.stats();
    assert.equal(requests, 3);
    assert.deepEqual(byPath, { [`/api/v2/webhooks/resend/${first}`]: 1, [`/api/v2/webhooks/resend/${again}`]: 1, '/api/v2/webhooks/resend/abc': 1 });
    assert.equal(local.server.webhooks[0]!.attributes.resend, true);
    assert.ok(local.server.webhooks[0]!.id > again);
  });

  it('records each call resent (which id, when, the entry logging it), at the server and its control endpoint; refused and failed requests record nothing', async () => {
    const before = local.server.resends().length;
    const id = local.server.webhooks[11]!.id;
    local.server.setFaults({ serverErrors: { status: 500, count: 1 } });
    assert.equal((await resend(id)).status, 500);
    assert.equal((await resend('abc')).status, 404);
    assert.equal(local.server.resends().length, before, 'nothing resent yet');
    assert.equal((await resend(id)).status, 200);
    const records = local.server.resends().slice(before);
    assert.equal(records.length, 1);
    const [record] = records;
    assert.equal(record!.activityId, id);
    assert.equal(record!.loggedId, local.server.webhooks[0]!.id);
    assert.equal(record!.at, Date.parse(local.server.webhooks[0]!.attributes.created!));
    const control = await request(`${local.server.url}/__control/resends`);
    assert.equal(control.status, 200);
    assert.deepEqual((JSON.parse(control.text) as unknown[]).slice(before), records);
  });

  it('resendErrors fails the next resends alone: other requests do not use it up, and nothing is resent (positive control: the next one is)', async () => {
    const id = local.server.webhooks[13]!.id;
    const before = local.server.resends().length;
    local.server.setFaults({ resendErrors: 1 });
    assert.equal((await apiGet(local.server, '/activity/webhooks?limit=1')).status, 200);
    const failed = await resend(id);
    assert.deepEqual([failed.status, errorCode(failed)], [500, 'ERROR_INTERNAL_SERVER_ERROR']);
    assert.equal(local.server.resends().length, before);
    assert.equal((await resend(id)).status, 200);
    assert.equal(local.server.resends().length, before + 1);
  });
});
