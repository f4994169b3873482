// Indexes over a column whose rows are kept newest first: for every distinct value, the positions
// of its rows in ascending order, so any slice of them is also newest first.
import type { CategoryColumn, CategoryValue } from './columns';

/** Rows matching one of several keys of an index; what the query planner drives or checks with. */
export interface Criterion {
  /** About how many positions in [lo, hi) match: exact for a few keys, an upper bound for many. */
  estimate(lo: number, hi: number): number;
  /** The matching positions in [lo, hi), ascending; produced as they are read, so a page can stop early. */
  positions(lo: number, hi: number): Iterable<number>;
  /** About how many steps `positions` takes before the first one. */
  startCost(): number;
  test(position: number): boolean;
}

/** Positions grouped by value; values can be folded (for case-insensitive matching) into one key. */
export class EqualityIndex {
  private readonly keyIds = new Map<CategoryValue, number>();
  private readonly keyOfCode: Int32Array;
  private readonly offsets: Int32Array;
  private readonly positions: Int32Array;

  constructor(
    private readonly column: CategoryColumn,
    private readonly fold: (value: CategoryValue) => CategoryValue = (value) => value,
  ) {
    this.keyOfCode = Int32Array.from(column.values, (value) => {
      const key = fold(value);
      let id = this.keyIds.get(key);
      if (id === undefined) {
        id = this.keyIds.size;
        this.keyIds.set(key, id);
      }
      return id;
    });
    // A counting sort: key k's positions are positions[offsets[k] .. offsets[k + 1]).
    const codes = column.codes;
    const offsets = new Int32Array(this.keyIds.size + 1);
    for (let position = 0; position < codes.length; position++) {
      offsets[this.keyOfCode[codes[position]!]! + 1]!++;
    }
    for (let key = 0; key < this.keyIds.size; key++) {
      offsets[key + 1]! += offsets[key]!;
    }
    const next = offsets.slice(0, -1);
    const positions = new Int32Array(codes.length);
    for (let position = 0; position < codes.length; position++) {
      positions[next[this.keyOfCode[codes[position]!]!]!++] = position;
    }
    this.offsets = offsets;
    this.positions = positions;
  }

  /** Rows equal to `value` (after folding), or undefined when no row has it. */
  matching(value: CategoryValue): Criterion | undefined {
    const key = this.keyIds.get(this.fold(value));
    return key === undefined ? undefined : this.select([key]);
  }

  /** Every key with its value, for indexes that match on more than equality. */
  entries(): IterableIterator<[CategoryValue, number]> {
    return this.keyIds.entries();
  }

  select(keys: readonly number[]): Criterion {
    return new KeySet(this, keys);
  }

  keyAt(position: number): number {
    return this.keyOfCode[this.column.codes[position]!]!;
  }

  /** Positions of one key within [lo, hi). */
  slice(key: number, lo: number, hi: number): Int32Array {
    const all = this.positions.subarray(this.offsets[key]!, this.offsets[key + 1]!);
    return all.subarray(lowerBound(all, lo), lowerBound(all, hi));
  }

  count(key: number): number {
    return this.offsets[key + 1]! - this.offsets[key]!;
  }
}

/** Trailing-`*` matching over an index of exact values: the keys in sorted order, searched by prefix. */
export class PrefixIndex {
  private readonly sortedValues: string[];
  private readonly sortedKeys: number[];

  constructor(private readonly index: EqualityIndex) {
    const entries = [...index.entries()].map(([value, key]) => [String(value), key] as const);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.sortedValues = entries.map(([value]) => value);
    this.sortedKeys = entries.map(([, key]) => key);
  }

  /** Rows whose value starts with `prefix` (case-sensitive, like the exact match), or undefined when none does. */
  matching(prefix: string): Criterion | undefined {
    let lo = 0;
    let hi = this.sortedValues.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedValues[mid]! < prefix) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const keys: number[] = [];
    for (let i = lo; i < this.sortedValues.length && this.sortedValues[i]!.startsWith(prefix); i++) {
      keys.push(this.sortedKeys[i]!);
    }
    return keys.length === 0 ? undefined : this.index.select(keys);
  }
}

// Counting each key's slice costs two binary searches; past this many keys an upper bound will do.
const EXACT_ESTIMATE_KEYS = 64;

class KeySet implements Criterion {
  private readonly member: Uint8Array;

  constructor(
    private readonly index: EqualityIndex,
    private readonly keys: readonly number[],
  ) {
    this.member = new Uint8Array(keys.reduce((max, key) => Math.max(max, key), 0) + 1);
    for (const key of keys) {
      this.member[key] = 1;
    }
  }

  estimate(lo: number, hi: number): number {
    if (this.keys.length > EXACT_ESTIMATE_KEYS) {
      return Math.min(hi - lo, this.keys.reduce((sum, key) => sum + this.index.count(key), 0));
    }
    return this.keys.reduce((sum, key) => sum + this.index.slice(key, lo, hi).length, 0);
  }

  startCost(): number {
    // Merging several keys first slices each (two binary searches) and heaps them.
    return this.keys.length === 1 ? 0 : this.keys.length * 40;
  }

  positions(lo: number, hi: number): Iterable<number> {
    const slices = this.keys.map((key) => this.index.slice(key, lo, hi)).filter((slice) => slice.length > 0);
    return slices.length === 1 ? slices[0]! : mergeAscending(slices);
  }

  test(position: number): boolean {
    return this.member[this.index.keyAt(position)] === 1;
  }
}

/** First index i with array[i] >= value (array ascending). */
function lowerBound(array: Int32Array, value: number): number {
  let lo = 0;
  let hi = array.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid]! < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The union of ascending lists, ascending: a binary heap holds each list's next position. */
function* mergeAscending(lists: Int32Array[]): Generator<number> {
  const read = new Int32Array(lists.length);
  const heap = lists.map((_, list) => list);
  const head = (list: number): number => lists[list]![read[list]!]!;
  const siftDown = (from: number): void => {
    for (let at = from; ;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < heap.length && head(heap[left]!) < head(heap[least]!)) {
        least = left;
      }
      if (right < heap.length && head(heap[right]!) < head(heap[least]!)) {
        least = right;
      }
      if (least === at) {
        return;
      }
      [heap[at], heap[least]] = [heap[least]!, heap[at]!];
      at = least;
    }
  };
  for (let at = (heap.length >>> 1) - 1; at >= 0; at--) {
    siftDown(at);
  }
  while (heap.length > 0) {
    const list = heap[0]!;
    yield head(list);
    if (++read[list]! === lists[list]!.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    siftDown(0);
  }
}
