// Stable sorts of row numbers with no comparator calls. By unsigned 32-bit keys: least significant
// digit first, 16 bits a pass, digits every row shares skipped (a few dozen distinct values need one
// pass, not two). By ranks (a column's values ranked once): a counting sort while its table of ranks
// stays small, else a least-significant-digit radix sort over the ranks in digits of up to 11 bits
// (a million distinct sizes: two passes over 1,024 buckets each, not one over a million).

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/**
 * `rows` reordered by their keys, ties kept in the order given. `words[0]` is each row's most
 * significant key word, `words[1]` the next (indexed by row number, not by position in `rows`).
 */
export function sortRowsByKeys(rows: Uint32Array, words: readonly Uint32Array[]): Uint32Array {
  const digits = words.length * 2;
  // Every digit's counts in one read of the keys; digit d is word (d >> 1), low half first.
  const counts = Array.from({ length: digits }, () => new Uint32Array(BUCKETS));
  words.forEach((keys, word) => {
    const lowCounts = counts[word * 2 + 1]!;
    const highCounts = counts[word * 2]!;
    for (let i = 0; i < rows.length; i++) {
      const key = keys[rows[i]!]!;
      lowCounts[key & DIGIT_MASK]!++;
      highCounts[key >>> DIGIT_BITS]!++;
    }
  });
  let order = rows;
  // Two buffers of our own taking turns: `rows` is never written.
  const buffers: Uint32Array[] = [];
  for (let digit = digits - 1; digit >= 0; digit--) {
    const digitCounts = counts[digit]!;
    if (rows.length === 0 || digitCounts.includes(rows.length)) {
      continue; // every row has the same digit here
    }
    let start = 0;
    for (let value = 0; value < BUCKETS; value++) {
      const count = digitCounts[value]!;
      digitCounts[value] = start;
      start += count;
    }
    const keys = words[digit >> 1]!;
    const shift = digit & 1 ? 0 : DIGIT_BITS;
    const target = order === buffers[0] ? (buffers[1] ??= new Uint32Array(rows.length)) : (buffers[0] ??= new Uint32Array(rows.length));
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      target[digitCounts[(keys[row]! >>> shift) & DIGIT_MASK]!++] = row;
    }
    order = target;
  }
  return order === rows ? rows.slice() : order;
}

const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * Key words (see sortRowsByKeys) that sort `rows` by their numbers (-0 and 0 alike), indexed by row
 * up to `rowCount`; with `descending`, inverted. NaN must be left out by the caller.
 */
export function numberKeys(values: Float64Array, rows: Uint32Array, rowCount: number, descending: boolean): Uint32Array[] {
  const invert = descending ? 0xffffffff : 0;
  let whole = true;
  for (let i = 0; i < rows.length && whole; i++) {
    const value = values[rows[i]!]!;
    whole = value >= 0 && value <= 0xffffffff && Math.floor(value) === value;
  }
  if (whole) {
    // Sizes and seconds: each its own key, one word.
    const keys = new Uint32Array(rowCount);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      keys[row] = (values[row]! ^ invert) >>> 0;
    }
    return [keys];
  }
  // Any other number: its IEEE 754 bits, the sign bit flipped for positives and every bit for negatives.
  const high = new Uint32Array(rowCount);
  const low = new Uint32Array(rowCount);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const value = values[row]!;
    numberBits[0] = value === 0 ? 0 : value;
    let hi = numberWords[HIGH]!;
    let lo = numberWords[LOW]!;
    if (hi & 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= 0x80000000;
    }
    high[row] = (hi ^ invert) >>> 0;
    low[row] = (lo ^ invert) >>> 0;
  }
  return [high, low];
}

/** Above this many ranks, a counting sort's table outgrows the caches: radix passes beat it. */
const COUNTING_SORT_MAX_BUCKETS = 1 << 16;
const RANK_DIGIT_MAX_BITS = 11;

/**
 * `order` reordered by each row's rank, ties kept in the order given: a counting sort (one pass to
 * count and one to place), or radix passes when there are many distinct ranks. A row's rank is `codeRanks[codes[row]]`, or
 * `codes[row]` itself without `codeRanks`; every rank is below `buckets`. With `descending`, the
 * highest rank first, except that with `lastStaysLast` the rows of rank `buckets - 1` (absent values)
 * go last either way.
 */
