// One rows batch, packed as its entries come: ids, each held column's cells (see packedRows) and
// whether each row failed, up to a number of rows or of bytes (about what the message carries).
import type { ActivityEntry } from '../api/models';
import { cellValue, fieldById, LOGS, type LogField } from '../activity/logSchema';
import type { ActivityKind } from '../search/search';
import { CODE_BYTES, ColumnPacker } from './packedRows';
import type { RowBatch } from './protocol';

export type PackedBatch = Pick<RowBatch, 'ids' | 'columns' | 'failed'>;

/** A batch is full at this many rows, or once it takes this many bytes or more. */
export type BatchLimit = { rows: number } | { bytes: number };

/** An id's 8 bytes and the failed flag's 1. */
const ROW_BYTES = 9;

export class BatchPacker {
  private readonly ids: Float64Array;
  private readonly failed: Uint8Array;
  private readonly fields: LogField[];
  private readonly columns: ColumnPacker[];
  private readonly failedOf: (entry: ActivityEntry) => boolean;
  private count = 0;
  /** Rows it holds at most. */
  readonly capacity: number;
  private readonly maxBytes: number;

  /** `columnIds`: the columns the webview holds, whose cells the batch carries. */
  constructor(kind: ActivityKind, columnIds: readonly string[], limit: BatchLimit) {
    // By bytes, as many rows as could fit (every cell a code, no distinct cell): the bytes fill it first.
    this.capacity = 'rows' in limit ? limit.rows : Math.max(1, Math.floor(limit.bytes / (ROW_BYTES + CODE_BYTES * columnIds.length)));
    this.maxBytes = 'bytes' in limit ? limit.bytes : Infinity;
    const log = LOGS[kind];
    this.fields = columnIds.map((id) => fieldById(log, id)!);
    this.columns = this.fields.map(() => new ColumnPacker(this.capacity));
    this.ids = new Float64Array(this.capacity);
    this.failed = new Uint8Array(this.capacity);
    this.failedOf = log.failure.failed;
  }

  get rows(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity || this.bytes >= this.maxBytes;
  }

  /** About how many bytes the batch takes in its message (see ColumnPacker.bytes). */
  get bytes(): number {
    return this.columns.reduce((sum, column) => sum + column.bytes, this.count * ROW_BYTES);
  }

  add(entry: ActivityEntry): void {
    if (this.count === this.capacity) {
      throw new Error(`more than ${this.capacity} rows in a batch`);
    }
    this.fields.forEach((field, column) => this.columns[column]!.add(cellValue(field, entry)));
    this.ids[this.count] = entry.id;
    this.failed[this.count] = this.failedOf(entry) ? 1 : 0;
    this.count++;
  }

  finish(): PackedBatch {
    return {
      ids: this.count === this.capacity ? this.ids : this.ids.slice(0, this.count),
      columns: Object.fromEntries(this.fields.map((field, column) => [field.id, this.columns[column]!.finish()])),
      failed: this.count === this.capacity ? this.failed : this.failed.slice(0, this.count),
    };
  }
}
