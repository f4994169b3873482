import * as assert from 'node:assert/strict';
import { panelCsp } from '../../../src/panel/panelCsp';

describe('the query panel\'s Content Security Policy', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));

  it('forbids <base> and form submissions (neither falls back to default-src)', () => {
    const csp = directives(panelCsp('https://webview.example', 'abc123'));
    assert.equal(csp.get('base-uri'), "'none'");
    assert.equal(csp.get('form-action'), "'none'");
  });

  it('keeps the rest: nothing by default, the script by nonce, styles and font from the extension', () => {
    const csp = directives(panelCsp('https://webview.example', 'abc123'));
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('script-src'), "'nonce-abc123'");
    assert.equal(csp.get('style-src'), 'https://webview.example');
    assert.equal(csp.get('font-src'), 'https://webview.example');
  });
});
