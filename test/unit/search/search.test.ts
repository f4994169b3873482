import * as assert from 'node:assert/strict';
import { parseSearch } from '../../../src/search/parseSearch';
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

  it('tells apart searches in another server order', () => {
    const base = { kind: 'sessions', range: { preset: 'day' }, filters: {} } as const;
    const bySize = { ...base, order: { field: 'size', descending: true } };
    assert.ok(!sameSearch(base, bySize));
    assert.ok(!sameSearch(bySize, { ...base, order: { field: 'size', descending: false } }));
    assert.ok(sameSearch(bySize, { ...base, order: { descending: true, field: 'size' } }));
  });
});

describe('parseSearch: a server order', () => {
  const search = (order: unknown) => parseSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: {}, order });

  it('keeps an order by a field the log is sorted by, in either direction', () => {
    assert.deepEqual(search({ field: 'status', descending: true })?.order, { field: 'status', descending: true });
    assert.deepEqual(search({ field: 'attemptId', descending: false })?.order, { field: 'attemptId', descending: false });
    assert.deepEqual(search({ field: 'time', descending: false })?.order, { field: 'time', descending: false });
  });

  it('leaves out newest first, the order of a search without one, so that equal searches serialize alike', () => {
    const newest = search({ field: 'time', descending: true });
    assert.ok(newest);
    assert.equal('order' in newest, false);
    assert.equal('order' in search(undefined)!, false);
  });

  it('refuses an order by a field the API does not sort by, another log\'s field, or a malformed one', () => {
    // Positive control: the same shape with a sortable field reads.
    assert.ok(search({ field: 'endpoint', descending: false }));
    for (const order of [{ field: 'response', descending: false }, { field: 'size', descending: true }, { field: 'endpoint' }, { field: 'endpoint', descending: 'yes' }, '-status', ['status'], { field: '__proto__', descending: true }]) {
      assert.equal(search(order), undefined, JSON.stringify(order));
    }
  });
});

describe('parseSearch: a failure filter', () => {
  const search = (kind: 'sessions' | 'webhooks', failed: unknown) => parseSearch({ kind, range: { preset: 'day' }, filters: { failed } });

  it('keeps every failure, or a kind of failure the log has', () => {
    assert.equal(search('sessions', true)?.filters.failed, true);
    assert.equal(search('webhooks', true)?.filters.failed, true);
    assert.equal(search('webhooks', 'noAnswer')?.filters.failed, 'noAnswer');
  });

  it('leaves out false, and refuses a kind the log does not have or any other value', () => {
    assert.equal('failed' in search('webhooks', false)!.filters, false);
    for (const [kind, failed] of [['sessions', 'noAnswer'], ['webhooks', 'timeout'], ['webhooks', 'true'], ['webhooks', 1], ['webhooks', ['noAnswer']]] as const) {
      assert.equal(search(kind, failed), undefined, `${kind} ${JSON.stringify(failed)}`);
    }
  });
});
