// What the panel's charts show, counted over the shown rows of a RowStore: entries per time bin
// stacked by operation (or webhook event, or success against failure) and the most frequent values
// of a column. Text is counted by dictionary code, never by building a string per row. No DOM and
// no chart library here: tested in Node.
import type { ActivityKind } from '../../search/search';
import { fromWallTime, wallTime } from '../../activity/timeZone';
import type { RowStore, TextCodes } from './rowStore';

export interface TimeBin {
  /** Milliseconds since the epoch; the bin holds `from` <= time < `to`. */
  from: number;
  to: number;
}

export interface Series {
  /** The column's value as sent (operation code, event), or an outcome of OUTCOMES; '' when the cell is empty. */
  key: string;
  /** The value as the column shows it (an operation's name), for values of the column. */
  label?: string;
  /** One count per bin. */
  counts: number[];
  /** Set on the one series that sums the values left out (`key` is then ''). */
  rest?: true;
  /** Set on the series of failed rows, counted apart from their values' series (`key` is then ''). */
  failed?: true;
}

export interface TimeBins {
  bins: TimeBin[];
  /** Bin width in milliseconds (one of STEPS). */
  step: number;
  /**
   * By operation (sessions) or event (webhooks), largest total first; the rest summed in a last series.
   * Sessions: failed logins and transfers first, as a series of their own (webhook calls show failures by outcome).
   */
  series: Series[];
  /** Webhooks only: success, failure, and unknown when the status is empty (each only when counted). */
  outcomes?: Series[];
  /** Rows counted in the bins. */
  total: number;
  /** Shown rows without a time, in no bin. */
  undated: number;
}

export type Outcome = 'success' | 'failure' | 'unknown';

export const OUTCOMES: readonly Outcome[] = ['success', 'failure', 'unknown'];

