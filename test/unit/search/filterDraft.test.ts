import * as assert from 'node:assert/strict';
import { draftFilters, filterDraft } from '../../../src/search/filterDraft';

describe('filterDraft: filters while they are asked for', () => {
  it('starts from the filters given and gives them back unchanged', () => {
    const sessions = { types: ['STOR', 'DELE'], username: 'alice', path: '/Finance/*', failed: true } as const;
    const draft = filterDraft('sessions', sessions);
    assert.deepEqual(draft, { picked: ['STOR', 'DELE'], failure: true, texts: { username: 'alice', ipAddress: '', path: '/Finance/*' } });
    assert.deepEqual(draftFilters('sessions', draft), sessions);
    const webhooks = { events: ['resources.upload'], status: '4xx', resourcePath: '/a' };
    assert.deepEqual(draftFilters('webhooks', filterDraft('webhooks', webhooks)), webhooks);
    const noAnswer = { failed: 'noAnswer' } as const;
    assert.deepEqual(draftFilters('webhooks', filterDraft('webhooks', noAnswer)), noAnswer);
    // A failure kind the log does not have is dropped.
    assert.deepEqual(filterDraft('sessions', { failed: 'noAnswer' } as never).failure, undefined);
  });

  it('keeps only the answers with a value, trimmed and normalized as the log says', () => {
    const draft = filterDraft('webhooks', {});
    assert.deepEqual(draftFilters('webhooks', draft), {});
    draft.texts['status'] = ' 4XX ';
    draft.texts['username'] = '  bob ';
    draft.texts['endpointUrl'] = '   ';
    assert.deepEqual(draftFilters('webhooks', draft), { status: '4xx', username: 'bob' });
  });
});
