// The panel's rows, held column by column so a million fit in little memory and refine and sort
// stay fast: text columns as codes into a dictionary of distinct values (a log repeats its users,
// IPs, operations and paths), number columns as Float64Array. No DOM here: tested in Node.
import type { ColumnSpec, SortOrder } from '../columns';
import { formatBytes, formatDuration, formatTime } from '../../activity/format';
import { addressSortKey } from './addressOrder';
import type { CellValue, PackedColumn } from '../packedRows';
import { numberRanks, sortByRank, type NumberRanks } from './radixSort';
import { countHits, RefineScan } from './refineScan';
import { Dictionary, type ShowValue } from './textDictionary';

export type { ShowValue };

const INITIAL_CAPACITY = 1024;


interface TextColumn {
  spec: ColumnSpec;
  codes: Uint32Array;
  dictionary: Dictionary;
}

interface NumberColumn {
  spec: ColumnSpec;
  values: Float64Array;
  /** Its rows' ranks, kept until rows are added or cleared. */
  ranked?: NumberRanks;
}

type Column = TextColumn | NumberColumn;

const isText = (column: Column): column is TextColumn => 'codes' in column;

function grow<T extends Uint8Array | Uint32Array | Float64Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

const asText = (cell: CellValue): string => (typeof cell === 'string' ? cell : cell === null ? '' : String(cell));
const asNumber = (cell: CellValue): number => (typeof cell === 'number' ? cell : Number.NaN);

/**
 * Each batch cell's code in `dictionary`, by its place in the batch: a distinct value is interned
 * once, when a row added first holds it (so codes come in the order rows show them, as one by one).
 */
function textCodes(dictionary: Dictionary, packed: PackedColumn | undefined): (place: number) => number {
  if (packed === undefined) {
    return () => dictionary.intern('');
  }
  if ('numbers' in packed) {
    // An empty cell packs as NaN.
    return (place) => {
      const value = packed.numbers[place]!;
      return dictionary.intern(Number.isNaN(value) ? '' : String(value));
    };
  }
  const { distinct, codes } = packed;
  const interned = new Int32Array(distinct.length).fill(-1);
  return (place) => {
    const code = codes[place]!;
    if (interned[code] === -1) {
      interned[code] = dictionary.intern(asText(distinct[code]!));
    }
    return interned[code]!;
  };
}

/** Each batch cell as a number (NaN when absent or not a number), by its place in the batch. */
function numberValues(packed: PackedColumn | undefined): (place: number) => number {
  if (packed === undefined) {
    return () => Number.NaN;
  }
  if ('numbers' in packed) {
    return (place) => packed.numbers[place]!;
  }
  const values = packed.distinct.map(asNumber);
  return (place) => values[packed.codes[place]!]!;
}

export interface TextCodes {
  codes: Uint32Array;
  values: readonly string[];
  shown: readonly string[];
}

export class RowStore {
  private ids = new Float64Array(INITIAL_CAPACITY);
  /** 1 for a row that failed. */
  private failures = new Uint8Array(INITIAL_CAPACITY);
  private readonly columns: Column[];
  private readonly timeColumn: NumberColumn | undefined;
  private capacity = INITIAL_CAPACITY;
  private rows = 0;
  private clears = 0;
  /**
   * Every row, newest first (ties: higher id first): the order other sorts are stable against. Its
   * first `rows` places are the order; the rest is room to grow, as in the columns.
   */
  private byTime = new Uint32Array(INITIAL_CAPACITY);
  private sorted: Uint32Array | undefined;
  private shown: Uint32Array | undefined;
  private sortOrder: SortOrder;
  private needle = '';
  /** The last refine's answer, which the next needle narrows when it contains this one. */
  private lastRefine: { needle: string; sorted: Uint32Array; hits: Uint8Array[]; matching: number[]; rows: Uint32Array } | undefined;
  private readonly rowOfId = new Map<number, number>();
  private readonly refineScan = new RefineScan();

  /**
   * `show` gives each text column's formatting (as they came, by default); `refined` the ids of the
   * columns refine looks in (the shown ones: a row must not match by a value it does not show), every
   * text column by default.
   */
  constructor(readonly specs: readonly ColumnSpec[], sort: SortOrder, private readonly show: (spec: ColumnSpec) => ShowValue = () => (value) => value, private readonly refinedColumns?: readonly string[]) {
    this.columns = specs.map((spec) => spec.type === 'text'
      ? { spec, codes: new Uint32Array(INITIAL_CAPACITY), dictionary: this.dictionary(spec) }
      : { spec, values: new Float64Array(INITIAL_CAPACITY) });
    this.timeColumn = this.columns.find((column): column is NumberColumn => column.spec.type === 'time');
    this.sortOrder = this.validSort(sort);
  }

  get count(): number {
    return this.rows;
  }

  /** How many times the store was cleared: rows numbered from 0 again are another search's. */
  get generation(): number {
    return this.clears;
  }

  get sort(): SortOrder {
    return this.sortOrder;
  }

  get refine(): string {
    return this.needle;
  }