export interface TimeBinOptions {
  /** Most series before the rest are summed into one (default 5: a colour each, red left to failures). */
  maxSeries?: number;
  /** The zone (a name such as Europe/Berlin) whose wall clock's round times bins start on; default UTC. */
  timeZone?: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The bin widths to choose from, smallest first. */
export const STEPS: readonly number[] = [
  SECOND, 5 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY,
];

/** The column a kind's activity is stacked by. */
export const STACK_COLUMN: Readonly<Record<ActivityKind, string>> = { sessions: 'operation', webhooks: 'event' };

/** A webhook call's status cell as an outcome: a code of 400 or more, or no answer at all (any other text), is a failure. */
export function statusOutcome(status: string): Outcome {
  const text = status.trim();
  if (text === '') {
    return 'unknown';
  }
  // Below 100: no HTTP answer (a curl error number, or 0).
  return /^\d+$/.test(text) && Number(text) >= 100 && Number(text) < 400 ? 'success' : 'failure';
}

/**
 * The same (distinct) rows in the order the store holds them. Counting does not care about order,
 * and the view's order (newest first, or sorted by a column) scatters reads over the columns:
 * marking the rows in a byte per row and reading them back in order is several times faster.
 */
export function inStoreOrder(store: RowStore, rows: Uint32Array): Uint32Array {
  // Already in order (this function's own answer, passed on): the check stops at the first row out of order.
  let ascending = true;
  for (let i = 1; i < rows.length && ascending; i++) {
    ascending = rows[i - 1]! < rows[i]!;
  }
  if (ascending) {
    return rows;
  }
  const size = store.count;
  const ordered = new Uint32Array(rows.length);
  if (rows.length === size) {
    // Every row is shown (the view has no duplicates).
    for (let row = 0; row < size; row++) {
      ordered[row] = row;
    }
    return ordered;
  }
  const marked = new Uint8Array(size);
  for (let i = 0; i < rows.length; i++) {
    marked[rows[i]!] = 1;
  }
  let count = 0;
  for (let row = 0; row < size; row++) {
    if (marked[row]) {
      ordered[count++] = row;
    }
  }
  return count === rows.length ? ordered : ordered.slice(0, count);
}

/**
 * Bins of `step` from the round time of `zone`'s wall clock at or before `from` on, enough to hold `to`
 * (exclusive). Steps up to an hour are all the same length. Longer ones follow the wall clock: they start
 * on its hours and midnights, so that across a change of daylight saving a day bin is 23 or 25 hours
 * long; a week still starts on whatever day the epoch falls in the zone.
 */
function binsOf(from: number, to: number, step: number, zone: string): TimeBin[] {
  if (step <= HOUR) {
    // A zone's offset changes by whole hours (or half hours), which steps up to an hour divide: the offset at `from` aligns them all.
    const offset = wallTime(from, zone) - from;
    const start = Math.floor((from + offset) / step) * step - offset;
    const count = Math.max(1, Math.ceil((to - start) / step));
    return Array.from({ length: count }, (_, b) => ({ from: start + b * step, to: start + (b + 1) * step }));
  }
  const wallStart = Math.floor(wallTime(from, zone) / step) * step;
  const edges = [fromWallTime(wallStart, zone)];
  while (edges.length < 2 || edges[edges.length - 1]! < to) {
    edges.push(fromWallTime(wallStart + edges.length * step, zone));
  }
  return edges.slice(1).map((end, b) => ({ from: edges[b]!, to: end }));
}

/** The first step that covers `from`..`to` (aligned to round times of `zone`) in at most `maxBins` bins, and its bins. */
export function chooseBins(from: number, to: number, maxBins: number, zone = 'UTC'): { step: number; bins: TimeBin[] } {
  for (const step of STEPS) {
    // The bins' count differs from the span's by at most one bin and a daylight-saving hour or two: no need to make bins that cannot fit.
    if ((to - from) / step <= maxBins + 1) {
      const bins = binsOf(from, to, step, zone);
      if (bins.length <= maxBins) {
        return { step, bins };
      }
    }
  }
  const step = STEPS[STEPS.length - 1]!;
  return { step, bins: binsOf(from, to, step, zone) };
}

/** The bin of `time` among `bins` (in order, end to end, of about `step` each): the last one for a time past them. */
function binIndex(bins: TimeBin[], step: number, time: number): number {
  let b = Math.max(0, Math.min(bins.length - 1, Math.floor((time - bins[0]!.from) / step)));
  // Off by a bin or two only where daylight saving made bins longer or shorter.
  while (b > 0 && time < bins[b]!.from) {
    b--;
  }
  while (b < bins.length - 1 && time >= bins[b]!.to) {
    b++;
  }
  return b;
}

/**
 * Entries per time bin over `shown` (distinct indexes into `store`, as its view gives them). The bins cover `from`..`to` (a search's
 * range) widened to any row outside it; when either bound is not finite, the rows' own extent.
 */
export function timeBins(store: RowStore, shown: Uint32Array, kind: ActivityKind, from: number, to: number, maxBins = 60, options: TimeBinOptions = {}): TimeBins {
  const rows = inStoreOrder(store, shown);
  const timeIndex = store.specs.findIndex((spec) => spec.type === 'time');
  const timeOf = (row: number) => (timeIndex < 0 ? Number.NaN : store.number(row, timeIndex));
  const stack = textColumn(store, STACK_COLUMN[kind]);
  const status = kind === 'webhooks' ? textColumn(store, 'status') : undefined;
  let earliest = Infinity;
  let latest = -Infinity;
  let undated = 0;
  for (let i = 0; i < rows.length; i++) {
    const time = timeOf(rows[i]!);
    if (Number.isNaN(time)) {
      undated++;
    } else {
      if (time < earliest) {
        earliest = time;
      }
      if (time > latest) {
        latest = time;
      }
    }
  }
  const low = Math.min(Number.isFinite(from) ? from : Infinity, earliest);
  // A row at the range's very end goes in the last bin; a row past it (or any, without a range) needs a bin that holds it.
  const high = Number.isFinite(to) && to >= latest ? to : latest + 1;
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    return { bins: [], step: STEPS[0]!, series: [], outcomes: status ? [] : undefined, total: 0, undated };
  }
  const { step, bins } = chooseBins(low, Math.max(high, low + 1), Math.max(1, maxBins), options.timeZone);
  const count = bins.length;
  const binOf = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const time = timeOf(rows[i]!);
    // Undated rows get `count`, a bin past the last, and are left out below.
    binOf[i] = Number.isNaN(time) ? count : binIndex(bins, step, time);
  }

  const failures = kind === 'sessions' ? failedApart(store, rows, binOf, count) : undefined;
  const series = stacked(rows, stack?.codes, stack?.values ?? [''], stack?.shown ?? [''], binOf, count, options.maxSeries ?? 5);
  const result: TimeBins = { bins, step, series: failures ? [failures, ...series] : series, total: rows.length - undated, undated };
  if (status) {
    result.outcomes = outcomes(rows, status.codes, status.values, binOf, count);
  }
  return result;
}

/** The failed rows' series (undefined when none failed); their bins become `count`, so no other series counts them. */
function failedApart(store: RowStore, rows: Uint32Array, binOf: Uint32Array, count: number): Series | undefined {
  const counts = new Array<number>(count).fill(0);
  let failed = 0;
  for (let i = 0; i < rows.length; i++) {
    if (binOf[i]! < count && store.failed(rows[i]!)) {
      counts[binOf[i]!]!++;
      binOf[i] = count;
      failed++;
    }
  }
  return failed > 0 ? { key: '', failed: true, counts } : undefined;
}

function textColumn(store: RowStore, id: string): TextCodes | undefined {
  const index = store.specs.findIndex((spec) => spec.id === id);
  return index < 0 ? undefined : store.codes(index);
}

/** Cells of a direct (code, bin) count grid worth allocating; past it, counting takes a second pass. */
const GRID_LIMIT = 1 << 20;

