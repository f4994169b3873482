// The store's two ways of sorting give the same pages: sorting the filtered candidates (small sets)
// and walking a cached permutation of every row (large sets). A gather limit of 0 forces the
// permutation, so the hand-written fixture answers check it too.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire } from '../../../../src/api/wire';
import { parseActivityQuery, SESSION_ENDPOINT } from '../../../../server/query/activityQuery';
import { sessionRowsFromEntries } from '../../../../server/query/sessionTable';
import { ActivityStore } from '../../../../server/query/store';
import { SESSION_FIXTURE, SESSION_SORTS } from '../../../fixtures/activity';

describe('local server: store', () => {
  const rows = sessionRowsFromEntries(SESSION_FIXTURE);
  const stores: [string, ActivityStore<SessionEntryWire>][] = [
    ['sorting the candidates', new ActivityStore(rows, SESSION_ENDPOINT.indexes)],
    ['walking a permutation', new ActivityStore(rows, SESSION_ENDPOINT.indexes, 0)],
  ];

  for (const [way, store] of stores) {
    describe(way, () => {
      const ids = (query: string) => store.query(parseActivityQuery(new URLSearchParams(query), SESSION_ENDPOINT, 1000)).map((entry) => entry.id);

      it('sorts by every field both ways, ties by id descending', () => {
        for (const [field, ascending, descending] of SESSION_SORTS) {
          assert.deepEqual(ids(`sort=${field}`), ascending, field);
          assert.deepEqual(ids(`sort=-${field}`), descending, `-${field}`);
        }
      });

      it('keeps only what the filters and dates allow, then pages', () => {
        assert.deepEqual(ids('username=jdoe&sort=-duration'), [4, 2, 13, 12, 11, 1]);
        assert.deepEqual(ids('username=jdoe&sort=-duration&offset=2&limit=3'), [13, 12, 11]);
        assert.deepEqual(ids('startDate=2020-12-09&endDate=2020-12-10T04:00:00Z&sort=username'), [7, 6, 5, 8]);
        assert.deepEqual(ids('path=/Finance*&sort=file'), [3, 2, 12, 11, 6]);
        assert.deepEqual(ids('path=/Finance*&type=RETR&sort=protocol'), [3]);
        assert.deepEqual(ids('type=EXIT&username=nobody&sort=date'), []);
      });
    });
  }

  it('refuses rows that are not newest first', () => {
    const reversed = { ...rows, ids: rows.ids.slice().reverse(), created: rows.created.slice().reverse() };
    assert.throws(() => new ActivityStore(reversed, {}), /newest first/);
  });
});
