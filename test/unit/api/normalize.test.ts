import * as assert from 'node:assert/strict';
import { normalizeSession, normalizeWebhook, parseTimestamp } from '../../../src/api/normalize';
import type { WebhookEntryWire } from '../../../src/api/wire';

describe('normalizing activity entries', () => {
  it('maps a session entry, naming the operation as the file manager does, and keeps unknown fields', () => {
    const entry = normalizeSession({
      id: 12345,
      type: 'sessionActivity',
      attributes: {
        bytesTransferred: 10815676, created: '2019-10-18T06:48:40Z', duration: 5, fileName: '/test2/a.pdf', fileSource: '',
        ipAddress: '185.223.113.224', operation: 'stor', protocol: 'web', sessionId: '5da9', status: '-', username: 'exavault',
        region: 'eu-west',
      },
    });
    assert.equal(entry.operation, 'STOR');
    assert.equal(entry.operationName, 'Upload');
    assert.equal(entry.created, Date.parse('2019-10-18T06:48:40Z'));
    assert.equal(entry.bytesTransferred, 10815676);
    assert.equal(entry.failed, false);
    assert.deepEqual(entry.extra, { region: 'eu-west' });
  });

  it('marks failed logins, and tolerates missing attributes', () => {
    assert.equal(normalizeSession({ id: 1, type: 'sessionActivity', attributes: { operation: 'PASS', status: 'failed' } }).failed, true);
    const bare = normalizeSession({ id: 2, type: 'sessionActivity', attributes: {} });
    assert.deepEqual([bare.operation, bare.fileName, bare.created, bare.bytesTransferred], ['', '', undefined, undefined]);
  });

  it('reads dates with an offset, without a zone (UTC) and with a space', () => {
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    assert.equal(iso(parseTimestamp('2020-07-30T03:40:35-07:00')), '2020-07-30T10:40:35.000Z');
    assert.equal(iso(parseTimestamp('2020-07-30T03:40:35+0530')), '2020-07-29T22:10:35.000Z');
    assert.equal(iso(parseTimestamp('2020-11-17T18:20:30.000Z')), '2020-11-17T18:20:30.000Z');
    assert.equal(iso(parseTimestamp('2020-11-17T10:20:30.123456')), '2020-11-17T10:20:30.123Z');
    assert.equal(iso(parseTimestamp('2020-12-09 14:00:00')), '2020-12-09T14:00:00.000Z');
    assert.equal(iso(parseTimestamp('2020-12-09')), '2020-12-09T00:00:00.000Z');
    assert.equal(parseTimestamp('not a date'), undefined);
  });

  const v2: WebhookEntryWire = {
    id: 7, type: 'webhookActivity',
    attributes: {
      webhookFormat: 'v2', webhookId: 3, attemptId: 'a-1', accountId: '99', resend: false, endpointUrl: 'https://hooks.example.com/x',
      event: 'resources.upload', status: 502, ipAddress: '10.1.1.1', response: '<html>502 Bad Gateway</html>', webhookPath: '/x',
      resourcePath: '/Finance/q3.xlsx', username: 'ana', created: '2026-11-20T10:00:00Z',
      details: { accountName: 'demo', attemptId: 'a-1', event: 'resources.upload', eventTimestamp: '2026-11-20T10:00:00Z', ipAddress: '10.1.1.1',
        protocol: 'web', username: 'ana', eventData: { transferStatus: 'complete', resources: [{ path: '/Finance/q3.xlsx' }], share: [], formDetails: [] } },
    },
  };

  it('accepts the v2 shape, keeping details and event data', () => {
    const call = normalizeWebhook(v2);
    assert.equal(call.format, 'v2');
    assert.equal(call.failed, true);
    assert.equal(call.noAnswer, false);
    assert.equal(call.response, '<html>502 Bad Gateway</html>');
    assert.deepEqual((call.details as { eventData?: { resources?: unknown[] } }).eventData?.resources, [{ path: '/Finance/q3.xlsx' }]);
  });

  it('accepts the v1 shape, reading the attempt from details', () => {
    const call = normalizeWebhook({ id: 8, type: 'webhookActivity', attributes: { ...v2.attributes, webhookFormat: 'v1', status: 28,
      details: { accountName: 'demo', attempt: 2, attemptId: 'a-2', event: 'resources.upload', protocol: 'web', username: 'ana' } } });
    assert.deepEqual([call.format, call.attempt, call.noAnswer, call.failed], ['v1', 2, true, true]);
  });

  it('accepts the legacy shape of the spec\'s example, mapping its human event name', () => {
    const call = normalizeWebhook({ id: 2602725, type: 'webhookActivity', attributes: {
      attempt: 1, created: '2020-07-30T03:40:35-07:00', endpointUrl: 'https://example.com/api/webhook', event: 'Upload',
      response: '', responseSize: 0, status: 200, futureField: true } });
    assert.deepEqual([call.format, call.event, call.eventLabel, call.attempt, call.failed, call.responseSize],
      ['legacy', 'resources.upload', 'Upload', 1, false, 0]);
    assert.deepEqual(call.extra, { futureField: true });
  });
});
