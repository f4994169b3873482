// Refine's pass over the rows: which rows hold a matching value in any column tested. A column at a
// time, each a tight loop over its Uint32 codes (a loop over the columns for every row costs more at
// a million rows), the rows kept flagged in a buffer kept between keystrokes. No DOM: tested in Node.

/** A column's code a row, a 1 for each code whose value matches, and how many do. */
export interface TestedColumn {
  codes: Uint32Array;
  hits: Uint8Array;
  matching: number;
}

/** How many 1s `hits` holds. */
export function countHits(hits: Uint8Array): number {
  let count = 0;
  for (let code = 0; code < hits.length; code++) {
    count += hits[code]!;
  }
  return count;
}

export class RefineScan {
  /** A flag a candidate, 1 once a column matched it; only its first `candidates.length` places count. */
  private kept = new Uint8Array(0);

  /**
   * The rows of `candidates`, in their order, whose code in one of `columns` is a hit: `candidates`
   * itself when every one is (neither is written to afterwards).
   */
  matchingRows(candidates: Uint32Array, columns: readonly TestedColumn[]): Uint32Array {
    const length = candidates.length;
    if (this.kept.length < length) {
      this.kept = new Uint8Array(length);
    }
    const kept = this.kept;
    kept.fill(0, 0, length);
    // The column with the largest share of its values matching first: the rows it keeps are not
    // looked up in the others.
    const share = (column: TestedColumn) => column.matching / column.hits.length;
    const byShare = [...columns].sort((a, b) => share(b) - share(a));
    for (const { codes, hits } of byShare) {
      keepHits(kept, candidates, codes, hits);
    }
    let count = 0;
    for (let i = 0; i < length; i++) {
      count += kept[i]!;
    }
    if (count === length) {
      return candidates;
    }
    const rows = new Uint32Array(count);
    for (let i = 0, next = 0; next < count; i++) {
      if (kept[i] === 1) {
        rows[next++] = candidates[i]!;
      }
    }
    return rows;
  }
}

function keepHits(kept: Uint8Array, candidates: Uint32Array, codes: Uint32Array, hits: Uint8Array): void {
  for (let i = 0; i < candidates.length; i++) {
    if (kept[i] === 0) {
      kept[i] = hits[codes[candidates[i]!]!]!;
    }
  }
}
