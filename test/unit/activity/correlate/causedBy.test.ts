// "Caused by" against the local server: each verdict is compared with the cause the generator
// recorded for the call (never with the matcher run another way), and each costs the requests it says.
import * as assert from 'node:assert/strict';
import { CAUSE_WINDOW_MS, findCause, planCauseQuery } from '../../../../src/activity/correlate/causedBy';
import { normalizeWebhook } from '../../../../src/api/normalize';
import type { SessionEntryWire, WebhookEntryWire } from '../../../../src/api/wire';
import { useLocalServer } from '../../../support/localServer';

const NOW = new Date('2026-07-15T18:30:00.750Z');
const SESSION_OPERATION: Record<string, string> = {
  'resources.upload': 'STOR', 'resources.download': 'RETR', 'resources.delete': 'DELE', 'resources.createFolder': 'MKD',
  'resources.rename': 'RNTO', 'resources.move': 'MOVE', 'resources.copy': 'COPY', 'resources.compress': 'COMPR',
  'resources.extract': 'EXTRACT', 'shares.formSubmit': 'RECV',
};

const time = (entry: { attributes: { created?: string } }): number => Date.parse(entry.attributes.created!);
const eventTimestamp = (call: WebhookEntryWire) => Date.parse(String((call.attributes.details as { eventTimestamp?: string } | undefined)?.eventTimestamp));

