// How loaded entries reach the webview: as rows, column by column and packed, in batches. The first rows of a
// search go at once; the rest wait a little for more, so a million rows cross over in few messages. At
// most IN_FLIGHT batches are on their way at once (the webview says when it took each): the channel's
// queue stays short, so the answer to a click waits behind a batch or two, not behind the whole load,
// and rows that come meanwhile go together in the next batch.
import type { ActivityEntry } from '../api/models';
import type { ActivityKind } from '../search/search';
import { addStageTime, stageTiming } from '../api/stageTimes';
import { packColumns } from './packedRows';
import type { RowBatch } from './protocol';
import { rowColumns, rowFailures } from './rowValues';

/** Rows wait this long for more before going to the webview; the first batch of a search goes at once. */
const BATCH_DELAY_MS = 40;
export const BATCH_ROWS = 20_000;
export const FIRST_BATCH_ROWS = 100;
/** Batches posted and not yet taken by the webview, at most. */
export const IN_FLIGHT = 2;

export class RowBatcher {
  private pending: ActivityEntry[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private sentFirstBatch = false;
  /** The last batch posted, by sequence number, and the last the webview took (or the last posted before a reset). */
  private sent = 0;
  private taken = 0;
  /** Rows wait for the webview to take a batch: they go as soon as it does. */
  private waiting = false;
  /** Called once the rows waiting have all been posted: a search's last word goes after its rows. */
  private whenSent: (() => void) | undefined;

  /** `columns` gives the ids of the columns the webview holds now. */
  constructor(private readonly kind: ActivityKind, private readonly columns: () => readonly string[], private readonly post: (batch: RowBatch) => void) {}

  /**
   * Drops the rows not sent yet: a new search starts, and its first batch goes at once. Batches still
   * on their way are not waited for (a webview loaded again never takes them).
   */
  reset(): void {
    this.pending = [];
    this.sentFirstBatch = false;
    this.taken = this.sent;
    this.waiting = false;
    this.whenSent = undefined;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
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

  /** The webview took batch `sequence`: rows waiting go now. */
  took(sequence: number): void {
    if (sequence > this.taken && sequence <= this.sent) {
      this.taken = sequence;
    }
    if (this.waiting) {
      this.flush();
    }
  }

  /** Sends every row waiting, as the webview takes them, then calls `then`. */
  end(then: () => void): void {
    this.whenSent = then;
    this.flush();
  }

  /** Sends the rows waiting now, as many batches as may be on their way. `arrivedAt`: see RowBatch. */
  flush(arrivedAt?: number): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    while (this.pending.length > 0 && this.sent - this.taken < IN_FLIGHT) {
      this.send(this.pending.splice(0, BATCH_ROWS), arrivedAt);
    }
    this.waiting = this.pending.length > 0;
    if (!this.waiting && this.whenSent) {
      const then = this.whenSent;
      this.whenSent = undefined;
      then();
    }
  }

  private send(entries: ActivityEntry[], arrivedAt: number | undefined): void {
    const startedAt = stageTiming ? performance.now() : 0;
    const batch: RowBatch = {
      type: 'rows', sequence: ++this.sent, arrivedAt, ids: Float64Array.from(entries, (entry) => entry.id),
      columns: packColumns(rowColumns(this.kind, entries, this.columns())), failed: Uint8Array.from(rowFailures(this.kind, entries), Number),
    };
    if (stageTiming) {
      addStageTime('batch', startedAt);
    }
    this.post(batch);
    this.sentFirstBatch = true;
  }
}
