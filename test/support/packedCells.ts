// The cells a packed column (see src/panel/packedRows) holds, in order: what the webview's row store reads from it.
import type { ActivityEntry } from '../../src/api/models';
import { LOGS } from '../../src/activity/logSchema';
import { BatchPacker } from '../../src/panel/batchPacker';
import type { CellValue, PackedColumn } from '../../src/panel/packedRows';
import type { ActivityKind } from '../../src/search/search';

export function unpackColumn(column: PackedColumn): CellValue[] {
  if ('numbers' in column) {
    return Array.from(column.numbers, (value) => (Number.isNaN(value) ? null : value));
  }
  const { distinct, codes } = column;
  return Array.from(codes, (code) => distinct[code]!);
}

/** What a rows batch of `entries` carries: each of the log's columns' cells, keyed by column in the log's order, and whether each row failed. */
export function batchCells(kind: ActivityKind, entries: readonly ActivityEntry[]): { cells: Record<string, CellValue[]>; failed: boolean[] } {
  const packer = new BatchPacker(kind, LOGS[kind].columns, { rows: entries.length });
  entries.forEach((entry) => packer.add(entry));
  const batch = packer.finish();
  return {
    cells: Object.fromEntries(Object.entries(batch.columns).map(([id, column]) => [id, unpackColumn(column)])),
    failed: Array.from(batch.failed, Boolean),
  };
}
