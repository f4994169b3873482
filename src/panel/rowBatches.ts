// How loaded entries reach the webview: as rows, column by column and packed, in batches. The first rows of a
// search go at once; the rest wait a little for more, up to BATCH_BYTES a message. At most IN_FLIGHT
// batches are on their way at once (the webview says when it took each): every message to the webview
// (a click's answer among them) queues behind them in VS Code's channel and in the page, so what is on
// its way stays near a megabyte, and rows that come meanwhile go together in the next batch. Entries
// are packed a slice at a time, one slice a turn of the event loop, while they wait: no stretch of
// packing holds up a click's answer.
import type { ActivityEntry } from '../api/models';
import type { ActivityKind } from '../search/search';
import { addStageTime, stageTiming } from '../api/stageTimes';
import { BatchPacker, type BatchLimit } from './batchPacker';
import type { RowBatch } from './protocol';

/** Rows wait this long for more before going to the webview; the first batch of a search goes at once. */
const BATCH_DELAY_MS = 40;
/**
 * A batch's bytes, about (see BatchPacker.bytes): some 5,000 session rows. Smaller batches answer a
 * click sooner but load slower: every message costs the channel's round trip (at 128 KB, three on
 * their way, a million rows took twice as long).
 */
export const BATCH_BYTES = 512 * 1024;
export const FIRST_BATCH_ROWS = 100;
/** Batches posted and not yet taken by the webview, at most. */
export const IN_FLIGHT = 2;
/** Rows packed in one turn of the event loop: a few milliseconds' work. */
export const PACK_SLICE_ROWS = 2_000;

export class RowBatcher {
  /** Entries added and not packed yet, oldest first, each list from `next` on. */
  private unpacked: { entries: readonly ActivityEntry[]; next: number }[] = [];
  private unpackedRows = 0;
  /** The batch being packed, and full ones packed and not yet posted, oldest first. */
  private building: BatchPacker | undefined;
  private packed: BatchPacker[] = [];
  private packing: ReturnType<typeof setImmediate> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private sentFirstBatch = false;
  /** The last batch posted, by sequence number, and the last the webview took (or the last posted before a reset). */
  private sent = 0;
  private taken = 0;
  /** Every row waiting goes as soon as batches may be posted, not only full batches. */
  private due = false;
  /** Called once the rows waiting have all been posted: a search's last word goes after its rows. */
  private whenSent: (() => void) | undefined;

  /** `columns` gives the ids of the columns the webview holds now. */
  constructor(private readonly kind: ActivityKind, private readonly columns: () => readonly string[], private readonly post: (batch: RowBatch) => void) {}

  /**
   * Drops the rows not sent yet: a new search starts, and its first batch goes at once. Batches still
   * on their way are not waited for (a webview loaded again never takes them).
   */
  reset(): void {
    this.unpacked = [];
    this.unpackedRows = 0;
    this.building = undefined;
    this.packed = [];
    this.sentFirstBatch = false;
    this.taken = this.sent;
    this.due = false;
    this.whenSent = undefined;
    this.dispose();
  }

  /** Sends `entries` again from the first (the webview's columns changed), in batches as if they arrived now. */
  resend(entries: readonly ActivityEntry[]): void {
    this.reset();
    this.add(entries);
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    clearImmediate(this.packing);
    this.packing = undefined;
  }

  add(entries: readonly ActivityEntry[]): void {
    if (entries.length === 0) {
      return;
    }
    let next = 0;
    if (!this.sentFirstBatch) {
      // A screenful first, so the first paint waits neither for the rest of the page to be packed nor to cross over.
      const first = this.packer({ rows: FIRST_BATCH_ROWS });
      next = this.pack(first, entries, 0);
      this.send(first, Date.now());
      // The rest of the first page goes as soon as it is packed, without waiting for more.
      this.due = next < entries.length;
    }
    if (next < entries.length) {
      this.unpacked.push({ entries, next });
      this.unpackedRows += entries.length - next;
      this.packing ??= setImmediate(() => this.packSlice());
    }
    if (next === 0) {
      this.sendDue(false);
    }
  }

