// Credentials as ExaVault checks them: one 401 for a missing or wrong key or token, and activity
// refused (403) to a token that is not an admin's.
import * as assert from 'node:assert/strict';
import { startExaVaultServer } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { request } from '../requests';

const UNAUTHORIZED = '{"responseStatus":401,"errors":[{"code":"ERROR_INVALID_CREDENTIALS","detail":"HTTP_UNAUTHORIZED"}]}';
const FORBIDDEN = '{"responseStatus":403,"errors":[{"code":"ERROR_INSUFFICIENT_PRIVILEGES","detail":"An error occurred"}]}';
const USER_TOKEN = 'a'.repeat(64);

describe('local server: credentials', () => {
  const local = useLocalServer({ sessions: 50, webhooks: 20, seed: 3, nonAdminAccessToken: USER_TOKEN });

  it('answers /account for the admin, with the account name', async () => {
    const reply = await request(`${local.server.baseUrl}/account`, { headers: { 'ev-api-key': local.server.apiKey, 'ev-access-token': local.server.accessToken } });
    assert.equal(reply.status, 200);
    const body = JSON.parse(reply.text) as { responseStatus: number; data: { type: string; attributes: { accountName: string } } };
    assert.equal(body.responseStatus, 200);
    assert.equal(body.data.type, 'account');
    assert.equal(body.data.attributes.accountName, 'demo');
  });

  it('gives a default admin token of 64 hex characters, the same for the same seed', async () => {
    assert.match(local.server.accessToken, /^[0-9a-f]{64}$/);
    const again = await startExaVaultServer({ sessions: 10, webhooks: 5, seed: 3 });
    const other = await startExaVaultServer({ sessions: 10, webhooks: 5, seed: 4 });
    try {
      assert.equal(again.accessToken, local.server.accessToken);
      assert.notEqual(other.accessToken, local.server.accessToken);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  const wrong: [string, Record<string, string>][] = [
    ['no headers', {}],
    ['no access token', { 'ev-api-key': 'demo-zwSuWUZ8S38h33qPS8v0s' }],
    ['no api key', { 'ev-access-token': 'TOKEN' }],
    ['a wrong access token', { 'ev-api-key': 'demo-zwSuWUZ8S38h33qPS8v0s', 'ev-access-token': 'f'.repeat(64) }],
    ['a wrong api key', { 'ev-api-key': 'demo-wrong', 'ev-access-token': 'TOKEN' }],
  ];
  for (const [what, headers] of wrong) {
    it(`answers exactly the documented 401 body for ${what}`, async () => {
      const filled = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value === 'TOKEN' ? local.server.accessToken : value]));
      for (const path of ['/account', '/activity/session', '/activity/webhooks']) {
        const reply = await request(local.server.baseUrl + path, { headers: filled });
        assert.equal(reply.status, 401, path);
        assert.equal(reply.text, UNAUTHORIZED);
        assert.match(String(reply.headers['content-type']), /^application\/json/);
      }
    });
  }

  it("answers /account for a non-admin user's token, and 403 on activity", async () => {
    const headers = { 'ev-api-key': local.server.apiKey, 'ev-access-token': USER_TOKEN };
    assert.equal((await request(`${local.server.baseUrl}/account`, { headers })).status, 200);
    for (const path of ['/activity/session?limit=1', '/activity/webhooks?limit=1']) {
      const reply = await request(local.server.baseUrl + path, { headers });
      assert.equal(reply.status, 403, path);
      assert.equal(reply.text, FORBIDDEN);
    }
  });

  it('answers 404 ERROR_METHOD_NOT_FOUND for a path or method it does not have', async () => {
    const headers = { 'ev-api-key': local.server.apiKey, 'ev-access-token': local.server.accessToken };
    for (const [method, path] of [['GET', '/activity/sessions'], ['POST', '/account'], ['GET', '']]) {
      const reply = await request(local.server.baseUrl + path, { method, headers });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.equal((JSON.parse(reply.text) as { errors: { code: string }[] }).errors[0]!.code, 'ERROR_METHOD_NOT_FOUND');
    }
  });
});
