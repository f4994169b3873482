// "Webhook Calls It Triggered" against the local server: the calls found for a session entry are
// compared with the calls the generator recorded that entry as causing, and each lookup's requests counted.
import * as assert from 'node:assert/strict';
import { findTriggeredCalls, judgeTriggered, planTriggeredQuery, TRIGGERED_WINDOW_MS } from '../../../../src/activity/correlate/triggeredCalls';
import { normalizeSession, normalizeWebhook } from '../../../../src/api/normalize';
import type { SessionEntryWire, WebhookEntryWire } from '../../../../src/api/wire';
import { useLocalServer } from '../../../support/localServer';

const NOW = new Date('2026-07-15T18:30:00.750Z');
const time = (entry: { attributes: { created?: string } }): number => Date.parse(entry.attributes.created!);
const failed = (call: WebhookEntryWire) => { const status = call.attributes.status ?? 200; return status < 100 || status >= 400; };

describe('Webhook Calls It Triggered: a session entry\'s webhook calls', () => {
  const local = useLocalServer({ seed: 1, sessions: 2000, webhooks: 500, now: NOW });
  /** Calls by the session entry that caused them, as the generator recorded. */
  let recorded: Map<number, WebhookEntryWire[]>;
  before(() => {
    recorded = new Map();
    for (const call of local.server.webhooks) {
      const cause = local.server.causeOf(call.id);
      if (cause !== undefined) {
        recorded.set(cause, [...recorded.get(cause) ?? [], call]);
      }
    }
  });

  /** Another entry of the user on the path with the operation within the window either side: its calls would be in the same answer. */
  const hasLookAlike = (entry: SessionEntryWire) => local.server.sessions.some((other) => other.id !== entry.id
    && other.attributes.username === entry.attributes.username && other.attributes.fileName === entry.attributes.fileName
    && other.attributes.operation === entry.attributes.operation && Math.abs(time(other) - time(entry)) <= TRIGGERED_WINDOW_MS);

  const lookUp = async (entry: SessionEntryWire) => {
    const before = local.server.stats().requests;
    const found = await findTriggeredCalls(local.client, normalizeSession(entry));
    return { found, requests: local.server.stats().requests - before };
  };

  it('finds exactly the recorded calls (legacy ones aside, and resends hours later), with their outcome, in one query', async () => {
    const causes = local.server.sessions.filter((entry) => recorded.has(entry.id) && !hasLookAlike(entry));
    assert.ok(causes.length >= 10, `${causes.length} causes`);
    // Forty, and every one whose calls failed at times: enough to see both, without looking up all.
    const sample = causes.filter((entry, i) => i < 40 || recorded.get(entry.id)!.some(failed));
    let withFailures = 0;
    for (const entry of sample) {
      const expected = recorded.get(entry.id)!.filter((call) => call.attributes.webhookFormat !== undefined && time(call) <= time(entry) + TRIGGERED_WINDOW_MS);
      const { found, requests } = await lookUp(entry);
      assert.equal(requests, 1);
      assert.deepEqual(found.calls.map((call) => call.id).sort(), expected.map((call) => call.id).sort(), `entry ${entry.id}`);
      const failures = expected.filter(failed).length;
      withFailures += failures > 0 ? 1 : 0;
      assert.equal(found.failed, failures);
      assert.equal(found.summary, expected.length === 0 ? 'No webhook calls' : failures === 0 ? `${expected.length} calls, none failed` : `${expected.length} calls, ${failures} failed`);
      assert.equal(found.endpoints.reduce((sum, outcome) => sum + outcome.calls, 0), expected.length);
    }
    assert.ok(withFailures > 0, 'some of them failed: the count of failures is seen at work');
  });

  it('tells a listener that got the event after failures from one that never got it', async () => {
    const retried = local.server.sessions.find((entry) => !hasLookAlike(entry)
      && recorded.get(entry.id)?.some((call) => call.attributes.webhookFormat !== undefined && failed(call)));
    assert.ok(retried, 'an entry with a failed call');
    const entry = normalizeSession(retried);
    const { found } = await lookUp(retried);
    const endpoint = found.endpoints.find((outcome) => outcome.failed > 0)!;
    assert.ok(endpoint.delivered && endpoint.calls > endpoint.failed, 'retried until it succeeded');
    assert.match(found.why, /each endpoint's last call succeeded/);

    // The same calls, had the last one failed too (the generated listeners always recover within the retries).
    const plan = planTriggeredQuery(entry);
    assert.equal(plan.kind, 'query');
    const last = found.calls.find((call) => call.endpointUrl === endpoint.endpointUrl)!;
    const lastFailed = found.calls.map((call) => local.server.webhooks.find((wire) => wire.id === call.id)!)
      .map((wire) => normalizeWebhook(wire.id === last.id ? { ...wire, attributes: { ...wire.attributes, status: 503 } } : wire));
    const judged = judgeTriggered(entry, plan as Extract<typeof plan, { kind: 'query' }>, lastFailed);
    assert.ok(judged.endpoints.some((outcome) => !outcome.delivered));
    assert.match(judged.why, /never answered with success/);
  });

  it('finds none, with one query, for an entry whose operation posts an event no listener wanted', async () => {
    const quiet = local.server.sessions.find((entry) => entry.attributes.operation === 'STOR' && !recorded.has(entry.id)
      && !local.server.webhooks.some((call) => call.attributes.resourcePath === entry.attributes.fileName));
    assert.ok(quiet);
    const { found, requests } = await lookUp(quiet);
    assert.equal(requests, 1);
    assert.deepEqual(found.calls, []);
    assert.equal(found.summary, 'No webhook calls');
  });

  it('makes no request for an operation that posts no event (a login)', async () => {
    const login = local.server.sessions.find((entry) => entry.attributes.operation === 'PASS')!;
    const { found, requests } = await lookUp(login);
    assert.equal(requests, 0);
    assert.equal(found.queried, false);
    assert.match(found.why, /post no webhook event/);
  });
});
