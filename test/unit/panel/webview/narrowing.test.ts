import * as assert from 'node:assert/strict';
import { narrowed } from '../../../../src/panel/webview/narrowing';
import { sameSearch, type ActivitySearch } from '../../../../src/search/search';

describe('narrowing a search from a chart', () => {
  const sessions: ActivitySearch = { kind: 'sessions', range: { preset: 'week' }, filters: { username: 'alice' } };

  it('narrows to a time, a value of a filter (the choice list as one choice) or the failures, keeping the rest', () => {
    assert.deepEqual(narrowed(sessions, { kind: 'range', from: 1, to: 2 }), { ...sessions, range: { from: 1, to: 2 } });
    assert.deepEqual(narrowed(sessions, { kind: 'filter', key: 'types', value: 'PASS' }), { ...sessions, filters: { username: 'alice', types: ['PASS'] } });
    assert.deepEqual(narrowed(sessions, { kind: 'filter', key: 'ipAddress', value: '10.0.0.1' }), { ...sessions, filters: { username: 'alice', ipAddress: '10.0.0.1' } });
    assert.deepEqual(narrowed(sessions, { kind: 'failed' }), { ...sessions, filters: { username: 'alice', failed: true } });
    const webhooks: ActivitySearch = { kind: 'webhooks', range: { preset: 'day' }, filters: {} };
    assert.deepEqual(narrowed(webhooks, { kind: 'failed' }), { ...webhooks, filters: { failed: true } });
  });

  it('gives the same search when the chart asks for what it already is, and another when not', () => {
    const user = narrowed(sessions, { kind: 'filter', key: 'username', value: 'alice' });
    assert.ok(sameSearch(user, sessions));
    const failed = narrowed(sessions, { kind: 'failed' });
    assert.ok(sameSearch(narrowed(failed, { kind: 'failed' }), failed));
    // Positive controls: a change of value, of time or of failures is another search.
    assert.ok(!sameSearch(narrowed(sessions, { kind: 'filter', key: 'username', value: 'bob' }), sessions));
    assert.ok(!sameSearch(narrowed(sessions, { kind: 'range', from: 1, to: 2 }), sessions));
    assert.ok(!sameSearch(failed, sessions));
  });
});