  clear(): void {
    this.clears++;
    this.rows = 0;
    // Not written over in place: the old order may still be in a view handed out.
    this.byTime = new Uint32Array(this.capacity);
    this.rowOfId.clear();
    for (const column of this.columns) {
      if (isText(column)) {
        column.dictionary = this.dictionary(column.spec);
      } else {
        column.ranked = undefined;
      }
    }
    this.invalidate();
  }

  /**
   * Adds a batch: `columns[id]` unpacked gives row n's value for the column `id` names at n,
   * `failed[n]` whether it failed. Rows already held (same id) are skipped.
   */
  append(ids: ArrayLike<number>, columns: Readonly<Record<string, PackedColumn>>, failed: ArrayLike<number | boolean> = []): void {
    this.ensure(this.rows + ids.length);
    // The rows added are numbered on from the last one held; each one's place in the batch.
    const first = this.rows;
    const places = new Uint32Array(ids.length);
    for (let place = 0; place < ids.length; place++) {
      const id = ids[place]!;
      if (this.rowOfId.has(id)) {
        continue;
      }
      const row = this.rows++;
      this.rowOfId.set(id, row);
      this.ids[row] = id;
      this.failures[row] = failed[place] ? 1 : 0;
      places[row - first] = place;
    }
    const added = this.rows - first;
    if (added === 0) {
      return;
    }
    for (const column of this.columns) {
      const packed = columns[column.spec.id];
      if (isText(column)) {
        const codeAt = textCodes(column.dictionary, packed);
        const codes = column.codes;
        for (let i = 0; i < added; i++) {
          codes[first + i] = codeAt(places[i]!);
        }
      } else {
        const valueAt = numberValues(packed);
        const values = column.values;
        for (let i = 0; i < added; i++) {
          values[first + i] = valueAt(places[i]!);
        }
        column.ranked = undefined;
      }
    }
    this.placeByTime(first);
    this.invalidate();
  }

  /**
   * Ranks one column not ranked yet, so that a later sort by it is only a counting or radix sort;
   * false when none is left. For idle time once rows stop arriving, a column a callback (ranking
   * 170,000 paths takes longer than a frame); a sort by a column not ranked yet ranks it first.
   */
  rankNextColumn(): boolean {
    for (const column of this.columns) {
      if (isText(column)) {
        if (!column.dictionary.ranked) {
          column.dictionary.ranks();
          return true;
        }
      } else if (column.spec.type !== 'time' && !column.ranked) {
        // The time column sorts by the order kept as rows arrive, never by ranks.
        this.numberRanks(column);
        return true;
      }
    }
    return false;
  }

  setSort(sort: SortOrder): void {
    this.sortOrder = this.validSort(sort);
    this.invalidate();
  }

  setRefine(text: string): void {
    const needle = text.trim().toLowerCase();
    if (needle !== this.needle) {
      this.needle = needle;
      this.shown = undefined;
    }
  }

  /** The rows to show, in order: sorted, then narrowed by the refine text. */
  view(): Uint32Array {
    if (!this.shown) {
      const sorted = this.sortedRows();
      this.shown = this.needle === '' ? sorted : this.refined(sorted);
    }
    return this.shown;
  }

  id(row: number): number {
    return this.ids[row]!;
  }

  failed(row: number): boolean {
    return this.failures[row] === 1;
  }

  rowOf(id: number): number | undefined {
    return this.rowOfId.get(id);
  }

  /** A cell as shown: text as it came, numbers formatted. */
  text(row: number, columnIndex: number): string {
    const column = this.columns[columnIndex]!;
    if (isText(column)) {
      return column.dictionary.shown[column.codes[row]!]!;
    }
    const value = column.values[row]!;
    if (Number.isNaN(value)) {
      return '';
    }
    switch (column.spec.type) {
      case 'time': return formatTime(value);
      case 'bytes': return formatBytes(value);
      case 'duration': return formatDuration(value);
      default: return String(value);
    }
  }

  /** A number cell's value (NaN when absent), for charts. */
  number(row: number, columnIndex: number): number {
    const column = this.columns[columnIndex]!;
    return isText(column) ? Number.NaN : column.values[row]!;
  }

  /** A text cell's dictionary code and the dictionary's values (as sent and as shown), for counting without strings. */
  codes(columnIndex: number): TextCodes | undefined {
    const column = this.columns[columnIndex]!;
    return isText(column) ? { codes: column.codes, values: column.dictionary.values, shown: column.dictionary.shown } : undefined;
  }

  private dictionary(spec: ColumnSpec): Dictionary {
    return new Dictionary(this.show(spec), spec.sortAs === 'address' ? addressSortKey : undefined);
  }

  private validSort(sort: SortOrder): SortOrder {
    return this.specs.some((spec) => spec.id === sort.column) ? sort : { column: 'time', descending: true };
  }

