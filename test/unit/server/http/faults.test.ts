// Every fault switch, set in-process and through /__control, and the traffic counts.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startExaVaultServer } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { apiGet, request, type Reply } from '../requests';

const SESSIONS = '/activity/session?limit=3';

function errorCode(reply: Reply): string {
  const body = JSON.parse(reply.text) as { responseStatus: number; errors: { code: string }[] };
  assert.equal(body.responseStatus, reply.status);
  return body.errors[0]!.code;
}

describe('local server: faults', () => {
  const local = useLocalServer({ sessions: 200, webhooks: 50, seed: 5 });

  it('latencyMs: a request waiting out the latency counts as in flight', async () => {
    local.server.setFaults({ latencyMs: 400 });
    local.server.resetStats();
    const pending = apiGet(local.server, '/account');
    let seen = 0;
    for (let tries = 0; tries < 200 && seen === 0; tries++) {
      seen = local.server.stats().inFlight;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(seen, 1);
    assert.equal((await pending).status, 200);
    assert.deepEqual([local.server.stats().inFlight, local.server.stats().maxInFlight], [0, 1]);
  });

  it('rateLimitBurst: the next N get 429 with Retry-After and rate headers, then normal answers', async () => {
    local.server.setFaults({ rateLimitBurst: 2, retryAfterSeconds: 7 });
    for (let n = 0; n < 2; n++) {
      const reply = await apiGet(local.server, SESSIONS);
      assert.equal(reply.status, 429);
      assert.equal(reply.headers['retry-after'], '7');
      assert.equal(reply.headers['x-ratelimit-remaining'], '0');
      assert.equal(reply.headers['x-ratelimit-limit'], '50000');
      assert.equal(errorCode(reply), 'ERROR_RATE_LIMIT_EXCEEDED');
    }
    assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
  });

  it('serverErrors: the next `count` answer 500 or 503 with the error body', async () => {
    local.server.setFaults({ serverErrors: { status: 503, count: 2 } });
    assert.deepEqual([errorCode(await apiGet(local.server, SESSIONS)), errorCode(await apiGet(local.server, '/account'))], ['ERROR_SERVICE_UNAVAILABLE', 'ERROR_SERVICE_UNAVAILABLE']);
    assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
    local.server.setFaults({ serverErrors: { status: 500, count: 1 } });
    const reply = await apiGet(local.server, SESSIONS);
    assert.equal(reply.status, 500);
    assert.equal(errorCode(reply), 'ERROR_INTERNAL_SERVER_ERROR');
    assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
  });

  it('resetMidBody: status and headers, half the body, then the connection drops', async () => {
    local.server.setFaults({ resetMidBody: 1 });
    await assert.rejects(apiGet(local.server, SESSIONS), (error: NodeJS.ErrnoException) => error.code === 'ECONNRESET' || error.message === 'aborted');
    assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
  });

  it('malformedJson: 200 and application/json, but the body is cut short', async () => {
    local.server.setFaults({ malformedJson: 1 });
    const broken = await apiGet(local.server, SESSIONS);
    assert.equal(broken.status, 200);
    assert.match(String(broken.headers['content-type']), /^application\/json/);
    assert.throws(() => JSON.parse(broken.text), SyntaxError);
    const whole = await apiGet(local.server, SESSIONS);
    assert.ok(broken.text.length > 0 && whole.text.startsWith(broken.text));
  });

  it('htmlErrorPage: a proxy-style 502 page in text/html', async () => {
    local.server.setFaults({ htmlErrorPage: 1 });
    const reply = await apiGet(local.server, SESSIONS);
    assert.equal(reply.status, 502);
    assert.match(String(reply.headers['content-type']), /^text\/html/);
    assert.match(reply.text, /<title>502 Bad Gateway<\/title>/);
    assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
  });

  it('redirectTo: 302 to the same path and query on another origin', async () => {
    const other = await startExaVaultServer({ sessions: 10, webhooks: 5, apiKey: local.server.apiKey, accessToken: local.server.accessToken });
    try {
      local.server.setFaults({ redirectTo: `${other.url}/ignored/path?x=1` });
      const reply = await apiGet(local.server, `${SESSIONS}&type=PASS`);
      assert.equal(reply.status, 302);
      assert.equal(reply.headers.location, `${other.url}/api/v2/activity/session?limit=3&type=PASS`);
      assert.equal((await request(reply.headers.location, { headers: { 'ev-api-key': local.server.apiKey, 'ev-access-token': local.server.accessToken } })).status, 200);
    } finally {
      await other.close();
    }
  });

  it('retiredActivity: activity answers 404 ERROR_METHOD_NOT_FOUND, /account still works', async () => {
    local.server.setFaults({ retiredActivity: true });
    for (const path of [SESSIONS, '/activity/webhooks']) {
      const reply = await apiGet(local.server, path);
      assert.equal(reply.status, 404);
      assert.equal(errorCode(reply), 'ERROR_METHOD_NOT_FOUND');
    }
    assert.equal((await apiGet(local.server, '/account')).status, 200);
  });

  it('setFaults merges; counted faults apply in pipeline order; clearFaults ends them all', async () => {
    local.server.setFaults({ htmlErrorPage: 1 });
    local.server.setFaults({ rateLimitBurst: 1, serverErrors: { status: 500, count: 5 } });
    assert.deepEqual([(await apiGet(local.server, SESSIONS)).status, (await apiGet(local.server, SESSIONS)).status, (await apiGet(local.server, SESSIONS)).status], [502, 429, 500]);
    local.server.clearFaults();
    assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
  });

  it('rejects a fault value that makes no sense', () => {
    assert.throws(() => local.server.setFaults({ latencyMs: -1 }), /latencyMs/);
    assert.throws(() => local.server.setFaults({ serverErrors: { status: 404 as 500, count: 1 } }), /serverErrors/);
    assert.throws(() => local.server.setFaults({ redirectTo: 'not a url' }), /redirectTo/);
  });

  describe('/__control', () => {
    const control = (path: string, method = 'POST', body?: string) => request(`${local.server.url}/__control${path}`, { method, body, headers: { 'Content-Type': 'application/json' } });

    it('POST /faults merges JSON into the faults; POST /clear ends them', async () => {
      const set = await control('/faults', 'POST', '{"rateLimitBurst":1,"retryAfterSeconds":3}');
      assert.equal(set.status, 200);
      assert.equal((JSON.parse(set.text) as { rateLimitBurst: number }).rateLimitBurst, 1);
      const throttled = await apiGet(local.server, SESSIONS);
      assert.deepEqual([throttled.status, throttled.headers['retry-after']], [429, '3']);
      await control('/faults', 'POST', '{"retiredActivity":true}');
      assert.equal((await control('/clear')).status, 200);
      assert.equal((await apiGet(local.server, SESSIONS)).status, 200);
    });

    it('POST /faults refuses unknown faults, bad values and bad JSON with 400', async () => {
      for (const body of ['{"bogus":1}', '{"malformedJson":"2"}', '[1]', '{oops']) {
        const reply = await control('/faults', 'POST', body);
        assert.equal(reply.status, 400, body);
        assert.ok((JSON.parse(reply.text) as { error: string }).error.length > 0);
      }
      assert.match((await control('/faults', 'POST', '{"bogus":1}')).text, /bogus/);
    });

    it('GET /stats counts /api/v2 requests by path; POST /reset-stats zeroes them', async () => {
      assert.equal((await control('/reset-stats')).status, 200);
      await apiGet(local.server, SESSIONS);
      await apiGet(local.server, '/activity/webhooks?limit=1');
      await apiGet(local.server, '/activity/webhooks?limit=2');
      const stats = JSON.parse((await control('/stats', 'GET')).text) as { requests: number; byPath: Record<string, number>; inFlight: number };
      assert.equal(stats.requests, 3);
      assert.deepEqual(stats.byPath, { '/api/v2/activity/session': 1, '/api/v2/activity/webhooks': 2 });
      assert.equal(stats.inFlight, 0);
      const reset = JSON.parse((await control('/reset-stats')).text) as { requests: number; byPath: Record<string, number> };
      assert.deepEqual([reset.requests, reset.byPath], [0, {}]);
    });

    it('answers 404 for anything else', async () => {
      assert.equal((await control('/nope', 'GET')).status, 404);
      assert.equal((await control('/stats', 'POST')).status, 404);
    });
  });

  it('counts connections: keep-alive requests share one', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      local.server.resetStats();
      for (let n = 0; n < 5; n++) {
        assert.equal((await apiGet(local.server, SESSIONS, { agent })).status, 200);
      }
      assert.deepEqual([local.server.stats().requests, local.server.stats().connections], [5, 1]);
    } finally {
      agent.destroy();
    }
  });
});

describe('local server: close', () => {
  it('closes idle keep-alive connections instead of waiting for them', async () => {
    const server = await startExaVaultServer({ sessions: 10, webhooks: 5 });
    const agent = new http.Agent({ keepAlive: true });
    try {
      assert.equal((await apiGet(server, '/account', { agent })).status, 200);
      await server.close();
      await assert.rejects(apiGet(server, '/account'), (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED');
    } finally {
      agent.destroy();
    }
  });
});
