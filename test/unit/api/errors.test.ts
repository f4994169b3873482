import * as assert from 'node:assert/strict';
import { errorForResponse, redact, showMessageTimesWith } from '../../../src/api/errors';
import { formatTime } from '../../../src/activity/format';

describe('errors from ExaVault answers', () => {
  const apiKey = 'demo-zwSuWUZ8S38h33qPS8v0s';
  const token = 'ab'.repeat(32);

  it('scrubs the credentials from anything the server said', () => {
    const error = errorForResponse({
      status: 400, path: '/activity/session', isHtml: false,
      body: { responseStatus: 400, errors: [{ code: 'ERROR_INVALID_PARAMETER', detail: `bad token ${token} for key ${encodeURIComponent(apiKey)}` }] },
    }, [apiKey, token]);
    assert.equal(error.kind, 'badRequest');
    assert.ok(!error.message.includes(token) && !error.message.includes(apiKey), error.message);
    assert.match(error.message, /bad token \*\*\* for key \*\*\*/);
  });

  it('redact leaves text without secrets alone', () => {
    assert.equal(redact('nothing to hide', [apiKey, token]), 'nothing to hide');
  });

  it('gives each documented status its own kind', () => {
    const kinds = [400, 401, 403, 404, 429, 500, 503].map((status) =>
      errorForResponse({ status, path: '/account', body: undefined, isHtml: false }, []).kind);
    assert.deepEqual(kinds, ['badRequest', 'invalidCredentials', 'forbidden', 'notFound', 'rateLimited', 'server', 'server']);
    assert.equal(errorForResponse({ status: 404, path: '/activity/session', body: undefined, isHtml: false }, []).kind, 'activityRetired');
  });

  it('names when the allowance comes back in the shown time zone, never the machine\'s', () => {
    const retryAt = new Date(Date.UTC(2026, 2, 29, 0, 30, 5));
    const said = () => errorForResponse({ status: 429, path: '/activity/session', body: undefined, isHtml: false, retryAt }, []).message;
    assert.match(said(), /work again at 2026-03-29 00:30:05 UTC\./);
    const before = showMessageTimesWith((time) => formatTime(time, 'Europe/Berlin'));
    try {
      assert.match(said(), /work again at 2026-03-29 01:30:05 GMT\+1\./);
    } finally {
      showMessageTimesWith(before);
    }
  });
});
