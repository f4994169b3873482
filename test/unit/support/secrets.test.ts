import * as assert from 'node:assert/strict';
import { findSecrets } from '../../support/secrets';

// The leak checks elsewhere trust this finder to see a secret in every form it could take.
describe('secret finder (positive controls for every leak check)', () => {
  const secret = 'demo-zwSuWUZ8S38h33qPS8v0s';

  it('sees a secret as is, URL-encoded and base64-encoded at any alignment', () => {
    assert.deepEqual(findSecrets(`x ${secret} y`, [secret]), [secret]);
    assert.deepEqual(findSecrets(encodeURIComponent(`k=${secret}&`), [secret]), [secret]);
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const base64 = Buffer.from(`${prefix}{"token":"${secret}"}`).toString('base64');
      assert.deepEqual(findSecrets(base64, [secret]), [secret], `prefix "${prefix}"`);
    }
  });

  it('finds nothing in text without it', () => {
    assert.deepEqual(findSecrets('ExaVault did not accept the API key or the access token.', [secret]), []);
  });
});
