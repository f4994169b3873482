import * as assert from 'node:assert/strict';
import { counted, countedWords } from '../../../src/activity/counted';
import { counted as countedInWebview, format } from '../../../src/panel/webview/format';

describe('counts with their nouns, in the form the count takes', () => {
  it('says one of a thing in the singular, any other number in the plural', () => {
    assert.equal(counted(1, 'entries'), '1 entry');
    assert.equal(counted(2, 'entries'), '2 entries');
    assert.equal(counted(0, 'entries'), '0 entries');
    assert.equal(counted(1, 'apiCalls'), '1 API call');
    assert.equal(counted(3, 'apiCalls'), '3 API calls');
    assert.equal(counted(1, 'rows'), '1 row');
    assert.equal(counted(12_345, 'rows'), `${(12_345).toLocaleString()} rows`);
    assert.equal(counted(1, 'newEntries'), '1 new entry');
    assert.equal(counted(1, 'calls'), '1 call');
    assert.equal(counted(1, 'bars'), '1 bar');
  });

  it('gives the webview the same forms as words, and it words counts as the extension does', () => {
    const words = countedWords();
    for (const noun of ['entries', 'newEntries', 'apiCalls', 'calls', 'rows', 'bars'] as const) {
      for (const count of [0, 1, 2, 1000]) {
        assert.equal(countedInWebview(words, noun, count), counted(count, noun));
      }
    }
    assert.equal(format('{0}, {1}', countedInWebview(words, 'entries', 1), countedInWebview(words, 'apiCalls', 1)), '1 entry, 1 API call');
    assert.equal(format('{0}, {1}', countedInWebview(words, 'entries', 2), countedInWebview(words, 'apiCalls', 3)), '2 entries, 3 API calls');
  });
});
