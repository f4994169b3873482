// Planning and sending a bulk resend against the local server, over a hand-written log whose
// expected plan is worked out by hand from the entries (test/fixtures/resendCalls.ts); every call spent is counted at the server.
import * as assert from 'node:assert/strict';
import { planResend, resendPlanText, type ResendPlanRequest } from '../../../src/webhooks/resendPlan';
import { resendCalls, resendSummary } from '../../../src/webhooks/resendCalls';
import { useLocalServer } from '../../support/localServer';
import { ALREADY_DELIVERED, DUE, DUE_WHEN_FORGOTTEN, ENDPOINT, FAILED, FROM, MINUTE, NOW, REMEMBERED, REPEATS, RESEND_FIXTURE as FIXTURE, TO } from '../../fixtures/resendCalls';

describe('bulk resend of an endpoint\'s failed calls', () => {
  const local = useLocalServer({ fixture: { sessions: [], webhooks: FIXTURE }, now: new Date(NOW) }, { each: true });
  const request = (changes: Partial<ResendPlanRequest> = {}): ResendPlanRequest => ({
    endpointUrl: ENDPOINT, from: FROM, to: TO, until: NOW + MINUTE, cap: 25, resentBefore: new Set([REMEMBERED]), pageSize: 100, maxRequests: 20, ...changes,
  });
  const inRange = FIXTURE.filter((entry) => entry.attributes.endpointUrl === ENDPOINT && Date.parse(entry.attributes.created!) >= FROM);

  it('plans the failed calls still due, oldest first, skipping what was delivered since and sending a repeated event once, with one query', async () => {
    assert.equal(FAILED.length, ALREADY_DELIVERED.length + REPEATS.length + DUE.length, 'the expectation adds up');
    local.server.resetStats();
    const plan = await planResend(local.client, request());
    assert.deepEqual(plan.calls.map((call) => call.id), DUE);
    assert.deepEqual([plan.failed, plan.alreadyDelivered, plan.repeats, plan.due], [FAILED.length, ALREADY_DELIVERED.length, REPEATS.length, DUE.length]);
    assert.equal(plan.requests, 1);
    assert.equal(plan.warning, undefined);
    assert.deepEqual(local.server.stats().byPath, { '/api/v2/activity/webhooks': 1 });
    assert.deepEqual(local.server.resends(), [], 'planning sends nothing');
    assert.equal(resendPlanText(plan, 'UTC'),
      `9 calls failed to ${ENDPOINT} between 2026-03-10 10:00:00 UTC and 2026-03-10 12:00:00 UTC; 3 already delivered since (resent or retried) are skipped; 2 repeated attempts of an event sent once; 4 to send.`);
  });

  it('counts a call this extension resent as delivered only when it remembers it (positive control: forgotten, it is due again)', async () => {
    const plan = await planResend(local.client, request({ resentBefore: new Set() }));
    assert.deepEqual(plan.calls.map((call) => call.id), DUE_WHEN_FORGOTTEN);
    assert.equal(plan.alreadyDelivered, ALREADY_DELIVERED.length - 1);
  });

  it('sends at most the cap per run, the oldest first, and says how many are left', async () => {
    const plan = await planResend(local.client, request({ cap: 2 }));
    assert.deepEqual(plan.calls.map((call) => call.id), DUE.slice(0, 2));
    assert.equal(plan.due, DUE.length);
    assert.match(resendPlanText(plan, 'UTC'), /; 2 to send now \(the cap per run\), 2 left for another run\.$/);
  });

  it('pages within a bound: stops after maxRequests calls and says the list may be incomplete', async () => {
    const pageSize = 2;
    // Positive control: unbounded, it reads every page (the last one short).
    local.server.resetStats();
    const whole = await planResend(local.client, request({ pageSize }));
    const pages = Math.floor(inRange.length / pageSize) + 1;
    assert.equal(whole.requests, pages);
    assert.equal(local.server.stats().requests, pages);
    assert.deepEqual(whole.calls.map((call) => call.id), DUE);

    local.server.resetStats();
    const bounded = await planResend(local.client, request({ pageSize, maxRequests: 3 }));
    assert.equal(bounded.requests, 3);
    assert.equal(local.server.stats().requests, 3);
    assert.match(bounded.warning ?? '', /Stopped reading the log after 3 API calls/);
  });

  it('sends one POST per call in order; what the server received again is exactly the plan', async () => {
    const plan = await planResend(local.client, request());
    local.server.resetStats();
    const report = await resendCalls(local.client, plan.calls, { cancelled: () => false, describe: String });
    assert.deepEqual([report.sent, report.failed, report.notSent], [DUE.length, 0, 0]);
    assert.deepEqual(local.server.resends().map((record) => record.activityId), DUE);
    assert.equal(local.server.stats().requests, DUE.length);
    assert.equal(resendSummary(report), `Sent ${DUE.length}.`);
    // Once logged, the resends deliver those events; a legacy call names no webhook, so only remembering it ties it to its resend.
    const again = await planResend(local.client, request());
    assert.deepEqual(again.calls.map((call) => call.id), [9]);
    const remembered = await planResend(local.client, request({ resentBefore: new Set([REMEMBERED, ...DUE]) }));
    assert.deepEqual(remembered.calls, []);
  });

  it('never retries a failed resend: the server sees exactly one POST for it, and the next call is still sent', async () => {
    const plan = await planResend(local.client, request());
    local.server.resetStats();
    local.server.setFaults({ serverErrors: { status: 500, count: 1 } });
    const report = await resendCalls(local.client, plan.calls, { cancelled: () => false, describe: (error) => (error as Error).message });
    assert.deepEqual([report.sent, report.failed, report.notSent], [DUE.length - 1, 1, 0]);
    assert.equal(local.server.stats().byPath[`/api/v2/webhooks/resend/${DUE[0]}`], 1);
    assert.equal(local.server.stats().requests, DUE.length);
    assert.deepEqual(local.server.resends().map((record) => record.activityId), DUE.slice(1));
    assert.match(resendSummary(report), new RegExp(`^Sent ${DUE.length - 1}, failed 1: .+\\.$`));
  });

  it('stops at a 429: the rest are not sent, and the summary says why', async () => {
    const plan = await planResend(local.client, request());
    local.server.resetStats();
    local.server.setFaults({ rateLimitBurst: 1 });
    const report = await resendCalls(local.client, plan.calls, { cancelled: () => false, describe: () => 'rate limited' });
    assert.deepEqual([report.sent, report.failed, report.notSent, report.stoppedBy], [0, 1, DUE.length - 1, 'rateLimited']);
    assert.equal(local.server.stats().requests, 1);
    assert.deepEqual(local.server.resends(), []);
    assert.equal(resendSummary(report), `Sent 0, failed 1: rate limited, not sent ${DUE.length - 1} (the account's daily API allowance ran out).`);
  });

  it('stops before the next call once cancelled', async () => {
    const plan = await planResend(local.client, request());
    let cancelled = false;
    const report = await resendCalls(local.client, plan.calls, {
      cancelled: () => cancelled, describe: String, onResult: (_result, done) => { cancelled = done === 1; },
    });
    assert.deepEqual([report.sent, report.failed, report.notSent, report.stoppedBy], [1, 0, DUE.length - 1, 'cancelled']);
    assert.deepEqual(local.server.resends().map((record) => record.activityId), [DUE[0]]);
    assert.equal(resendSummary(report), `Sent 1, not sent ${DUE.length - 1} (cancelled).`);
  });
});

describe('bulk resend planning on a server whose cursor never moves', () => {
  const local = useLocalServer({ fixture: { sessions: [], webhooks: FIXTURE }, now: new Date(NOW), quirks: { stuckCursor: 'samePage' } });

  it('stops paging that makes no progress, with a warning, after two calls', async () => {
    local.server.resetStats();
    const plan = await planResend(local.client, { endpointUrl: ENDPOINT, from: FROM, to: TO, until: NOW, cap: 25, resentBefore: new Set(), pageSize: 2, maxRequests: 50 });
    assert.equal(plan.requests, 2);
    assert.equal(local.server.stats().requests, 2);
    assert.ok(plan.warning);
  });
});
