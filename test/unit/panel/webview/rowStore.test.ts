import { formatBytes } from '../../../../src/activity/format';
import { packColumns, type PackedColumn } from '../../../../src/panel/packedRows';
import * as assert from 'node:assert/strict';
import { Random } from '../../../../server/generate/random';
import { COLUMNS, DEFAULT_SORT, type ColumnSpec } from '../../../../src/panel/columns';
import { addressSortKey } from '../../../../src/panel/webview/addressOrder';
import { RowStore, type ShowValue } from '../../../../src/panel/webview/rowStore';
import { matchesRefine } from '../../../support/panelCells';

// Rows of these session columns, in this order (the table's may differ).
const ROW_COLUMNS = ['time', 'operation', 'user', 'ip', 'path', 'source', 'size', 'duration', 'protocol', 'status'];
type Row = [number, string, string, string, string, string, number | null, number | null, string, string];

function batch(rows: { id: number; row: Row }[]): [number[], Record<string, PackedColumn>] {
  return [rows.map((r) => r.id), packColumns(Object.fromEntries(COLUMNS.sessions.map((column) => [column.id, rows.map((r) => r.row[ROW_COLUMNS.indexOf(column.id)] ?? null)])))];
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

  it('reads packed batches as their cells: empty and numeric text, text in a number column, columns not sent; a skipped row interns nothing', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT);
    const column = (id: string) => columnIndex(id);
    // path: every cell empty (packed as numbers); protocol: numbers in a text column; size: text in a number column; no duration at all.
    store.append([1, 2], packColumns({ time: [T, T - 1000], user: ['alice', 'bob'], path: [null, null], protocol: [21, null], size: ['x', 5] }), [true, 0]);
    const cells = (row: number) => ['user', 'path', 'protocol', 'size', 'duration'].map((id) => store.text(row, column(id)));
    assert.deepEqual([cells(store.rowOf(1)!), cells(store.rowOf(2)!)], [['alice', '', '21', '', ''], ['bob', '', '', formatBytes(5), '']]);
    assert.deepEqual([store.failed(store.rowOf(1)!), store.failed(store.rowOf(2)!)], [true, false]);
    // Row 2 again, with a user no other row has: skipped, and its user not among the column's values.
    store.append([2, 3], packColumns({ time: [T, T - 2000], user: ['mallory', 'carol'] }));
    assert.deepEqual(store.codes(column('user'))!.values, ['alice', 'bob', 'carol']);
    assert.equal(store.count, 3);
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

  it('refines only in the columns it is told to (the shown ones), when told', () => {
    const store = new RowStore(COLUMNS.sessions, DEFAULT_SORT, undefined, ['path']);
    store.append(...batch(rows));
    store.setRefine('alice');
    assert.deepEqual(ids(store), [], 'alice is a user, and the user column is held but not shown');
    store.setRefine('finance');
    assert.deepEqual(ids(store), [2, 1], 'positive control: text in a refined column matches');
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
      store.append(ids, packColumns(columns));
    }
    store.setRefine('user7');
    // user7 and user70..79 do not exist (50 users): user7 only, every 50th row.
    assert.equal(store.view().length, size / 50);
  });

  describe('against plain oracles, on seeded rows full of ties', () => {
    const columns = COLUMNS.sessions;
    // Two operation codes show alike ("Upload1", "Upload2" as "Upload"): they rank alike.
    const show = (spec: ColumnSpec): ShowValue => (spec.id === 'operation' ? (value) => value.replace(/\d$/, '') : (value) => value);
    const words = ['alice', 'Alice', 'ALICE', 'bob', 'Bob', '', 'carol', '/Finance/a.pdf', '/finance/A.pdf', '10.0.0.1', 'Ünïcode', 'éa', 'zz'];

    function seededRows(seed: number, count: number, firstId = 1): { id: number; cells: (string | number | null)[] }[] {
      const random = new Random(seed);
      return Array.from({ length: count }, (_, n) => ({
        id: firstId + n,
        cells: columns.map((column) => {
          if (column.type === 'text') {
            return column.id === 'operation' ? random.pick(['Upload1', 'Upload2', 'Delete', 'connect']) : random.pick(words);
          }
          if (random.chance(0.1)) {
            return null;
          }
          return column.type === 'time' ? T - random.int(0, 20) * 1000 : random.pick([0, 1, 2, 2.5, 1024, 2 ** 31, 2 ** 33]);
        }),
      }));
    }

    function load(store: RowStore, rows: { id: number; cells: (string | number | null)[] }[]): void {
      store.append(rows.map((r) => r.id), packColumns(Object.fromEntries(columns.map((column, index) => [column.id, rows.map((r) => r.cells[index]!)]))));
    }

    /** Ranks every column as idle time does, a column a call; how many calls ranked one. */
    function rankAll(store: RowStore): number {
      let ranked = 0;
      while (store.rankNextColumn()) {
        ranked++;
      }
      return ranked;
    }

    const number = (value: string | number | null) => (typeof value === 'number' ? value : Number.NaN);
    const shown = (rowCells: (string | number | null)[], index: number) => show(columns[index]!)(String(rowCells[index] ?? ''));
    const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

    /** Newest first, undated last, ties by higher id; then a plain stable sort by the column. */
    function oracleOrder(rows: { id: number; cells: (string | number | null)[] }[], column: string, descending: boolean): number[] {
      const index = columns.findIndex((c) => c.id === column);
      const timeIndex = columns.findIndex((c) => c.type === 'time');
      const byTime = [...rows].sort((a, b) => {
        const ta = number(a.cells[timeIndex]!);
        const tb = number(b.cells[timeIndex]!);
        if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) {
          return Number.isNaN(ta) ? 1 : Number.isNaN(tb) ? -1 : tb - ta;
        }
        return b.id - a.id;
      });
      if (index === timeIndex) {
        return (descending ? byTime : byTime.reverse()).map((r) => r.id);
      }
      const sign = descending ? -1 : 1;
      const sorted = columns[index]!.type === 'text'
        ? byTime.sort((a, b) => {
          const sa = shown(a.cells, index);
          const sb = shown(b.cells, index);
          // A column the log description sorts as addresses goes by the address's key (its own tests are addressOrder's).
          const key = (cells: (string | number | null)[], text: string) => (columns[index]!.sortAs === 'address' ? addressSortKey(String(cells[index] ?? '')) : text.toLowerCase());
          return sign * (compareText(key(a.cells, sa), key(b.cells, sb)) || compareText(sa, sb));
        })
        : byTime.sort((a, b) => {
          const va = number(a.cells[index]!);
          const vb = number(b.cells[index]!);
          return Number.isNaN(va) || Number.isNaN(vb) ? Number(Number.isNaN(va)) - Number(Number.isNaN(vb)) : sign * (va - vb);
        });
      return sorted.map((r) => r.id);
    }

    function oracleRefine(rows: { id: number; cells: (string | number | null)[] }[], order: number[], needle: string): number[] {
      const byId = new Map(rows.map((r) => [r.id, r]));
      return order.filter((id) => matchesRefine(columns.flatMap((column, index) => (column.type === 'text' ? [shown(byId.get(id)!.cells, index)] : [])), needle));
    }

    it('keeps rows newest first whether batches come newest first (as asked), oldest first, overlapping or with repeats, past its first capacity; views handed out stay as they were', () => {
      const rows = seededRows(9, 5000);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const newestFirst = oracleOrder(rows, 'time', true).map((id) => byId.get(id)!);
      const chunks = (list: typeof rows, size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, n) => list.slice(n * size, (n + 1) * size));
      const random = new Random(10);
      const arrivals: Record<string, (typeof rows)[]> = {
        'newest first': chunks(newestFirst, 700),
        'oldest first': chunks(newestFirst, 700).reverse(),
        // Two batches over one span (every other row each), then the rest, newest first.
        'overlapping': [newestFirst.slice(0, 2000).filter((_, n) => n % 2 === 0), newestFirst.slice(0, 2000).filter((_, n) => n % 2 === 1), ...chunks(newestFirst.slice(2000), 1000)],
        // Each batch repeats rows of the one before and one of its own.
        'with repeats': chunks(newestFirst, 600).map((batch, n, all) => [...(n > 0 ? all[n - 1]!.slice(-50) : []), ...batch, batch[0]!]),
        'shuffled': chunks([...rows].sort(() => random.float() - 0.5), 900),
      };
      for (const [arrival, batches] of Object.entries(arrivals)) {
        const store = new RowStore(columns, DEFAULT_SORT, show);
        load(store, batches[0]!);
        const handedOut = store.view();
        const asHandedOut = Array.from(handedOut);
        for (const batch of batches.slice(1)) {
          load(store, batch);
        }
        assert.equal(store.count, rows.length, arrival);
        assert.deepEqual(ids(store), newestFirst.map((r) => r.id), arrival);
        assert.deepEqual(Array.from(handedOut), asHandedOut, `${arrival}: a view handed out before the other batches`);
        assert.notDeepEqual(Array.from(store.view()), asHandedOut, `${arrival}: the view now`);
        // Cleared after growing: another search's rows, as many again.
        store.clear();
        for (const batch of batches) {
          load(store, batch);
        }
        assert.deepEqual(ids(store), newestFirst.map((r) => r.id), `${arrival}, after a clear`);
        // The cells follow their rows: every row's time and path are its own.
        for (const id of [newestFirst[0]!.id, newestFirst[2500]!.id, newestFirst[4999]!.id]) {
          const row = store.rowOf(id)!;
          assert.equal(store.number(row, 0), number(byId.get(id)!.cells[0]!), `${arrival}: time of ${id}`);
          assert.equal(store.text(row, columnIndex('path')), shown(byId.get(id)!.cells, columnIndex('path')), `${arrival}: path of ${id}`);
        }
      }
    });

    it('sorts every column both ways exactly as the oracle, ties newest first', () => {
      const rows = seededRows(1, 3000);
      const store = new RowStore(columns, DEFAULT_SORT, show);
      load(store, rows.slice(0, 1000));
      load(store, rows.slice(1000));
      for (const column of columns) {
        for (const descending of [false, true]) {
          store.setSort({ column: column.id, descending });
          assert.deepEqual(ids(store), oracleOrder(rows, column.id, descending), `${column.id} ${descending ? 'descending' : 'ascending'}`);
        }
      }
    });

    it('sorts again after more rows arrive (new values rank among the old, ranked ahead of time or not)', () => {
      const rows = [...seededRows(2, 500), ...seededRows(3, 500, 501).map((r) => ({ ...r, cells: r.cells.map((cell) => (typeof cell === 'string' ? `${cell}x` : cell)) }))];
      const store = new RowStore(columns, { column: 'user', descending: false }, show);
      load(store, rows.slice(0, 500));
      rankAll(store);
      assert.deepEqual(ids(store), oracleOrder(rows.slice(0, 500), 'user', false));
      load(store, rows.slice(500));
      store.setSort({ column: 'path', descending: true });
      assert.deepEqual(ids(store), oracleOrder(rows, 'path', true));
      store.setSort({ column: 'user', descending: false });
      assert.deepEqual(ids(store), oracleOrder(rows, 'user', false));
    });

    it('ranks a column a call (every column but time, which sorts by its kept order), again after rows arrive; sorts alike ranked, half ranked or not', () => {
      // The later rows bring new values to every column: each must be ranked again.
      const rows = [...seededRows(7, 400), ...seededRows(8, 400, 401).map((r) => ({ ...r, cells: r.cells.map((cell) => (typeof cell === 'string' ? `${cell}x` : cell)) }))];
      const rankedColumns = columns.filter((column) => column.type !== 'time').length;
      const store = new RowStore(columns, DEFAULT_SORT, show);
      load(store, rows.slice(0, 400));
      assert.equal(rankAll(store), rankedColumns);
      assert.equal(store.rankNextColumn(), false, 'nothing left to rank');
      load(store, rows.slice(400));
      // A click before the ranking is done: the first columns ranked, the others ranked by the sort itself.
      for (let call = 0; call < Math.floor(rankedColumns / 2); call++) {
        assert.equal(store.rankNextColumn(), true, `column ${call + 1} ranked again`);
      }
      for (const column of columns) {
        for (const descending of [false, true]) {
          store.setSort({ column: column.id, descending });
          assert.deepEqual(ids(store), oracleOrder(rows, column.id, descending), `${column.id} ${descending ? 'descending' : 'ascending'}`);
        }
      }
      assert.equal(rankAll(store), 0, 'the sorts ranked the columns they sorted by');
    });

    it('sorts numbers again after rows arrive or the store is cleared (their ranks are not kept past a change)', () => {
      const rows = seededRows(5, 1000);
      // New sizes among the old: a kept rank would put them in the wrong place.
      const later = seededRows(6, 500, 1001).map((r) => ({ ...r, cells: r.cells.map((cell, index) => (typeof cell === 'number' && columns[index]!.type !== 'time' ? cell + 0.25 : cell)) }));
      const store = new RowStore(columns, { column: 'size', descending: true }, show);
      load(store, rows);
      rankAll(store);
      assert.deepEqual(ids(store), oracleOrder(rows, 'size', true));
      load(store, later);
      for (const column of ['size', 'duration']) {
        for (const descending of [false, true]) {
          store.setSort({ column, descending });
          assert.deepEqual(ids(store), oracleOrder([...rows, ...later], column, descending), `${column} ${descending ? 'descending' : 'ascending'}`);
        }
      }
      store.clear();
      load(store, later.slice(0, 100));
      assert.deepEqual(ids(store), oracleOrder(later.slice(0, 100), 'duration', true));
    });

    it('refines exactly as the oracle while text is typed, erased, the sort changes and rows arrive', () => {
      const rows = seededRows(4, 3000);
      const store = new RowStore(columns, DEFAULT_SORT, show);
      load(store, rows.slice(0, 2000));
      let held = rows.slice(0, 2000);
      let sort = DEFAULT_SORT;
      const steps: (string | (() => void))[] = ['a', 'al', 'ali', 'alic', 'alice', 'alic', 'fin', '/fin', '/fina', '/finance/a', 'zz', 'zzz', '', 'UPLO', 'upload',
        () => {
          sort = { column: 'path', descending: true };
          store.setSort(sort);
        },
        'upload1', 'b', 'bo',
        () => {
          load(store, rows.slice(2000));
          held = rows;
        },
        'bob', ' ', 'é', 'éa', '10.0', '10.0.0.1'];
      let checked = 0;
      for (const step of steps) {
        if (typeof step === 'function') {
          step();
          continue;
        }
        store.setRefine(step);
        const expected = oracleRefine(held, oracleOrder(held, sort.column, sort.descending), step);
        assert.deepEqual(ids(store), expected, `refine "${step}"`);
        checked += expected.length;
      }
      // A positive control: the needles found rows, not only nothing.
      assert.ok(checked > 1000, `rows matched: ${checked}`);
    });

    it('refines exactly as the oracle after the rows are cleared and replaced by fewer, then more (the scan\'s buffers reused), hostile and empty cells among them', () => {
      const hostile = ['<img src=x onerror=alert(1)>', '', '"a,b"\r\n', '=cmd|x', 'ALICE\u0000'];
      const withHostile = (rows: ReturnType<typeof seededRows>, seed: number) => {
        const random = new Random(seed);
        return rows.map((r) => ({ ...r, cells: r.cells.map((cell, index) => (columns[index]!.type === 'text' && random.chance(0.2) ? random.pick(hostile) : cell)) }));
      };
      const store = new RowStore(columns, DEFAULT_SORT, show);
      let checked = 0;
      const refineAll = (held: ReturnType<typeof seededRows>, needles: string[]) => {
        for (const needle of needles) {
          store.setRefine(needle);
          const expected = oracleRefine(held, oracleOrder(held, 'time', true), needle);
          assert.deepEqual(ids(store), expected, `refine "${needle}" over ${held.length} rows`);
          checked += expected.length;
        }
      };
      const needles = ['a', 'al', 'ali', 'alice', '<img', '<img src', 'onerror=alert(1)>', '"a,b"', '=cmd', 'zz', 'zzz', 'upload', ''];
      const first = withHostile(seededRows(11, 4000), 12);
      load(store, first);
      refineAll(first, needles);
      store.clear();
      const fewer = withHostile(seededRows(13, 300), 14);
      load(store, fewer);
      refineAll(fewer, needles);
      store.clear();
      const more = withHostile(seededRows(15, 6000), 16);
      load(store, more);
      refineAll(more, [...needles].reverse());
      // A positive control: hostile text found rows.
      store.setRefine('<img');
      assert.ok(ids(store).length > 0);
      assert.ok(checked > 3000, `rows matched: ${checked}`);
    });

    it('narrows to the same rows as a fresh refine, when typing on leaves every column\'s matches as they were and when it does not', () => {
      const rows = seededRows(17, 3000);
      const typed = new RowStore(columns, DEFAULT_SORT, show);
      load(typed, rows);
      for (const [before, after] of [['uplo', 'upload'], ['ali', 'alic'], ['a', 'al'], ['/fin', '/finance/a']]) {
        typed.setRefine(before!);
        const handedOut = typed.view();
        const asHandedOut = Array.from(handedOut);
        typed.setRefine(after!);
        const fresh = new RowStore(columns, DEFAULT_SORT, show);
        load(fresh, rows);
        fresh.setRefine(after!);
        assert.deepEqual(ids(typed), ids(fresh), `${before} then ${after}`);
        assert.deepEqual(Array.from(handedOut), asHandedOut, 'the view handed out before is as it was');
        assert.ok(ids(fresh).length > 0, `positive control: ${after} matches rows`);
      }
    });
  });
});
