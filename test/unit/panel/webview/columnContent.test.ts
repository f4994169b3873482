import { packColumns } from '../../../../src/panel/packedRows';
import * as assert from 'node:assert/strict';
import { COLUMNS, DEFAULT_SORT } from '../../../../src/panel/columns';
import { formatBytes } from '../../../../src/activity/format';
import { ColumnContent } from '../../../../src/panel/webview/columnContent';
import { RowStore } from '../../../../src/panel/webview/rowStore';

const index = (id: string) => COLUMNS.sessions.findIndex((column) => column.id === id);

/** A batch of session rows: `values[n]` gives row n's cells by column id (the rest empty). */
function append(store: RowStore, firstId: number, values: Record<string, string | number>[]): void {
  const columns = Object.fromEntries(COLUMNS.sessions.map((column) => [column.id, values.map((row) => row[column.id] ?? null)]));
  store.append(values.map((_row, n) => firstId + n), packColumns(columns));
}

describe('ColumnContent: what the loaded rows hold in each column', () => {
  it('finds the longest text of each column, across batches, and which columns have a value', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const content = new ColumnContent(store);
    append(store, 1, [{ user: 'al', status: 'ok', size: 10 }, { user: 'bob' }]);
    assert.equal(content.update(), true);
    assert.equal(content.widest(index('user')), 'bob');
    assert.equal(content.widest(index('size')), formatBytes(10));
    assert.equal(content.hasValues(index('user')), true);
    assert.equal(content.hasValues(index('path')), false);
    assert.equal(content.widest(index('path')), '');

    append(store, 3, [{ user: 'carol', path: '/a/b.txt', size: 5 * 1024 * 1024 }]);
    assert.equal(content.update(), true);
    assert.equal(content.widest(index('user')), 'carol');
    assert.equal(content.widest(index('size')), formatBytes(5 * 1024 * 1024));
    assert.equal(content.hasValues(index('path')), true);
    // Nothing new: nothing changed.
    assert.equal(content.update(), false);
  });

  it('forgets a cleared store\'s rows, even when the next search loads more rows before it looks', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const content = new ColumnContent(store);
    append(store, 1, [{ user: 'a-very-long-user-name', path: '/x' }]);
    content.update();
    store.clear();
    append(store, 10, [{ user: 'al' }, { user: 'bo' }, { user: 'cy' }]);
    assert.equal(content.update(), true);
    assert.equal(content.widest(index('user')), 'al');
    assert.equal(content.hasValues(index('path')), false);
    assert.equal(content.hasValues(index('user')), true);
  });

  it('counts a number column\'s largest value among many rows, beyond its sample', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const content = new ColumnContent(store);
    const rows = Array.from({ length: 5000 }, (_row, n) => ({ size: n === 4321 ? 3 * 1024 ** 3 : 100 }));
    append(store, 1, rows);
    content.update();
    assert.equal(content.widest(index('size')), formatBytes(3 * 1024 ** 3));
  });
});
