import { packColumns } from '../../../../src/panel/packedRows';
import * as assert from 'node:assert/strict';
import { COLUMNS, DEFAULT_SORT } from '../../../../src/panel/columns';
import { fromWallTime, wallTime } from '../../../../src/activity/timeZone';
import { chooseBins, inStoreOrder, STEPS, statusOutcome, timeBins, topValues } from '../../../../src/panel/webview/chartData';
import { RowStore } from '../../../../src/panel/webview/rowStore';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T = Date.parse('2026-11-20T12:00:00Z');
const SESSION = COLUMNS.sessions.map((column) => column.id);
const WEBHOOK = COLUMNS.webhooks.map((column) => column.id);

type Cells = Record<string, string | number | boolean | null>;

/** A store of `kind` holding rows given by column id (absent cells: null), and whether each failed. */
function storeOf(kind: 'sessions' | 'webhooks', rows: Cells[]): RowStore {
  const store = new RowStore(COLUMNS[kind], DEFAULT_SORT);
  store.append(rows.map((_, id) => id + 1), packColumns(Object.fromEntries(COLUMNS[kind].map((column) => [column.id, rows.map((row) => (row[column.id] ?? null) as string | number | null)]))), rows.map((row) => row.failed === true));
  return store;
}

/** Bins of one length as their step, first start and count. */
const shape = ({ step, bins }: { step: number; bins: { from: number; to: number }[] }) => ({ step, start: bins[0]!.from, count: bins.length });

const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