export function sortByRank(order: Uint32Array, codes: Uint32Array, codeRanks: Uint32Array | undefined, buckets: number, descending: boolean, lastStaysLast = false): Uint32Array {
  if (buckets > COUNTING_SORT_MAX_BUCKETS) {
    return radixSortByRank(order, codes, codeRanks, buckets, descending, lastStaysLast);
  }
  const starts = new Uint32Array(buckets);
  if (codeRanks) {
    for (let i = 0; i < order.length; i++) {
      starts[codeRanks[codes[order[i]!]!]!]!++;
    }
  } else {
    for (let i = 0; i < order.length; i++) {
      starts[codes[order[i]!]!]!++;
    }
  }
  // Counts become each rank's first place, in the order the ranks are shown.
  const last = lastStaysLast ? buckets - 1 : buckets;
  let start = 0;
  for (let step = 0; step < last; step++) {
    const rank = descending ? last - 1 - step : step;
    const count = starts[rank]!;
    starts[rank] = start;
    start += count;
  }
  if (lastStaysLast && buckets > 0) {
    starts[buckets - 1] = start;
  }
  const sorted = new Uint32Array(order.length);
  if (codeRanks) {
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      sorted[starts[codeRanks[codes[row]!]!]!++] = row;
    }
  } else {
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      sorted[starts[codes[row]!]!++] = row;
    }
  }
  return sorted;
}

/** sortByRank for many ranks: each row's place among the ranks as shown, then LSD radix passes over it. */
function radixSortByRank(order: Uint32Array, codes: Uint32Array, codeRanks: Uint32Array | undefined, buckets: number, descending: boolean, lastStaysLast: boolean): Uint32Array {
  const count = order.length;
  // Reversed when descending; the absent rank (`last`, with lastStaysLast) keeps its place, the highest.
  const last = lastStaysLast ? buckets - 1 : buckets;
  let keys = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const row = order[i]!;
    const rank = codeRanks ? codeRanks[codes[row]!]! : codes[row]!;
    keys[i] = descending && rank < last ? last - 1 - rank : rank;
  }
  const bits = 32 - Math.clz32(buckets - 1);
  const passes = Math.ceil(bits / RANK_DIGIT_MAX_BITS);
  const digitBits = Math.ceil(bits / passes);
  const digitMask = (1 << digitBits) - 1;
  const starts = new Uint32Array(1 << digitBits);
  // Two buffers of our own taking turns: `order` is never written.
  const buffers = [new Uint32Array(count), new Uint32Array(count)];
  let rows = order;
  let nextKeys = new Uint32Array(count);
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * digitBits;
    starts.fill(0);
    for (let i = 0; i < count; i++) {
      starts[(keys[i]! >>> shift) & digitMask]!++;
    }
    let start = 0;
    for (let digit = 0; digit < starts.length; digit++) {
      const digitCount = starts[digit]!;
      starts[digit] = start;
      start += digitCount;
    }
    const target = buffers[pass & 1]!;
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      const place = starts[(key >>> shift) & digitMask]!++;
      target[place] = rows[i]!;
      nextKeys[place] = key;
    }
    rows = target;
    [keys, nextKeys] = [nextKeys, keys];
  }
  return rows;
}

/** Each row's rank among a number column's distinct values, and how many ranks there are. */
export interface NumberRanks {
  /** Indexed by row; equal values (-0 and 0 too) rank alike, absent values (NaN) rank last. */
  ranks: Uint32Array;
  /** Distinct values, plus one for the absent. */
  buckets: number;
}

/** Ranks the first `rowCount` values (see NumberRanks): one radix sort, then once along it. */
export function numberRanks(values: Float64Array, rowCount: number): NumberRanks {
  const present = new Uint32Array(rowCount);
  let presentCount = 0;
  for (let row = 0; row < rowCount; row++) {
    if (!Number.isNaN(values[row]!)) {
      present[presentCount++] = row;
    }
  }
  const rows = present.subarray(0, presentCount);
  const ascending = sortRowsByKeys(rows, numberKeys(values, rows, rowCount, false));
  const ranks = new Uint32Array(rowCount);
  let rank = -1;
  let previous = Number.NaN;
  for (let i = 0; i < ascending.length; i++) {
    const row = ascending[i]!;
    const value = values[row]!;
    if (value !== previous) {
      rank++;
      previous = value;
    }
    ranks[row] = rank;
  }
  const absent = rank + 1;
  for (let row = 0; row < rowCount; row++) {
    if (Number.isNaN(values[row]!)) {
      ranks[row] = absent;
    }
  }
  return { ranks, buckets: absent + 1 };
}