/** The largest codes' series (by their dated rows) and the rest's. */
function stacked(rows: Uint32Array, column: Uint32Array | undefined, values: readonly string[], shown: readonly string[], binOf: Uint32Array, count: number, maxSeries: number): Series[] {
  // Without the column (no such column in the store), every row has code 0: one series.
  const codes = column ?? new Uint32Array(1);
  const at = column ? 1 : 0;
  // One row per code (or kept code) and one column per bin, plus a last column for undated rows.
  const width = count + 1;
  const totals = new Uint32Array(values.length);
  let grid: Uint32Array | undefined;
  if (values.length * width <= GRID_LIMIT) {
    // Few distinct values (operations, events): one pass counts everything.
    grid = new Uint32Array(values.length * width);
    for (let i = 0; i < rows.length; i++) {
      grid[codes[rows[i]! * at]! * width + binOf[i]!]!++;
    }
    for (let code = 0; code < values.length; code++) {
      let sum = 0;
      for (let b = 0; b < count; b++) {
        sum += grid[code * width + b]!;
      }
      totals[code] = sum;
    }
  } else {
    for (let i = 0; i < rows.length; i++) {
      if (binOf[i]! < count) {
        totals[codes[rows[i]! * at]!]!++;
      }
    }
  }
  let counted = 0;
  for (let code = 0; code < totals.length; code++) {
    counted += totals[code]! > 0 ? 1 : 0;
  }
  const keep = Math.max(1, maxSeries);
  const kept = largest(totals, shown, counted > keep ? keep - 1 : keep);
  const restSlot = kept.length;
  let slotRow: (slot: number) => Uint32Array;
  let rest: () => number[];
  if (grid) {
    const full = grid;
    const keptSet = new Set(kept);
    slotRow = (slot) => full.subarray(kept[slot]! * width, kept[slot]! * width + count);
    rest = () => {
      const sums = new Array<number>(count).fill(0);
      for (let code = 0; code < values.length; code++) {
        if (!keptSet.has(code) && totals[code]! > 0) {
          for (let b = 0; b < count; b++) {
            sums[b]! += full[code * width + b]!;
          }
        }
      }
      return sums;
    };
  } else {
    const slotOf = new Uint32Array(values.length).fill(restSlot);
    kept.forEach((code, slot) => {
      slotOf[code] = slot;
    });
    const slots = new Uint32Array((restSlot + 1) * width);
    for (let i = 0; i < rows.length; i++) {
      slots[slotOf[codes[rows[i]! * at]!]! * width + binOf[i]!]!++;
    }
    slotRow = (slot) => slots.subarray(slot * width, slot * width + count);
    rest = () => Array.from(slotRow(restSlot));
  }
  const series: Series[] = kept.map((code, slot) => ({ key: values[code]!, label: shown[code]!, counts: Array.from(slotRow(slot)) }));
  if (counted > kept.length) {
    series.push({ key: '', counts: rest(), rest: true });
  }
  return series;
}

function outcomes(rows: Uint32Array, codes: Uint32Array, values: readonly string[], binOf: Uint32Array, count: number): Series[] {
  const outcomeOf = Uint8Array.from(values, (value) => OUTCOMES.indexOf(statusOutcome(value)));
  const width = count + 1;
  const grid = new Uint32Array(OUTCOMES.length * width);
  for (let i = 0; i < rows.length; i++) {
    grid[outcomeOf[codes[rows[i]!]!]! * width + binOf[i]!]!++;
  }
  const series: Series[] = [];
  OUTCOMES.forEach((key, o) => {
    const counts = Array.from(grid.subarray(o * width, o * width + count));
    if (counts.some((n) => n > 0)) {
      series.push({ key, counts });
    }
  });
  return series;
}

/** Codes with a count, largest count first (ties: value order), at most `n`: a running top list, O(codes * n) at worst but mostly one comparison per code. */
function largest(counts: ArrayLike<number>, values: readonly string[], n: number): number[] {
  const top: number[] = [];
  const before = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && values[a]! < values[b]!);
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0 || (top.length >= n && !before(code, top[top.length - 1]!))) {
      continue;
    }
    let at = top.length;
    while (at > 0 && before(code, top[at - 1]!)) {
      at--;
    }
    top.splice(at, 0, code);
    if (top.length > n) {
      top.pop();
    }
  }
  return top;
}

export interface TopValue {
  /** As sent; '' when the cell is empty. */
  value: string;
  /** As the column shows it. */
  label: string;
  count: number;
}

/** The `n` most frequent values of a text column over `shown` (distinct rows), most frequent first (ties: value order). */
export function topValues(store: RowStore, shown: Uint32Array, columnIndex: number, n = 10): TopValue[] {
  const column = store.codes(columnIndex);
  if (!column) {
    return [];
  }
  const rows = inStoreOrder(store, shown);
  const { codes, values, shown: labels } = column;
  const counts = new Uint32Array(values.length);
  for (let i = 0; i < rows.length; i++) {
    counts[codes[rows[i]!]!]!++;
  }
  return largest(counts, labels, n).map((code) => ({ value: values[code]!, label: labels[code]!, count: counts[code]! }));
}