  private invalidate(): void {
    this.sorted = undefined;
    this.shown = undefined;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) {
      return;
    }
    let capacity = this.capacity;
    while (capacity < rows) {
      capacity *= 2;
    }
    this.capacity = capacity;
    this.ids = grow(this.ids, capacity);
    this.failures = grow(this.failures, capacity);
    this.byTime = grow(this.byTime, capacity);
    for (const column of this.columns) {
      if (isText(column)) {
        column.codes = grow(column.codes, capacity);
      } else {
        column.values = grow(column.values, capacity);
      }
    }
  }

  private newerFirst = (a: number, b: number): number => {
    const times = this.timeColumn?.values;
    const ta = times ? times[a]! : Number.NaN;
    const tb = times ? times[b]! : Number.NaN;
    // Undated rows go last (among themselves by id, like any tie).
    if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) {
      return Number.isNaN(ta) ? 1 : Number.isNaN(tb) ? -1 : tb - ta;
    }
    return this.ids[b]! - this.ids[a]!;
  };

  /**
   * Puts the rows added from `first` on into the time order. Pages come in the order asked, newest
   * first, so a batch usually goes after every row held: it is appended, its rows compared only
   * among themselves. Otherwise only the held rows it overlaps are merged with it.
   */
  private placeByTime(first: number): void {
    const order = this.byTime;
    // The batch, sorted, after the held rows: past the end of any view handed out.
    const batch = order.subarray(first, this.rows);
    batch.forEach((_, i) => {
      batch[i] = first + i;
    });
    batch.sort(this.newerFirst);
    // The first held place that the batch's newest row goes before: the rows ahead of it stay put.
    let keep = 0;
    for (let end = first; keep < end;) {
      const middle = (keep + end) >>> 1;
      if (this.newerFirst(order[middle]!, batch[0]!) <= 0) {
        keep = middle + 1;
      } else {
        end = middle;
      }
    }
    if (keep === first) {
      return;
    }
    // Into a new array (views handed out keep reading the order they were given), the rows ahead copied as they are.
    const merged = new Uint32Array(order.length);
    merged.set(order.subarray(0, keep));
    let i = keep;
    let j = 0;
    let k = keep;
    while (i < first && j < batch.length) {
      merged[k++] = this.newerFirst(order[i]!, batch[j]!) <= 0 ? order[i++]! : batch[j++]!;
    }
    merged.set(order.subarray(i, first), k);
    merged.set(batch.subarray(j), k + first - i);
    this.byTime = merged;
  }

  /** Every row, newest first. */
  private timeOrder(): Uint32Array {
    return this.byTime.subarray(0, this.rows);
  }

  private sortedRows(): Uint32Array {
    if (this.sorted) {
      return this.sorted;
    }
    const { column: id, descending } = this.sortOrder;
    const column = this.columns.find((candidate) => candidate.spec.id === id)!;
    if (column.spec.type === 'time') {
      this.sorted = descending ? this.timeOrder() : this.timeOrder().slice().reverse();
    } else if (isText(column)) {
      this.sorted = this.textSort(column, descending);
    } else {
      this.sorted = this.numberSort(column, descending);
    }
    return this.sorted;
  }

  // Text sorts by each value's rank (values that show alike rank alike), stable against byTime.
  private textSort(column: TextColumn, descending: boolean): Uint32Array {
    const { ranks, count } = column.dictionary.ranks();
    return sortByRank(this.timeOrder(), column.codes, ranks, count, descending);
  }

  // Numbers sort by their rank among the column's values; absent values (NaN) go last either way, in byTime order.
  private numberSort(column: NumberColumn, descending: boolean): Uint32Array {
    const { ranks, buckets } = this.numberRanks(column);
    return sortByRank(this.timeOrder(), ranks, undefined, buckets, descending, true);
  }

  private numberRanks(column: NumberColumn): NumberRanks {
    column.ranked ??= numberRanks(column.values, this.rows);
    return column.ranked;
  }

  /**
   * Rows with the refine text in any text cell of the refined columns, case-insensitively; each distinct value is tested
   * once. Typing on narrows the last answer: text containing the last needle can only match rows
   * and values the last needle matched (same sorted rows, so the same dictionaries too).
   */
  private refined(sorted: Uint32Array): Uint32Array {
    const needle = this.needle;
    const last = this.lastRefine;
    const narrowing = last !== undefined && last.sorted === sorted && needle.includes(last.needle);
    const textColumns = this.columns.filter(isText).filter((column) => this.refinedColumns?.includes(column.spec.id) ?? true);
    const hits = textColumns.map((column, index) => column.dictionary.matching(needle, narrowing ? last.hits[index] : undefined));
    const tested = textColumns.map((column, index) => ({ codes: column.codes, hits: hits[index]!, matching: countHits(hits[index]!) }));
    const matching = tested.map((column) => column.matching);
    // Narrowed, each column's matches are among the last ones: as many means the same, and so the same rows.
    const rows = narrowing && matching.every((count, index) => count === last.matching[index])
      ? last.rows
      : this.refineScan.matchingRows(narrowing ? last.rows : sorted, tested.filter((column) => column.matching > 0));
    this.lastRefine = { needle, sorted, hits, matching, rows };
    return rows;
  }
}
