import * as assert from 'node:assert/strict';
import { COLUMNS, DEFAULT_SORT } from '../../../../src/panel/columns';
import { RowStore } from '../../../../src/panel/webview/rowStore';
import { matchesRefine } from '../../../support/panelCells';

// Rows of these session columns, in this order (the table's may differ).
const ROW_COLUMNS = ['time', 'operation', 'user', 'ip', 'path', 'source', 'size', 'duration', 'protocol', 'status'];
type Row = [number, string, string, string, string, string, number | null, number | null, string, string];

function batch(rows: { id: number; row: Row }[]): [number[], Record<string, (string | number | null)[]>] {
  return [rows.map((r) => r.id), Object.fromEntries(COLUMNS.sessions.map((column) => [column.id, rows.map((r) => r.row[ROW_COLUMNS.indexOf(column.id)] ?? null)]))];
}

/** The table's index of a session column. */
const columnIndex = (id: string) => COLUMNS.sessions.findIndex((column) => column.id === id);

const T = Date.parse('2026-11-20T12:00:00Z');
const rows = [
  { id: 1, row: [T - 5000, 'Upload', 'carol', '10.0.0.3', '/Finance/a.pdf', '', 300, 2, 'https', '-'] as Row },
  { id: 2, row: [T - 1000, 'Delete', 'alice', '10.0.0.1', '/Finance/b.pdf', '', null, null, 'https', '-'] as Row },
  { id: 3, row: [T - 3000, 'Connect', 'Bob', '10.0.0.2', '', '', 0, 1, 'ftp', 'failed'] as Row },
  { id: 4, row: [T - 3000, 'Download', 'alice', '10.0.0.1', '/HR/c.txt', '', 1200, 5, 'https', '-'] as Row },
];

const ids = (store: RowStore) => Array.from(store.view(), (row) => store.id(row));

describe('RowStore: the panel\'s rows held column by column', () => {
  it('shows rows newest first (ties: higher id first) whatever order batches arrive in, and skips rows already held', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    store.append(...batch(rows.slice(0, 2)));
    store.append(...batch(rows.slice(2)));
    store.append(...batch([rows[0]!]));
    assert.equal(store.count, 4);
    assert.deepEqual(ids(store), [2, 4, 3, 1]);
  });

  it('sorts text case-insensitively and stably against time, both ways', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    store.append(...batch(rows));
    store.setSort({ column: 'user', descending: false });
    assert.deepEqual(ids(store), [2, 4, 3, 1]);
    store.setSort({ column: 'user', descending: true });
    assert.deepEqual(ids(store), [1, 3, 2, 4]);
  });

  it('sorts IP addresses by their numbers, both ways', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const ips = ['10.0.0.10', '10.0.0.9', '2001:db8::1', '9.1.1.1'];
    store.append(...batch(ips.map((ip, i) => ({ id: i + 1, row: [T - i * 1000, 'Upload', 'alice', ip, '', '', null, null, 'https', '-'] as Row }))));
    store.setSort({ column: 'ip', descending: false });
    assert.deepEqual(ids(store), [4, 2, 1, 3]);
    store.setSort({ column: 'ip', descending: true });
    assert.deepEqual(ids(store), [3, 1, 2, 4]);
    // Positive control: as text, 10.0.0.10 would come before 10.0.0.9.
    assert.ok('10.0.0.10' < '10.0.0.9');
  });

  it('sorts numbers with absent values last either way', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    store.append(...batch(rows));
    store.setSort({ column: 'size', descending: true });
    assert.deepEqual(ids(store), [4, 1, 3, 2]);
    store.setSort({ column: 'size', descending: false });
    assert.deepEqual(ids(store), [3, 1, 4, 2]);
    store.setSort({ column: 'time', descending: false });
    assert.deepEqual(ids(store), [1, 3, 4, 2]);
  });

  it('refines to the rows with the text in any text cell, the same rows as the plain rule', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    store.append(...batch(rows));
    for (const needle of ['alice', 'FINANCE', '10.0.0', 'failed', 'zzz', '']) {
      store.setRefine(needle);
      const expected = rows.filter((r) => matchesRefine(r.row.filter((cell): cell is string => typeof cell === 'string'), needle)).map((r) => r.id);
      assert.deepEqual(new Set(ids(store)), new Set(expected), needle);
    }
    store.setRefine('alice');
    store.setSort({ column: 'path', descending: false });
    assert.deepEqual(ids(store), [2, 4]);
  });

  it('formats numbers for display and keeps text exactly as sent', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const hostile = '<img src=x onerror=alert(1)>';
    store.append(...batch([{ id: 9, row: [T, 'Upload', hostile, '', '', '', 2048, 75, '', '-'] }]));
    assert.equal(store.text(0, columnIndex('user')), hostile);
    assert.equal(store.text(0, columnIndex('size')), '2.0 KB');
    assert.equal(store.text(0, columnIndex('duration')), '1 min 15 s');
    assert.match(store.text(0, columnIndex('time')), /^2026-11-20 \d\d:00:00 /);
  });

  it('holds a million rows in typed arrays and refines them', function () {
    // A million rows take seconds on a loaded machine: a limit of its own, well above that.
    this.timeout(120_000);
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const size = 1_000_000;
    const chunk = 50_000;
    for (let start = 0; start < size; start += chunk) {
      const ids = Array.from({ length: chunk }, (_, i) => start + i);
      const columns = Object.fromEntries(COLUMNS.sessions.map((column) => [column.id, ids.map((id) => {
        switch (column.id) {
          case 'time': return T - id * 1000;
          case 'user': return `user${id % 50}`;
          case 'path': return `/folder${id % 1000}/file${id}.txt`;
          case 'size': case 'duration': return id % 7;
          default: return 'x';
        }
      })]));
      store.append(ids, columns);
    }
    store.setRefine('user7');
    // user7 and user70..79 do not exist (50 users): user7 only, every 50th row.
    assert.equal(store.view().length, size / 50);
  });
});
