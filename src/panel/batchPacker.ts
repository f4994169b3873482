// One rows batch, packed as its entries come: ids, each held column's cells (see packedRows) and
// whether each row failed, up to a batch's rows.
import type { ActivityEntry } from '../api/models';
import { cellValue, fieldById, LOGS, type LogField } from '../activity/logSchema';
import type { ActivityKind } from '../search/search';
import { ColumnPacker } from './packedRows';
import type { RowBatch } from './protocol';

export type PackedBatch = Pick<RowBatch, 'ids' | 'columns' | 'failed'>;

export class BatchPacker {
  private readonly ids: Float64Array;
  private readonly failed: Uint8Array;
  private readonly fields: LogField[];
  private readonly columns: ColumnPacker[];
  private readonly failedOf: (entry: ActivityEntry) => boolean;
  private count = 0;

  /** `columnIds`: the columns the webview holds, whose cells the batch carries. */
  constructor(kind: ActivityKind, columnIds: readonly string[], readonly capacity: number) {
    const log = LOGS[kind];
    this.fields = columnIds.map((id) => fieldById(log, id)!);
    this.columns = this.fields.map(() => new ColumnPacker(capacity));
    this.ids = new Float64Array(capacity);
    this.failed = new Uint8Array(capacity);
    this.failedOf = log.failure.failed;
  }

  get rows(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  add(entry: ActivityEntry): void {
    if (this.full) {
      throw new Error(`more than ${this.capacity} rows in a batch`);
    }
    this.fields.forEach((field, column) => this.columns[column]!.add(cellValue(field, entry)));
    this.ids[this.count] = entry.id;
    this.failed[this.count] = this.failedOf(entry) ? 1 : 0;
    this.count++;
  }

  finish(): PackedBatch {
    return {
      ids: this.full ? this.ids : this.ids.slice(0, this.count),
      columns: Object.fromEntries(this.fields.map((field, column) => [field.id, this.columns[column]!.finish()])),
      failed: this.full ? this.failed : this.failed.slice(0, this.count),
    };
  }
}