  /** The webview took batch `sequence`: rows waiting go now. */
  took(sequence: number): void {
    if (sequence > this.taken && sequence <= this.sent) {
      this.taken = sequence;
    }
    this.sendDue(false);
  }

  /** Sends every row waiting, as the webview takes them, then calls `then`. */
  end(then: () => void): void {
    this.whenSent = then;
    this.flush();
  }

  /**
   * Sends every row waiting now, as many batches as may be on their way (packing what is not packed
   * yet for them); the rest as the webview takes them.
   */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.due = true;
    this.sendDue(true);
  }

  private packer(limit: BatchLimit = { bytes: BATCH_BYTES }): BatchPacker {
    return new BatchPacker(this.kind, this.columns(), limit);
  }

  /** Packs up to `rows` entries from `from` into `batch`, until it is full or they run out; where it stopped. */
  private pack(batch: BatchPacker, entries: readonly ActivityEntry[], from: number, rows = Infinity): number {
    const startedAt = stageTiming ? performance.now() : 0;
    const end = Math.min(entries.length, from + rows);
    let index = from;
    while (index < end && !batch.full) {
      batch.add(entries[index++]!);
    }
    if (stageTiming) {
      addStageTime('batch', startedAt);
    }
    return index;
  }

  /** Packs up to `rows` waiting rows, in order, into the batch being packed (full ones queue to be posted). */
  private packWaiting(rows: number): void {
    let left = rows;
    while (left > 0 && this.unpacked.length > 0) {
      const waiting = this.unpacked[0]!;
      this.building ??= this.packer();
      const end = this.pack(this.building, waiting.entries, waiting.next, left);
      left -= end - waiting.next;
      this.unpackedRows -= end - waiting.next;
      waiting.next = end;
      if (end === waiting.entries.length) {
        this.unpacked.shift();
      }
      if (this.building.full) {
        this.packed.push(this.building);
        this.building = undefined;
      }
    }
  }

  /** One turn's packing; then what may go goes, and the next turn packs more. */
  private packSlice(): void {
    this.packing = undefined;
    this.packWaiting(PACK_SLICE_ROWS);
    this.sendDue(false);
    if (this.unpacked.length > 0) {
      this.packing = setImmediate(() => this.packSlice());
    } else if (this.building && !this.due) {
      this.flushTimer ??= setTimeout(() => this.flush(), BATCH_DELAY_MS);
    }
  }

  /**
   * Posts packed batches while fewer than IN_FLIGHT are on their way; once rows are due (a full batch
   * packed, rows waited long enough, or the search ended), the rest too: with `packNow`, packing
   * what is not packed yet; else once the slices have packed it all.
   */
  private sendDue(packNow: boolean): void {
    if (this.packed.length > 0) {
      this.due = true;
    }
    while (this.sent - this.taken < IN_FLIGHT) {
      let batch = this.packed.shift();
      if (!batch && this.due && packNow && this.unpacked.length > 0) {
        this.building ??= this.packer();
        // A batch's worth at most (its bytes may fill it with fewer).
        this.packWaiting(this.building.capacity - this.building.rows);
        batch = this.packed.shift();
      }
      if (!batch && this.due && this.unpacked.length === 0) {
        batch = this.building;
        this.building = undefined;
      }
      if (!batch || batch.rows === 0) {
        break;
      }
      this.send(batch);
    }
    if (this.packed.length === 0 && this.unpacked.length === 0 && !this.building) {
      this.due = false;
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      const then = this.whenSent;
      this.whenSent = undefined;
      then?.();
    }
  }

  private send(batch: BatchPacker, arrivedAt?: number): void {
    this.post({ type: 'rows', sequence: ++this.sent, arrivedAt, ...batch.finish() });
    this.sentFirstBatch = true;
  }
}
