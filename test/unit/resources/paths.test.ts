import * as assert from 'node:assert/strict';
import { pathProblem, webFileManagerUrl } from '../../../src/resources/paths';

describe('resource paths', () => {
  it('accepts a full path, and says what is wrong with anything else', () => {
    for (const good of ['/', '/Finance', '/Finance/2026/Q3/report #1.pdf', '/100% done?.csv', '/naïve café ☕.md']) {
      assert.equal(pathProblem(good), undefined, good);
    }
    assert.match(pathProblem('Finance/report.pdf')!, /Start the path with "\/"/);
    assert.match(pathProblem('/Finance/')!, /"\/" at the end/);
    assert.match(pathProblem('/Finance//report.pdf')!, /empty folder name/);
    assert.match(pathProblem('/a\tb')!, /control character/);
  });

  it('reveals the folder in the web file manager, from the API origin alone', () => {
    assert.equal(webFileManagerUrl('https://acme.exavault.com/api/v2', '/Finance/2026/report.pdf'), 'https://acme.exavault.com/files/Finance/2026');
    assert.equal(webFileManagerUrl('https://acme.exavault.com/api/v2', '/report.pdf'), 'https://acme.exavault.com/files/');
    assert.equal(webFileManagerUrl('https://acme.files.com/api/v2', '/a #1/b?/c%d/x.txt'), 'https://acme.files.com/files/a%20%231/b%3F/c%25d');
    // Nothing but the origin of the base URL: no user, password, query or fragment.
    const url = new URL(webFileManagerUrl('https://user:secret@acme.exavault.com:8443/api/v2?token=abc#k', '/a/b.txt'));
    assert.deepEqual([url.username, url.password, url.search, url.hash, url.href], ['', '', '', '', 'https://acme.exavault.com:8443/files/a']);
  });
});
