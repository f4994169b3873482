// The client's line per request (the extension sends these to its output channel at debug level):
// what was asked and what came back, and never a credential.
import * as assert from 'node:assert/strict';
import { ExaVaultClient, type ClientOptions } from '../../../src/api/client';
import { SAMPLE_FILES } from '../../../server/index';
import { useLocalServer } from '../../support/localServer';
import { startRecordingServer } from '../../support/recordingServer';
import { findSecrets, secretForms } from '../../support/secrets';

describe('ExaVaultClient: the request log', function () {
  this.timeout(30_000);
  // Every line logged by every client of this suite, for the leak check at the end.
  const logged: string[] = [];

  const local = useLocalServer({ seed: 5, sessions: 300, webhooks: 50, largeFileBytes: 256 * 1024 });

  /** A client whose lines go to `lines` (and to `logged`). */
  const client = (lines: string[] = [], options: ClientOptions = {}, accessToken = local.server.accessToken) =>
    new ExaVaultClient(new URL(local.server.baseUrl), { apiKey: local.server.apiKey, accessToken }, {
      backoffMs: 5,
      log: (line) => {
        lines.push(line);
        logged.push(line);
      },
      ...options,
    });

  it('logs each request: method, path and query, status, time, bytes, allowance left', async () => {
    const lines: string[] = [];
    const c = client(lines);
    await c.getSessionActivity({ type: 'STOR', path: '/Finance/Q1 2024*', limit: 5, sort: '-date' });
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.match(line!, /^GET \/activity\/session\?type=STOR&path=\/Finance\/Q1 2024\*&limit=5&sort=-date → 200 in \d+ ms, \d+ bytes, allowance left \d+$/);
    assert.equal(Number(/allowance left (\d+)/.exec(line!)![1]), c.rateLimit!.remaining);
    c.dispose();
  });

  it('logs every attempt of a retried request, numbered, and a failure by its status', async () => {
    const lines: string[] = [];
    local.server.setFaults({ serverErrors: { status: 503, count: 1 } });
    await client(lines).getAccount();
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /^GET \/account → 503 in \d+ ms/);
    assert.match(lines[1]!, /^GET \/account → 200 in \d+ ms, \d+ bytes, allowance left \d+, retry 1$/);
    lines.length = 0;
    await client(lines).getSessionActivity({ bogus: 1 } as never).catch(() => undefined);
    assert.match(lines[0]!, /^GET \/activity\/session\?bogus=1 → 400 in /);
  });

  it('logs a request that got no answer, and a download', async () => {
    const lines: string[] = [];
    local.server.setFaults({ latencyMs: 1500 });
    await client(lines, { timeoutMs: 100, serverRetries: 0 }).getAccount().catch(() => undefined);
    assert.match(lines[0]!, /^GET \/account → timeout after \d+ ms$/);
    local.server.clearFaults();
    lines.length = 0;
    await client(lines).download(SAMPLE_FILES.csv);
    assert.match(lines[0]!, /^GET \/resources\/download\?resources\[\]=\/.+ → 200 in \d+ ms, 12000 bytes, allowance left \d+$/);
  });

  it('puts neither the API key nor the access token in the log, in any form', async () => {
    // A run that touches every kind of line: answers, errors, retries, a redirect, a download,
    // and the access token typed into a filter by mistake.
    const c = client();
    await c.getAccount();
    await c.getSessionActivity({ username: local.server.accessToken, ipAddress: local.server.apiKey, limit: 1 });
    await c.getWebhookActivity({ limit: 2 });
    await c.download(SAMPLE_FILES.csv);
    await c.getResource('/gone.txt').catch(() => undefined);
    local.server.setFaults({ serverErrors: { status: 500, count: 1 } });
    await c.getAccount();
    local.server.setFaults({ resetMidBody: 1 });
    await c.getSessionActivity({ limit: 10 });
    await client([], {}, '0'.repeat(64)).getAccount().catch(() => undefined);
    const other = await startRecordingServer();
    try {
      local.server.setFaults({ redirectTo: other.origin });
      await c.getAccount().catch(() => undefined);
    } finally {
      await other.close();
    }
    local.server.clearFaults();
    c.dispose();

    assert.ok(logged.length >= 12, `lines logged: ${logged.length}`);
    const secrets = [local.server.apiKey, local.server.accessToken];
    const text = logged.join('\n');
    assert.deepEqual(findSecrets(text, secrets), []);
    // Positive control: the same scan finds a secret planted in the same lines, in each form.
    for (const secret of secrets) {
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(`{"token":"${secret}"}`).toString('base64')]) {
        const planted = [...logged.slice(0, 3), `${logged[3]} ${form}`, ...logged.slice(4)].join('\n');
        assert.deepEqual(findSecrets(planted, secrets), [secret], form);
      }
    }
    assert.ok(secretForms(local.server.accessToken).length >= 3);
  });
});