describe('chartData: what the panel\'s charts count', () => {
  it('chooses the smallest nice step that fits, aligned to round times of the zone', () => {
    assert.deepEqual(shape(chooseBins(T - HOUR, T, 60)), { step: MINUTE, start: T - HOUR, count: 60 });
    assert.deepEqual(shape(chooseBins(T - DAY, T, 60)), { step: 30 * MINUTE, start: T - DAY, count: 48 });
    assert.equal(chooseBins(T - 7 * DAY, T, 60).step, 3 * HOUR);
    assert.equal(chooseBins(T - 30 * DAY, T, 60).step, 12 * HOUR);
    assert.equal(chooseBins(T - 90 * DAY, T, 60).step, 2 * DAY);
    // A range that does not start on a round time: bins start before it.
    const odd = shape(chooseBins(T - HOUR + 7 * MINUTE + 123, T + 7 * MINUTE + 123, 60));
    assert.equal(odd.step, 5 * MINUTE);
    assert.equal(odd.start, T - HOUR + 5 * MINUTE);
    assert.ok(odd.start + odd.count * odd.step >= T + 7 * MINUTE + 123);
    // Days start at the zone's midnight: 2 hours east of UTC (Etc/GMT-2, the sign as POSIX writes it), midnight is 22:00 UTC the day before.
    const days = shape(chooseBins(T - 40 * DAY, T, 60, 'Etc/GMT-2'));
    assert.equal(days.step, DAY);
    assert.equal(new Date(days.start).getUTCHours(), 22);
    assert.ok(STEPS.every((step, i) => i === 0 || step > STEPS[i - 1]!));
  });

  // A week around each change of daylight saving, one session every 20 minutes: the expectations come
  // from each row's own wall clock, read with Intl, never from the machine's zone.
  for (const { zone, from, short, long } of [
    { zone: 'Europe/Berlin', from: '2026-03-26', short: '2026-03-29', long: undefined },
    { zone: 'Europe/Berlin', from: '2026-10-22', short: undefined, long: '2026-10-25' },
    { zone: 'America/New_York', from: '2026-03-05', short: '2026-03-08', long: undefined },
    { zone: 'America/New_York', from: '2026-10-29', short: undefined, long: '2026-11-01' },
  ]) {
    it(`bins a week in ${zone} from ${from} by its midnights and hours across daylight saving`, () => {
      const start = fromWallTime(Date.parse(`${from}T00:00:00Z`), zone);
      const end = fromWallTime(Date.parse(`${from}T00:00:00Z`) + 7 * DAY, zone);
      const times: number[] = [];
      for (let time = start + 7 * MINUTE; time < end; time += 20 * MINUTE) {
        times.push(time);
      }
      const store = storeOf('sessions', times.map((time) => ({ time, operation: 'Upload' })));
      const wallDate = (time: number) => new Date(wallTime(time, zone)).toISOString().slice(0, 10);

      const days = timeBins(store, store.view(), 'sessions', start, end, 7, { timeZone: zone });
      assert.equal(days.step, DAY);
      assert.equal(days.bins.length, 7);
      const hours = days.bins.map((bin) => (bin.to - bin.from) / HOUR);
      const dates = days.bins.map((bin) => wallDate(bin.from));
      assert.deepEqual(days.bins.map((bin) => new Date(wallTime(bin.from, zone)).toISOString().slice(11)), new Array(7).fill('00:00:00.000Z'), 'every bin starts at midnight');
      assert.deepEqual(hours, dates.map((date) => (date === short ? 23 : date === long ? 25 : 24)));
      assert.ok(days.bins.every((bin, b) => b === 0 || bin.from === days.bins[b - 1]!.to), 'bins end to end');
      const perDate = new Map<string, number>();
      times.forEach((time) => perDate.set(wallDate(time), (perDate.get(wallDate(time)) ?? 0) + 1));
      assert.deepEqual(days.series[0]!.counts, dates.map((date) => perDate.get(date) ?? 0));
      assert.equal(sum(days.series[0]!.counts), times.length);

      // Three-hour bins start at the wall clock's 00:00, 03:00...: the one holding the change is 2 or 4 hours long.
      const quarters = timeBins(store, store.view(), 'sessions', start, end, 60, { timeZone: zone });
      assert.equal(quarters.step, 3 * HOUR);
      assert.ok(quarters.bins.every((bin) => new Date(wallTime(bin.from, zone)).getUTCHours() % 3 === 0));
      const lengths = quarters.bins.map((bin) => (bin.to - bin.from) / HOUR);
      assert.deepEqual(lengths.filter((length) => length !== 3), [short ? 2 : 4]);
      const perBin = quarters.bins.map((bin) => times.filter((time) => time >= bin.from && time < bin.to).length);
      assert.deepEqual(quarters.series[0]!.counts, perBin);
      assert.equal(sum(perBin), times.length);

      // Positive control: in UTC the same week has days of 24 hours only.
      const utc = timeBins(store, store.view(), 'sessions', start, end, 8, { timeZone: 'UTC' });
      assert.ok(utc.bins.every((bin) => bin.to - bin.from === DAY));
    });
  }

  it('counts sessions per bin stacked by operation, largest first, and keeps undated rows out', () => {
    const store = storeOf('sessions', [
      { time: T - 59 * MINUTE, operation: 'Upload' },
      { time: T - 59 * MINUTE + 30_000, operation: 'Upload' },
      { time: T - 30 * MINUTE, operation: 'Download' },
      { time: T - 30 * MINUTE, operation: 'Upload' },
      { time: T - 1, operation: 'Delete' },
      { time: null, operation: 'Upload' },
    ]);
    const result = timeBins(store, store.view(), 'sessions', T - HOUR, T, 60, { timeZone: 'UTC' });
    assert.equal(result.step, MINUTE);
    assert.equal(result.bins.length, 60);
    assert.deepEqual(result.bins[0], { from: T - HOUR, to: T - HOUR + MINUTE });
    assert.equal(result.total, 5);
    assert.equal(result.undated, 1);
    assert.equal(result.outcomes, undefined);
    assert.deepEqual(result.series.map((series) => [series.key, sum(series.counts)]), [['Upload', 3], ['Delete', 1], ['Download', 1]]);
    const upload = result.series[0]!.counts;
    assert.equal(upload[1], 2);
    assert.equal(upload[30], 1);
    assert.equal(result.series[1]!.counts[59], 1);
    store.setRefine('load');
    const refined = timeBins(store, store.view(), 'sessions', T - HOUR, T, 60, { timeZone: 'UTC' });
    assert.deepEqual(refined.series.map((series) => [series.key, sum(series.counts)]), [['Upload', 3], ['Download', 1]]);
    assert.equal(refined.undated, 1);
  });

  it('widens the bins to rows outside the range, and uses the rows\' extent without a range', () => {
    const store = storeOf('sessions', [{ time: T + 10 * MINUTE, operation: 'Upload' }, { time: T - 2 * HOUR, operation: 'Upload' }]);
    const widened = timeBins(store, store.view(), 'sessions', T - HOUR, T, 60, { timeZone: 'UTC' });
    assert.ok(widened.bins[0]!.from <= T - 2 * HOUR);
    assert.ok(widened.bins.at(-1)!.to > T + 10 * MINUTE);
    assert.equal(sum(widened.series[0]!.counts), 2);
    const atEnd = storeOf('sessions', [{ time: T, operation: 'Upload' }, { time: T - HOUR, operation: 'Upload' }]);
    const ends = timeBins(atEnd, atEnd.view(), 'sessions', T - HOUR, T, 60, { timeZone: 'UTC' });
    assert.equal(ends.bins.length, 60, 'a row at the range\'s end goes in the last bin');
    assert.equal(ends.series[0]!.counts[59], 1);
    assert.equal(ends.series[0]!.counts[0], 1);
    const own = timeBins(store, store.view(), 'sessions', Number.NaN, Number.NaN, 60, { timeZone: 'UTC' });
    assert.equal(own.bins[0]!.from, T - 2 * HOUR);
    assert.equal(sum(own.series[0]!.counts), 2);
    const empty = timeBins(storeOf('sessions', []), new Uint32Array(0), 'sessions', Number.NaN, Number.NaN);
    assert.deepEqual(empty.bins, []);
    assert.deepEqual(empty.series, []);
  });

  it('sums the operations past the most into one rest series', () => {
    const operations = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const store = storeOf('sessions', operations.flatMap((operation, i) => Array.from({ length: 10 - i }, () => ({ time: T - MINUTE, operation }))));
    const result = timeBins(store, store.view(), 'sessions', T - HOUR, T, 60, { maxSeries: 4, timeZone: 'UTC' });
    assert.deepEqual(result.series.map((series) => [series.key, sum(series.counts), series.rest ?? false]), [['A', 10, false], ['B', 9, false], ['C', 8, false], ['', 7 + 6 + 5 + 4 + 3, true]]);
  });

  it('counts failed logins as a series of their own, first, and not again under their operation', () => {
    const store = storeOf('sessions', [
      { time: T - 50 * MINUTE, operation: 'PASS' },
      { time: T - 50 * MINUTE, operation: 'PASS', failed: true },
      { time: T - 10 * MINUTE, operation: 'PASS', failed: true },
      { time: T - 10 * MINUTE, operation: 'STOR' },
      { time: null, operation: 'PASS', failed: true },
    ]);
    const result = timeBins(store, store.view(), 'sessions', T - HOUR, T, 60, { timeZone: 'UTC' });
    assert.deepEqual(result.series.map((series) => [series.key, series.failed ?? false, sum(series.counts)]), [['', true, 2], ['PASS', false, 1], ['STOR', false, 1]]);
    assert.deepEqual([result.series[0]!.counts[10], result.series[0]!.counts[50]], [1, 1]);
    assert.equal(result.total, 4);
    // None failed: no such series (its positive control is above).
    const none = storeOf('sessions', [{ time: T - MINUTE, operation: 'PASS' }]);
    assert.deepEqual(timeBins(none, none.view(), 'sessions', T - HOUR, T, 60, { timeZone: 'UTC' }).series.map((series) => series.failed ?? false), [false]);
  });

  it('counts webhook calls by event and by outcome: 400 and more, or no answer, is a failure', () => {
    assert.equal(statusOutcome('200'), 'success');
    assert.equal(statusOutcome('302'), 'success');
    assert.equal(statusOutcome('404'), 'failure');
    assert.equal(statusOutcome('503'), 'failure');
    assert.equal(statusOutcome('no answer (error 0)'), 'failure');
    // Below 100: no HTTP answer (a curl error number, or 0), as the table holds it.
    assert.equal(statusOutcome('7'), 'failure');
    assert.equal(statusOutcome('0'), 'failure');
    assert.equal(statusOutcome('100'), 'success');
    assert.equal(statusOutcome(''), 'unknown');
    const store = storeOf('webhooks', [
      { time: T - 50 * MINUTE, event: 'resources.upload', status: '200' },
      { time: T - 50 * MINUTE, event: 'resources.upload', status: '500' },
      { time: T - 10 * MINUTE, event: 'resources.delete', status: 'no answer (error 0)' },
      { time: T - 10 * MINUTE, event: 'resources.delete', status: '204' },
    ]);
    const result = timeBins(store, store.view(), 'webhooks', T - HOUR, T, 60, { timeZone: 'UTC' });
    assert.deepEqual(result.series.map((series) => [series.key, sum(series.counts)]), [['resources.delete', 2], ['resources.upload', 2]]);
    assert.deepEqual(result.outcomes!.map((series) => [series.key, series.counts[10], series.counts[50]]), [['success', 1, 1], ['failure', 1, 1]]);
  });

  it('counts the top values of a column over the shown rows only', () => {
    const store = storeOf('sessions', [
      { time: T, user: 'bob', ip: '10.0.0.1' },
      { time: T, user: 'alice', ip: '10.0.0.1' },
      { time: T, user: 'bob', ip: '10.0.0.2' },
      { time: T, user: 'carol', ip: '10.0.0.3' },
      { time: T, user: '', ip: '10.0.0.3' },
    ]);
    assert.deepEqual(topValues(store, store.view(), SESSION.indexOf('user')), [
      { value: 'bob', label: 'bob', count: 2 }, { value: '', label: '', count: 1 }, { value: 'alice', label: 'alice', count: 1 }, { value: 'carol', label: 'carol', count: 1 },
    ]);
    assert.deepEqual(topValues(store, store.view(), SESSION.indexOf('user'), 2), [{ value: 'bob', label: 'bob', count: 2 }, { value: '', label: '', count: 1 }]);
    store.setRefine('10.0.0.3');
    assert.deepEqual(topValues(store, store.view(), SESSION.indexOf('ip')), [{ value: '10.0.0.3', label: '10.0.0.3', count: 2 }]);
    assert.deepEqual(topValues(store, store.view(), SESSION.indexOf('size')), []);
  });

  it('puts shown rows in store order (counting reads the columns in order), passing ordered rows through', () => {
    const store = storeOf('sessions', Array.from({ length: 6 }, (_, i) => ({ time: T - i * MINUTE })));
    assert.deepEqual(Array.from(inStoreOrder(store, Uint32Array.of(5, 2, 0, 4, 1, 3))), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(Array.from(inStoreOrder(store, Uint32Array.of(4, 0, 2))), [0, 2, 4]);
    const ordered = Uint32Array.of(1, 3);
    assert.equal(inStoreOrder(store, ordered), ordered);
    assert.equal(inStoreOrder(store, new Uint32Array(0)).length, 0);
  });

  it('counts a million rows the same as a plain count of their shown text', function () {
    // A million rows take seconds on a loaded machine: a limit of its own, well above that.
    this.timeout(120_000);
    const size = 1_000_000;
    const chunk = 100_000;
    const start = T - 7 * DAY;
    const store = new RowStore(COLUMNS.webhooks, DEFAULT_SORT);
    const events = ['resources.upload', 'resources.delete', 'resources.move', 'resources.copy', 'resources.rename', 'resources.download', 'resources.createFolder', 'resources.compress'];
    const statuses = ['200', '200', '204', '404', '500', 'no answer (error 0)', ''];
    for (let first = 0; first < size; first += chunk) {
      const ids = Array.from({ length: chunk }, (_, i) => first + i);
      const columns = Object.fromEntries(COLUMNS.webhooks.map((column) => [column.id, ids.map((id): string | number | null => {
        switch (column.id) {
          case 'time': return id % 997 === 0 ? null : start + ((id * 7919) % (7 * DAY / 1000)) * 1000;
          case 'event': return events[(id % 11) % events.length]!;
          case 'status': return statuses[id % statuses.length]!;
          case 'user': return `user${(id * 31) % 5000}`;
          case 'endpoint': return `https://hooks${id % 13}.example.com/${id % 3}`;
          default: return '';
        }
      })]));
      store.append(ids, packColumns(columns));
    }
    const rows = store.view();
    assert.equal(rows.length, size);

    const result = timeBins(store, rows, 'webhooks', start, T, 60, { maxSeries: 5, timeZone: 'UTC' });
    const users = topValues(store, rows, WEBHOOK.indexOf('user'), 10);

    // The plain way: strings per row, maps of counts.
    const timeAt = WEBHOOK.indexOf('time');
    const binIndex = (time: number) => Math.floor((time - result.bins[0]!.from) / result.step);
    const byEvent = new Map<string, number[]>();
    const byOutcome = new Map<string, number[]>();
    const byUser = new Map<string, number>();
    let undated = 0;
    const add = (map: Map<string, number[]>, key: string, bin: number) => {
      const counts = map.get(key) ?? new Array<number>(result.bins.length).fill(0);
      counts[bin]!++;
      map.set(key, counts);
    };
    for (const row of rows) {
      const time = store.number(row, timeAt);
      const user = store.text(row, WEBHOOK.indexOf('user'));
      byUser.set(user, (byUser.get(user) ?? 0) + 1);
      if (Number.isNaN(time)) {
        undated++;
        continue;
      }
      const bin = binIndex(time);
      assert.ok(time >= result.bins[bin]!.from && time < result.bins[bin]!.to);
      add(byEvent, store.text(row, WEBHOOK.indexOf('event')), bin);
      const status = store.text(row, WEBHOOK.indexOf('status'));
      add(byOutcome, status === '' ? 'unknown' : /^\d+$/.test(status) && Number(status) >= 100 && Number(status) < 400 ? 'success' : 'failure', bin);
    }

    assert.equal(result.undated, undated);
    assert.equal(result.total, rows.length - undated);
    const expectedEvents = [...byEvent].sort(([a, ca], [b, cb]) => sum(cb) - sum(ca) || (a < b ? -1 : 1));
    for (const [i, [key, counts]] of expectedEvents.slice(0, 4).entries()) {
      assert.equal(result.series[i]!.key, key);
      assert.deepEqual(result.series[i]!.counts, counts);
    }
    const rest = result.series[4]!;
    assert.ok(rest.rest);
    assert.deepEqual(rest.counts, expectedEvents.slice(4).reduce((acc, [, counts]) => acc.map((n, b) => n + counts[b]!), new Array<number>(result.bins.length).fill(0)));
    for (const series of result.outcomes!) {
      assert.deepEqual(series.counts, byOutcome.get(series.key));
    }
    assert.equal(result.outcomes!.length, byOutcome.size);

    const expectedUsers = [...byUser].sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : 1)).slice(0, 10).map(([value, count]) => ({ value, label: value, count }));
    assert.deepEqual(users, expectedUsers);
  });
});
