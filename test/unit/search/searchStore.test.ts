import * as assert from 'node:assert/strict';
import type { ActivitySearch } from '../../../src/search/search';
import { RECENT_LIMIT, searchKey, SearchStore } from '../../../src/search/searchStore';
import { MemoryState } from '../../support/memoryState';

const sessions = (username: string): ActivitySearch => ({ kind: 'sessions', range: { preset: 'day' }, filters: { username } });
const webhooks = (status: string): ActivitySearch => ({ kind: 'webhooks', range: { preset: 'week' }, filters: { status } });

describe('SearchStore', () => {
  let state: MemoryState;
  let store: SearchStore;
  let ids: number;
  beforeEach(() => {
    state = new MemoryState();
    ids = 0;
    store = new SearchStore(state, () => `id-${++ids}`);
  });

  it('remembers recent searches per account and kind, newest first, once each', async () => {
    await store.remember('a', sessions('alice'));
    await store.remember('a', webhooks('4xx'));
    await store.remember('a', sessions('bob'));
    await store.remember('b', sessions('carol'));
    await store.remember('a', { kind: 'sessions', filters: { username: 'alice' }, range: { preset: 'day' } });
    assert.deepEqual(store.recent('a', 'sessions'), [sessions('alice'), sessions('bob')]);
    assert.deepEqual(store.recent('a', 'webhooks'), [webhooks('4xx')]);
    assert.deepEqual(store.recent('b'), [sessions('carol')]);
    assert.deepEqual(store.recent('nobody', 'sessions'), []);
  });

  it('keeps the last ten of each kind', async () => {
    await store.remember('a', webhooks('500'));
    for (let i = 0; i < RECENT_LIMIT + 5; i++) {
      await store.remember('a', sessions(`user${i}`));
    }
    const recent = store.recent('a', 'sessions');
    assert.equal(recent.length, RECENT_LIMIT);
    assert.deepEqual(recent[0], sessions(`user${RECENT_LIMIT + 4}`));
    assert.deepEqual(recent.at(-1), sessions('user5'));
    assert.deepEqual(store.recent('a', 'webhooks'), [webhooks('500')], 'the other kind is not pushed out');
  });

  it('treats searches that differ only in order as one', () => {
    const a: ActivitySearch = { kind: 'sessions', range: { preset: 'day' }, filters: { types: ['STOR', 'DELE'], username: 'x' } };
    const b: ActivitySearch = { kind: 'sessions', filters: { username: 'x', types: ['DELE', 'STOR'], path: '' }, range: { preset: 'day' } };
    assert.equal(searchKey(a), searchKey(b));
    assert.notEqual(searchKey(a), searchKey({ ...a, range: { preset: 'week' } }));
    assert.notEqual(searchKey(a), searchKey({ ...a, kind: 'webhooks' } as ActivitySearch));
  });

  it('tells apart searches in another server order, and keeps the order of a saved search', async () => {
    const search: ActivitySearch = { kind: 'sessions', range: { preset: 'day' }, filters: { types: ['RETR'] } };
    const biggest: ActivitySearch = { ...search, order: { field: 'size', descending: true } };
    assert.notEqual(searchKey(search), searchKey(biggest));
    assert.notEqual(searchKey(biggest), searchKey({ ...search, order: { field: 'size', descending: false } }));
    assert.equal(searchKey(biggest), searchKey({ order: { descending: true, field: 'size' }, ...search }));
    await store.save('a', 'Biggest downloads', biggest);
    assert.deepEqual(store.saved('a').map((saved) => saved.search), [biggest]);
  });

  it('forgets a recent search', async () => {
    await store.remember('a', sessions('alice'));
    await store.remember('a', sessions('bob'));
    await store.forget('a', sessions('alice'));
    assert.deepEqual(store.recent('a'), [sessions('bob')]);
  });

  it('saves, lists by name, renames and deletes searches, with stable ids', async () => {
    const zeta = await store.save('a', '  Zeta ', sessions('z'));
    await store.save('a', 'alpha', webhooks('404'));
    assert.deepEqual(store.saved('a').map((s) => [s.id, s.name]), [['id-2', 'alpha'], ['id-1', 'Zeta']]);
    assert.deepEqual(store.saved('a', 'sessions'), [{ id: 'id-1', name: 'Zeta', search: sessions('z') }]);
    assert.equal(store.nameTaken('a', 'ZETA'), true);
    assert.equal(store.nameTaken('a', 'zeta', zeta.id), false, 'its own name is free when renaming');
    assert.equal(store.nameTaken('b', 'zeta'), false, 'names are per account');
    await store.rename('a', zeta.id, 'Beta');
    assert.deepEqual(store.saved('a').map((s) => [s.id, s.name]), [['id-2', 'alpha'], ['id-1', 'Beta']]);
    await store.delete('a', 'id-2');
    assert.deepEqual(store.saved('a').map((s) => s.name), ['Beta']);
  });

  it('tells listeners of every change', async () => {
    let changes = 0;
    const subscription = store.onDidChange(() => changes++);
    await store.remember('a', sessions('x'));
    await store.save('a', 'n', sessions('x'));
    subscription.dispose();
    await store.forget('a', sessions('x'));
    assert.equal(changes, 2);
  });

  it('forgets the searches of accounts that are gone', async () => {
    await store.remember('a', sessions('x'));
    await store.save('b', 'n', sessions('y'));
    await store.retainAccounts(['b']);
    assert.deepEqual(store.recent('a'), []);
    assert.equal(store.saved('b').length, 1);
  });

  it('stores searches as plain JSON, with nothing but searches and names in it', async () => {
    await store.remember('acct', sessions('alice'));
    await store.save('acct', 'Mine', webhooks('5xx'));
    assert.deepEqual(JSON.parse(state.values.get('exavault.searches')!), {
      acct: { recent: [sessions('alice')], saved: [{ id: 'id-1', name: 'Mine', search: webhooks('5xx') }] },
    });
    await store.forget('acct', sessions('alice'));
    await store.delete('acct', 'id-1');
    assert.deepEqual(JSON.parse(state.values.get('exavault.searches')!), {}, 'an account with nothing left is dropped');
  });

  it('drops what it cannot read back (another version\'s data, a damaged entry)', async () => {
    await state.update('exavault.searches', {
      a: { recent: [sessions('ok'), { kind: 'files' }, null, 'text'], saved: [{ id: 'x', name: 'ok', search: webhooks('404') }, { id: 1, name: 'bad', search: webhooks('404') }, { id: 'y', name: 'bad', search: {} }] },
      b: 'not an object',
    });
    assert.deepEqual(store.recent('a'), [sessions('ok')]);
    assert.deepEqual(store.saved('a').map((s) => s.id), ['x']);
    assert.deepEqual(store.recent('b'), []);
    await state.update('exavault.searches', 'garbage');
    assert.deepEqual(store.recent('a'), []);
  });
});
