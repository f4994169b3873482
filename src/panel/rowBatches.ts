// How loaded entries reach the webview: as rows, column by column and packed, in batches. The first rows of a
// search go at once; the rest wait a little for more, so a million rows cross over in few messages.
import type { ActivityEntry } from '../api/models';
import type { ActivityKind } from '../search/search';
import { addStageTime, stageTiming } from '../api/stageTimes';
import { packColumns } from './packedRows';
import type { RowBatch } from './protocol';
import { rowColumns, rowFailures } from './rowValues';

/** Rows wait this long for more before going to the webview; the first batch of a search goes at once. */
const BATCH_DELAY_MS = 40;
const BATCH_ROWS = 20_000;
const FIRST_BATCH_ROWS = 100;

export class RowBatcher {
  private pending: ActivityEntry[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private sentFirstBatch = false;

  /** `columns` gives the ids of the columns the webview holds now. */
  constructor(private readonly kind: ActivityKind, private readonly columns: () => readonly string[], private readonly post: (batch: RowBatch) => void) {}

  /** Drops the rows not sent yet: a new search starts, and its first batch goes at once. */
  reset(): void {
    this.pending = [];
    this.sentFirstBatch = false;
    clearTimeout(this.flushTimer);
  }

  /** Sends `entries` again from the first (the webview's columns changed), in batches as if they arrived now. */
  resend(entries: readonly ActivityEntry[]): void {
    this.reset();
    for (let start = 0; start < entries.length; start += BATCH_ROWS) {
      this.add(entries.slice(start, start + BATCH_ROWS));
    }
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
  }

  add(batch: ActivityEntry[]): void {
    this.pending.push(...batch);
    if (!this.sentFirstBatch) {
      // A screenful first, so the first paint does not wait for the whole page to cross over.
      const rest = this.pending.splice(FIRST_BATCH_ROWS);
      this.flush(Date.now());
      this.pending = rest;
      this.flushTimer ??= setTimeout(() => this.flush(), 0);
    } else if (this.pending.length >= BATCH_ROWS) {
      this.flush();
    } else {
      this.flushTimer ??= setTimeout(() => this.flush(), BATCH_DELAY_MS);
    }
  }

  /** Sends the rows waiting now. `arrivedAt`: see RowBatch. */
  flush(arrivedAt?: number): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) {
      return;
    }
    const startedAt = stageTiming ? performance.now() : 0;
    const batch: RowBatch = {
      type: 'rows', arrivedAt, ids: Float64Array.from(this.pending, (entry) => entry.id),
      columns: packColumns(rowColumns(this.kind, this.pending, this.columns())), failed: Uint8Array.from(rowFailures(this.kind, this.pending), Number),
    };
    if (stageTiming) {
      addStageTime('batch', startedAt);
    }
    this.post(batch);
    this.pending = [];
    this.sentFirstBatch = true;
  }
}