describe('Caused by: a webhook call\'s session entry', () => {
  // A log big enough that some causes have look-alikes seconds apart (a job uploading the same file again).
  const local = useLocalServer({ seed: 1, sessions: 2000, webhooks: 500, now: NOW });
  let byId: Map<number, SessionEntryWire>;
  before(() => {
    byId = new Map(local.server.sessions.map((entry) => [entry.id, entry]));
  });

  /** Session entries other than the cause that the call's user made on its path with its operation within `window` ms of `at`. */
  const lookAlikes = (cause: SessionEntryWire, at: number, window = CAUSE_WINDOW_MS) => local.server.sessions.filter((entry) => entry.id !== cause.id
    && entry.attributes.username === cause.attributes.username && entry.attributes.fileName === cause.attributes.fileName
    && entry.attributes.operation === cause.attributes.operation && Math.abs(time(entry) - at) <= window);

  /** First attempts with a recorded cause, their event time and the cause. */
  const firstAttempts = (format: 'v1' | 'v2') => local.server.webhooks.flatMap((call) => {
    const causeId = local.server.causeOf(call.id);
    const details = call.attributes.details as { attempt?: number } | undefined;
    if (call.attributes.webhookFormat !== format || causeId === undefined || call.attributes.resend === true || (details?.attempt ?? 1) !== 1) {
      return [];
    }
    return [{ call, cause: byId.get(causeId)!, at: format === 'v2' ? eventTimestamp(call) : time(call) }];
  });

  /** The verdict and the /api/v2 requests it took. */
  const match = async (call: WebhookEntryWire) => {
    const before = local.server.stats().requests;
    const verdict = await findCause(local.client, normalizeWebhook(call));
    return { verdict, requests: local.server.stats().requests - before };
  };

  it('is exact, with one query, when the recorded cause is the only fit (v2 and v1 first attempts)', async () => {
    for (const format of ['v2', 'v1'] as const) {
      const unique = firstAttempts(format).filter(({ cause, at }) => lookAlikes(cause, at).length === 0);
      assert.ok(unique.length >= 5, `${unique.length} ${format} calls`);
      // Forty of each are enough to see it; all of them only take longer.
      for (const { call, cause } of unique.slice(0, 40)) {
        const { verdict, requests } = await match(call);
        assert.equal(requests, 1, `call ${call.id}`);
        assert.equal(verdict.confidence, 'exact', `call ${call.id}: ${verdict.why}`);
        assert.equal(verdict.entry?.id, cause.id, `call ${call.id}`);
      }
    }
  });

  it('still finds the recorded cause when the event\'s clock is a few seconds off the session log\'s', async () => {
    const skewed = firstAttempts('v2').filter(({ call, cause }) => eventTimestamp(call) !== time(cause) && lookAlikes(cause, eventTimestamp(call)).length === 0);
    assert.ok(skewed.length >= 3, `${skewed.length} skewed calls`);
    for (const { call, cause } of skewed) {
      const { verdict, requests } = await match(call);
      assert.equal(requests, 1);
      assert.equal(verdict.confidence, 'exact', verdict.why);
      assert.equal(verdict.entry?.id, cause.id);
      assert.match(verdict.why, new RegExp(`\\(${Math.round(Math.abs(eventTimestamp(call) - time(cause)) / 1000)} s apart\\)`));
    }
  });

  it('is only likely when several entries fit: it counts them all, the recorded cause among them', async () => {
    const ambiguous = firstAttempts('v2').map((pair) => ({ ...pair, others: lookAlikes(pair.cause, pair.at) })).filter(({ others }) => others.length > 0);
    assert.ok(ambiguous.length >= 3, `${ambiguous.length} ambiguous calls`);
    for (const { call, cause, others } of ambiguous) {
      const { verdict, requests } = await match(call);
      assert.equal(requests, 1);
      assert.equal(verdict.confidence, 'likely', verdict.why);
      assert.equal(verdict.candidates, others.length + 1);
      assert.ok([cause, ...others].some((entry) => entry.id === verdict.entry?.id));
      assert.match(verdict.why, new RegExp(`^${others.length + 1} entries`));
    }
  });

  it('finds none, with one query, for calls made through the API', async () => {
    const uncaused = local.server.webhooks.filter((call) => call.attributes.webhookFormat === 'v2' && local.server.causeOf(call.id) === undefined);
    assert.ok(uncaused.length >= 3, `${uncaused.length} calls without a cause`);
    assert.ok(local.server.webhooks.some((call) => call.attributes.webhookFormat === 'v2' && local.server.causeOf(call.id) !== undefined), 'positive control');
    for (const call of uncaused) {
      const { verdict, requests } = await match(call);
      assert.equal(requests, 1);
      assert.equal(verdict.confidence, 'none');
      assert.equal(verdict.entry, undefined);
      assert.match(verdict.why, /^No \w+/);
    }
  });

  it('is only likely when the one fit was logged from another address than the call names', async () => {
    const [{ call, cause }] = firstAttempts('v2').filter(({ cause: found, at }) => lookAlikes(found, at).length === 0);
    const elsewhere = { ...call, attributes: { ...call.attributes, ipAddress: '203.0.113.250' } };
    const { verdict, requests } = await match(elsewhere);
    assert.equal(requests, 1);
    assert.equal(verdict.confidence, 'likely');
    assert.equal(verdict.entry?.id, cause.id);
    assert.match(verdict.why, new RegExp(`from another address \\(${cause.attributes.ipAddress!.replace(/\./g, '\\.')}, the call says 203\\.0\\.113\\.250\\)`));
  });

  it('finds none when the cause lies outside the window: the same call, its event time moved a minute on', async () => {
    const [{ call }] = firstAttempts('v2').filter(({ cause, at }) => lookAlikes(cause, at, 70_000).length === 0);
    const details = call.attributes.details as Record<string, unknown>;
    const moved = { ...call, attributes: { ...call.attributes, details: { ...details, eventTimestamp: new Date(eventTimestamp(call) + 60_000).toISOString() } } };
    assert.equal((await match(call)).verdict.confidence, 'exact', 'positive control: in place it is found');
    const { verdict, requests } = await match(moved);
    assert.equal(requests, 1);
    assert.equal(verdict.confidence, 'none');
  });

  it('says a retried or resent v1 call is likely caused by the latest fit before it', async () => {
    const retried = local.server.webhooks.flatMap((call) => {
      const causeId = local.server.causeOf(call.id);
      const details = call.attributes.details as { attempt?: number } | undefined;
      const cause = causeId === undefined ? undefined : byId.get(causeId)!;
      return call.attributes.webhookFormat === 'v1' && cause && (details?.attempt ?? 1) > 1 && lookAlikes(cause, time(cause), 24 * 3_600_000).length === 0 ? [{ call, cause }] : [];
    });
    assert.ok(retried.length >= 1, `${retried.length} retried v1 calls`);
    for (const { call, cause } of retried) {
      const { verdict, requests } = await match(call);
      assert.equal(requests, 1);
      assert.equal(verdict.confidence, 'likely', verdict.why);
      assert.equal(verdict.entry?.id, cause.id);
    }
  });

  it('says a legacy call cannot be matched, without a request', async () => {
    const legacy = local.server.webhooks.filter((call) => call.attributes.webhookFormat === undefined);
    assert.ok(legacy.length > 0 && legacy.some((call) => local.server.causeOf(call.id) !== undefined), 'it has a cause, but nothing to find it by');
    for (const call of legacy) {
      const { verdict, requests } = await match(call);
      assert.equal(requests, 0);
      assert.equal(verdict.matchable, false);
      assert.equal(verdict.confidence, 'none');
      assert.match(verdict.why, /Legacy/);
    }
  });

  it('asks the session log for the user, the path and the operation of the event, seconds around it', () => {
    for (const { call } of firstAttempts('v2').slice(0, 20)) {
      const plan = planCauseQuery(normalizeWebhook(call));
      assert.equal(plan.kind, 'query');
      if (plan.kind === 'query') {
        assert.equal(plan.query.username, call.attributes.username);
        assert.equal(plan.query.path, call.attributes.resourcePath);
        assert.equal(plan.query.type, SESSION_OPERATION[String(call.attributes.event)]);
        assert.equal(Date.parse(plan.query.endDate!) - Date.parse(plan.query.startDate!), 2 * CAUSE_WINDOW_MS);
      }
    }
  });
});
