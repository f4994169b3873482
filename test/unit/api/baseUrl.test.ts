import * as assert from 'node:assert/strict';
import { resolveBaseUrl } from '../../../src/api/baseUrl';
import { ExaVaultError } from '../../../src/api/errors';

describe('resolveBaseUrl', () => {
  it('turns an account name into its https API URL', () => {
    assert.equal(resolveBaseUrl(' Acme-Corp ').href, 'https://acme-corp.exavault.com/api/v2');
  });

  it('accepts a full base URL on another host (accounts moved to Files.com), tidied', () => {
    assert.equal(resolveBaseUrl('https://acme.files.com/api/v2/').href, 'https://acme.files.com/api/v2');
    assert.equal(resolveBaseUrl('https://acme.exavault.com').href, 'https://acme.exavault.com/api/v2');
    assert.equal(resolveBaseUrl('https://acme.exavault.com/api/v2?x=1#y').href, 'https://acme.exavault.com/api/v2');
  });

  it('accepts http only for loopback addresses', () => {
    assert.equal(resolveBaseUrl('http://127.0.0.1:8080/api/v2').href, 'http://127.0.0.1:8080/api/v2');
    assert.equal(resolveBaseUrl('http://localhost:9/api/v2').host, 'localhost:9');
    assert.equal(resolveBaseUrl('http://[::1]:9/api/v2').host, '[::1]:9');
    for (const refused of ['http://acme.exavault.com/api/v2', 'http://10.0.0.5/api/v2', 'http://127.0.0.1.evil.example/api/v2']) {
      assert.throws(() => resolveBaseUrl(refused), (e: ExaVaultError) => e.kind === 'invalidInput' && /https/.test(e.message), refused);
    }
  });

  it('refuses other schemes, embedded credentials and text that is neither name nor URL', () => {
    for (const refused of ['ftp://acme.exavault.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@acme.exavault.com/api/v2', 'acme corp', '']) {
      assert.throws(() => resolveBaseUrl(refused), (e: ExaVaultError) => e.kind === 'invalidInput', refused);
    }
  });
});
