// What the loaded rows hold in each column, for the table's layout: the longest text a cell shows
// (to size the column to it) and whether any row has a value at all (an empty column is hidden).
// Looks only at the rows added since it last looked. No DOM here: tested in Node.
import type { RowStore } from './rowStore';

/** Rows of a number column formatted per batch at most (besides its extremes): formatting each of a million would cost frames. */
const NUMBER_SAMPLES = 64;

export class ColumnContent {
  private generation = -1;
  private seenRows = 0;
  /** Per text column: how many of its distinct values were looked at. */
  private seenValues: number[] = [];
  private longest: string[] = [];
  private filled: boolean[] = [];

  constructor(private readonly store: RowStore) {
    this.forget();
  }

  /** The longest text a loaded row shows in the column ('' when none). */
  widest(column: number): string {
    return this.longest[column]!;
  }

  /** Whether some loaded row has a value in the column. */
  hasValues(column: number): boolean {
    return this.filled[column]!;
  }

  /** Looks at the rows added since the last call (all of them after the store was cleared); true when what it tells changed. */
  update(): boolean {
    let changed = false;
    if (this.generation !== this.store.generation) {
      this.generation = this.store.generation;
      changed = this.longest.some((text) => text !== '') || this.filled.some(Boolean);
      this.forget();
    }
    const from = this.seenRows;
    const to = this.store.count;
    this.store.specs.forEach((_spec, column) => {
      changed = this.look(column, from, to) || changed;
    });
    this.seenRows = to;
    return changed;
  }

  private forget(): void {
    const columns = this.store.specs.length;
    this.seenRows = 0;
    this.seenValues = new Array<number>(columns).fill(0);
    this.longest = new Array<string>(columns).fill('');
    this.filled = new Array<boolean>(columns).fill(false);
  }

  private look(column: number, from: number, to: number): boolean {
    const texts = this.newTexts(column, from, to);
    let changed = false;
    for (const text of texts) {
      if (text !== '' && !this.filled[column]) {
        this.filled[column] = true;
        changed = true;
      }
      if (text.length > this.longest[column]!.length) {
        this.longest[column] = text;
        changed = true;
      }
    }
    return changed;
  }

  /** Texts shown by rows `from` to `to`: a text column's new distinct values; a number column's extremes and a sample. */
  private newTexts(column: number, from: number, to: number): string[] {
    const codes = this.store.codes(column);
    if (codes) {
      const texts = codes.shown.slice(this.seenValues[column]);
      this.seenValues[column] = codes.shown.length;
      return texts;
    }
    const rows: number[] = [];
    let least: number | undefined;
    let most: number | undefined;
    for (let row = from; row < to; row++) {
      const value = this.store.number(row, column);
      if (!Number.isNaN(value)) {
        least = least === undefined || value < this.store.number(least, column) ? row : least;
        most = most === undefined || value > this.store.number(most, column) ? row : most;
      }
    }
    const stride = Math.max(1, Math.floor((to - from) / NUMBER_SAMPLES));
    for (let row = from; row < to; row += stride) {
      rows.push(row);
    }
    rows.push(...[least, most].filter((row) => row !== undefined));
    return rows.map((row) => this.store.text(row, column));
  }
}
