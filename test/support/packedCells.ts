// The cells a packed column (see src/panel/packedRows) holds, in order: what the webview's row store reads from it.
import type { CellValue, PackedColumn } from '../../src/panel/packedRows';

export function unpackColumn(column: PackedColumn): CellValue[] {
  if ('numbers' in column) {
    return Array.from(column.numbers, (value) => (Number.isNaN(value) ? null : value));
  }
  const { distinct, codes } = column;
  return Array.from(codes, (code) => distinct[code]!);
}
