// The daily allowance: every /api/v2 answer says what is left, the count runs down with each call,
// and past it the answer is 429 with Retry-After until calls leave the rolling 24 hours.
import * as assert from 'node:assert/strict';
import { RollingAllowance } from '../../../../server/http/rateLimit';
import { useLocalServer } from '../../../support/localServer';
import { apiGet, request } from '../requests';

describe('local server: rate limits', () => {
  const local = useLocalServer({ sessions: 50, webhooks: 20, dailyAllowance: 4 });

  it('counts every /api/v2 call, whatever its answer, then refuses with 429', async () => {
    const answers = [
      await apiGet(local.server, '/account'),
      await apiGet(local.server, '/activity/session?limit=1'),
      await request(`${local.server.baseUrl}/account`),
      await apiGet(local.server, '/activity/webhooks?limit=oops'),
    ];
    assert.deepEqual(answers.map((reply) => reply.status), [200, 200, 401, 400]);
    assert.deepEqual(answers.map((reply) => reply.headers['x-ratelimit-limit']), ['4', '4', '4', '4']);
    assert.deepEqual(answers.map((reply) => reply.headers['x-ratelimit-remaining']), ['3', '2', '1', '0']);

    const refused = await apiGet(local.server, '/account');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['x-ratelimit-remaining'], '0');
    assert.ok(Number(refused.headers['retry-after']) > 86_000, `Retry-After ${refused.headers['retry-after']}`);
    const body = JSON.parse(refused.text) as { responseStatus: number; errors: { code: string; detail: string }[] };
    assert.equal(body.responseStatus, 429);
    assert.equal(body.errors[0]!.code, 'ERROR_RATE_LIMIT_EXCEEDED');
  });

  it('leaves the control endpoint out of the count', async () => {
    assert.equal((await request(`${local.server.url}/__control/stats`)).status, 200);
  });
});

describe('rolling daily allowance', () => {
  it('gives each transaction back 24 hours after it was spent', () => {
    let now = Date.UTC(2026, 0, 1);
    const allowance = new RollingAllowance(3, () => now);
    assert.deepEqual([allowance.spend(), allowance.spend()].map((spend) => spend.remaining), [2, 1]);
    now += 60 * 60 * 1000;
    assert.equal(allowance.spend().remaining, 0);
    const refused = allowance.spend();
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterSeconds, 23 * 60 * 60);

    // The two spent at midnight come back at the next midnight; the one spent at 1:00, an hour later.
    now = Date.UTC(2026, 0, 2);
    assert.deepEqual(allowance.spend(), { allowed: true, remaining: 1, retryAfterSeconds: 0 });
    assert.equal(allowance.spend().remaining, 0);
    assert.deepEqual(allowance.spend(), { allowed: false, remaining: 0, retryAfterSeconds: 60 * 60 });
    now = Date.UTC(2026, 0, 2, 1);
    assert.deepEqual(allowance.spend(), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });
});
