// A batch of rows as it crosses to the webview: packed. VS Code turns a webview message into JSON
// (with a replacer called on every value) and the page copies it twice more, so 20,000 rows as plain
// arrays cost far more than their distinct values do (a log repeats its users, IPs, operations and
// paths), while typed arrays cross as bytes. A column whose cells are all numbers (or empty) goes as
// one Float64Array; any other as its distinct cells and a code a row into them.
import type { CellValue } from './rowValues';

export type { CellValue };

export type PackedColumn = { numbers: Float64Array } | { distinct: CellValue[]; codes: Uint32Array };

const numbersOnly = (cells: readonly CellValue[]): cells is readonly (number | null)[] =>
  cells.every((cell) => cell === null || (typeof cell === 'number' && !Number.isNaN(cell)));

export function packColumn(cells: readonly CellValue[]): PackedColumn {
  if (numbersOnly(cells)) {
    // Empty cells as NaN, which no cell here holds.
    return { numbers: Float64Array.from(cells, (cell) => cell ?? Number.NaN) };
  }
  const codeOf = new Map<CellValue, number>();
  const distinct: CellValue[] = [];
  const codes = new Uint32Array(cells.length);
  for (let row = 0; row < cells.length; row++) {
    const cell = cells[row]!;
    let code = codeOf.get(cell);
    if (code === undefined) {
      code = distinct.length;
      distinct.push(cell);
      codeOf.set(cell, code);
    }
    codes[row] = code;
  }
  return { distinct, codes };
}

export const packColumns = (columns: Readonly<Record<string, readonly CellValue[]>>): Record<string, PackedColumn> =>
  Object.fromEntries(Object.entries(columns).map(([id, cells]) => [id, packColumn(cells)]));
