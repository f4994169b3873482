import * as assert from 'node:assert/strict';
import { sameSearch } from '../../../src/search/search';

describe('sameSearch: whether two searches ask the same', () => {
  it('compares filters whatever the order of their keys, and choices as a set', () => {
    assert.ok(sameSearch(
      { kind: 'sessions', range: { preset: 'day' }, filters: { username: 'alice', types: ['STOR', 'DELE'] } },
      { kind: 'sessions', range: { preset: 'day' }, filters: { types: ['DELE', 'STOR'], username: 'alice' } },
    ));
    assert.ok(sameSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { status: '4xx' } }, { kind: 'webhooks', range: { from: 1, to: 2 }, filters: { status: '4xx' } }));
  });

  it('tells apart searches of another log, range, filter or value', () => {
    const base = { kind: 'sessions', range: { preset: 'day' }, filters: { username: 'alice' } } as const;
    assert.ok(!sameSearch(base, { ...base, kind: 'webhooks' } as never));
    assert.ok(!sameSearch(base, { ...base, range: { preset: 'week' } }));
    assert.ok(!sameSearch(base, { ...base, range: { from: 1, to: 2 } }));
    assert.ok(!sameSearch(base, { ...base, filters: { username: 'bob' } }));
    assert.ok(!sameSearch(base, { ...base, filters: { ...base.filters, failed: true } }));
    assert.ok(!sameSearch(base, { ...base, filters: { ...base.filters, types: ['STOR'] } }));
  });
});
