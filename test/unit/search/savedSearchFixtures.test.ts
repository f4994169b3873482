// Recent and saved searches written by release 0.1.0 (test/fixtures/saved-state/) load through the
// search store as they were saved: every log, filter and kind of range. What must load is spelled out
// from the files, never read from them.
import * as assert from 'node:assert/strict';
import { SearchStore } from '../../../src/search/searchStore';
import { MemoryState } from '../../support/memoryState';
import { readSavedState } from '../../support/savedState';

const ALICE = '3f1c2a9e-8b7d-4e21-9c55-0a1b2c3d4e5f';
const BOB = 'b7e2d4c1-6a3f-4b8e-a1d2-9f8e7d6c5b4a';

const storeOf = (fixture: string) => new SearchStore(MemoryState.of(readSavedState(fixture)), () => 'new-id');

describe('searches saved by release 0.1.0', () => {
  it('loads the recent searches of each account, newest first, every field as written', () => {
    const store = storeOf('recentSearches.json');
    assert.deepEqual(store.recent(ALICE), [
      { kind: 'sessions', range: { preset: 'quarter' }, filters: { ipAddress: '2001:db8::1' } },
      { kind: 'webhooks', range: { from: 1614592800000, to: 1614643201000 }, filters: { status: '404', resourcePath: '/Clients/Acme/Inbox', username: 'eve\u202egnp.exe' } },
      { kind: 'webhooks', range: { preset: 'month' }, filters: { status: '0' } },
      { kind: 'sessions', range: { from: 1605608430000, to: 1607590800000 }, filters: { username: '<img src=x onerror=alert(1)>', path: '/../../etc/passwd' } },
      {
        kind: 'webhooks', range: { preset: 'week' },
        filters: { endpointUrl: 'https://hooks.example.com/exavault?token=abc&x=1', status: '4xx', resourcePath: '/Finance/*', username: 'asmith', events: ['resources.upload', 'resources.delete'] },
      },
      { kind: 'sessions', range: { preset: 'day' }, filters: { username: 'jdoe', ipAddress: '198.51.100.7', path: '/Finance/2020/*', types: ['STOR', 'RETR', 'DELE'] } },
      { kind: 'sessions', range: { preset: 'hour' }, filters: {} },
    ]);
    assert.deepEqual(store.recent(BOB), [
      { kind: 'sessions', range: { preset: 'week' }, filters: { username: 'Backup-Bot', types: ['PASS'] } },
      { kind: 'webhooks', range: { preset: 'quarter' }, filters: {} },
    ]);
    assert.deepEqual(store.recent(ALICE, 'webhooks').map((search) => search.range), [{ from: 1614592800000, to: 1614643201000 }, { preset: 'month' }, { preset: 'week' }]);
    assert.deepEqual(store.saved(ALICE), []);
  });

  it('loads the saved searches of each account with their ids and names, listed by name', () => {
    const store = storeOf('savedSearches.json');
    assert.deepEqual(store.saved(ALICE), [
      {
        id: '95dd5e07-78c6-42d9-b048-fc2bd65e2023', name: 'Failed deliveries',
        search: { kind: 'webhooks', range: { preset: 'day' }, filters: { status: '5xx', events: ['resources.upload'] } },
      },
      {
        id: '9fc10f0e-d4c5-4628-937f-f3592e4bd43e', name: 'Finance uploads',
        search: { kind: 'sessions', range: { preset: 'week' }, filters: { path: '/Finance/*', types: ['STOR'] } },
      },
      {
        id: 'cec83059-a0e8-4c33-94b5-ef7f90400bd8', name: 'Incident 2020-12-10',
        search: {
          kind: 'sessions', range: { from: 1607587200000, to: 1607590800000 },
          filters: { username: 'root', ipAddress: '185.220.101.4', path: '/Finance/Archive/budget.xlsx', types: ['PASS', 'DELE'] },
        },
      },
      {
        id: '456eaa3a-2b7a-42e2-8498-0bc385751e89', name: 'Ünïcödé — "quoted" <b>name</b>',
        search: { kind: 'webhooks', range: { preset: 'hour' }, filters: { endpointUrl: 'ci.example.net', status: '500', resourcePath: '/Finance/a.pdf', username: 'jdoe' } },
      },
    ]);
    assert.deepEqual(store.saved(BOB), [
      {
        id: 'bff9614a-e4c6-4171-bcdd-a4c02ede1b87', name: '"; DROP TABLE searches; --',
        search: {
          kind: 'webhooks', range: { from: 1614556800000, to: 1614729600000 },
          filters: {
            endpointUrl: 'https://automation.example.org/hook', status: '2XX', resourcePath: '/Clients/Acme/Inbox/<script>.pdf', username: 'public',
            events: ['shares.formSubmit', 'resources.createFolder'],
          },
        },
      },
      { id: 'fb86780f-c31e-41b9-860e-4c82fad57159', name: 'Quarter', search: { kind: 'sessions', range: { preset: 'quarter' }, filters: {} } },
    ]);
    assert.deepEqual(store.saved(BOB, 'sessions').map((saved) => saved.name), ['Quarter']);
    assert.deepEqual(store.recent(BOB), []);
    assert.equal(store.nameTaken(ALICE, 'failed DELIVERIES'), true);
  });

  it('keeps what it loaded when it next writes: a change to one account leaves the rest as stored', async () => {
    const stored = readSavedState<{ 'exavault.searches': Record<string, unknown> }>('savedSearches.json')['exavault.searches'];
    const state = MemoryState.of(readSavedState('savedSearches.json'));
    const store = new SearchStore(state, () => 'new-id');
    await store.remember(ALICE, { kind: 'sessions', range: { preset: 'day' }, filters: {} });
    await store.save(BOB, 'Later', { kind: 'webhooks', range: { preset: 'day' }, filters: {} });
    const written = state.get<Record<string, { recent: unknown[]; saved: unknown[] }>>('exavault.searches')!;
    assert.deepEqual(written[ALICE]!.saved, (stored[ALICE] as { saved: unknown[] }).saved);
    assert.deepEqual(written[BOB]!.saved.slice(0, -1), (stored[BOB] as { saved: unknown[] }).saved);
  });
});
