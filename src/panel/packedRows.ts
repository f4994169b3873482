// A batch of rows as it crosses to the webview: packed. VS Code turns a webview message into JSON
// (with a replacer called on every value) and the page copies it twice more, so 20,000 rows as plain
// arrays cost far more than their distinct values do (a log repeats its users, IPs, operations and
// paths), while typed arrays cross as bytes. A column whose cells are all numbers (or empty) goes as
// one Float64Array; any other as its distinct cells and a code a row into them.

/** A table cell's value as the server sent it (codes, text in full): the webview formats it when it paints it (see cellText). */
export type CellValue = string | number | null;

export type PackedColumn = { numbers: Float64Array } | { distinct: CellValue[]; codes: Uint32Array };

/** Bytes a row takes in a column at least: a number cell's 8, or a code's 4 (a distinct cell adds its own once). */
export const NUMBER_BYTES = 8;
export const CODE_BYTES = 4;

const isNumberCell = (cell: CellValue): cell is number | null => cell === null || (typeof cell === 'number' && !Number.isNaN(cell));

/**
 * Packs a column a cell at a time, as its rows come (so packing a batch is spread over the pages
 * that bring it): up to `capacity` cells, packed as numbers until a cell is not one.
 */
export class ColumnPacker {
  /** The cells so far, empty ones as NaN (which no number cell holds), while every one is a number or empty. */
  private numbers: Float64Array | undefined;
  private codes: Uint32Array | undefined;
  private readonly distinct: CellValue[] = [];
  private readonly codeOf = new Map<CellValue, number>();
  private count = 0;
  /** What the distinct cells take in the message, about: see `bytes`. */
  private distinctBytes = 0;

  constructor(private readonly capacity: number) {
    this.numbers = new Float64Array(capacity);
  }

  add(cell: CellValue): void {
    if (this.count === this.capacity) {
      throw new Error(`more than ${this.capacity} cells in a packed column`);
    }
    if (this.numbers) {
      if (isNumberCell(cell)) {
        this.numbers[this.count++] = cell ?? Number.NaN;
        return;
      }
      this.codeNumbersSoFar();
    }
    this.codes![this.count++] = this.code(cell);
  }

  /**
   * About how many bytes the column takes in the message: 8 a number cell, 4 a code, and each
   * distinct cell once as VS Code's JSON carries it (ASCII text: a character a byte).
   */
  get bytes(): number {
    return this.numbers ? this.count * NUMBER_BYTES : this.count * CODE_BYTES + this.distinctBytes;
  }

  finish(): PackedColumn {
    return this.numbers ? { numbers: filled(this.numbers, this.count) } : { distinct: this.distinct, codes: filled(this.codes!, this.count) };
  }

  private code(cell: CellValue): number {
    let code = this.codeOf.get(cell);
    if (code === undefined) {
      code = this.distinct.length;
      this.distinct.push(cell);
      this.codeOf.set(cell, code);
      // As JSON, with its comma: a string's quotes, a number's digits, null.
      this.distinctBytes += (typeof cell === 'string' ? cell.length + 2 : String(cell).length) + 1;
    }
    return code;
  }

  /** A cell that is not a number came: the cells before it become codes, in their order. */
  private codeNumbersSoFar(): void {
    const numbers = this.numbers!;
    this.numbers = undefined;
    this.codes = new Uint32Array(this.capacity);
    for (let row = 0; row < this.count; row++) {
      const cell = numbers[row]!;
      this.codes[row] = this.code(Number.isNaN(cell) ? null : cell);
    }
  }
}

/** The first `count` elements, without copying when that is all of them. */
const filled = <A extends Float64Array | Uint32Array>(array: A, count: number): A => (count === array.length ? array : array.slice(0, count) as A);

export function packColumn(cells: readonly CellValue[]): PackedColumn {
  const packer = new ColumnPacker(cells.length);
  for (const cell of cells) {
    packer.add(cell);
  }
  return packer.finish();
}

export const packColumns = (columns: Readonly<Record<string, readonly CellValue[]>>): Record<string, PackedColumn> =>
  Object.fromEntries(Object.entries(columns).map(([id, cells]) => [id, packColumn(cells)]));
