import * as assert from 'node:assert/strict';
import type { SessionEntry } from '../../../src/api/models';
import { heldColumns } from '../../../src/panel/columns';
import type { RowBatch } from '../../../src/panel/protocol';
import { BatchPacker } from '../../../src/panel/batchPacker';
import { BATCH_BYTES, FIRST_BATCH_ROWS, IN_FLIGHT, PACK_SLICE_ROWS, RowBatcher } from '../../../src/panel/rowBatches';
import { Random } from '../../../server/generate/random';

const T = Date.parse('2026-11-20T12:00:00Z');
const COLUMNS = heldColumns('sessions', ['time', 'user']);

/** Entries of seven users, or each of its own user as `user` names them. */
function entries(first: number, count: number, user = (id: number) => `user${id % 7}`): SessionEntry[] {
  return Array.from({ length: count }, (_, n) => ({ id: first + n, created: T - (first + n) * 1000, username: user(first + n) }) as SessionEntry);
}

/** The rows a full batch of `entries`' kind holds: as many as BATCH_BYTES takes. */
function fullBatchRows(): number {
  const packer = new BatchPacker('sessions', COLUMNS, { bytes: BATCH_BYTES });
  for (let id = 1; !packer.full; id++) {
    packer.add(entries(id, 1)[0]!);
  }
  return packer.rows;
}
const FULL = fullBatchRows();

/** What a batch carries, in bytes, counted from what was posted: its typed arrays and its distinct cells as JSON. */
function messageBytes(batch: RowBatch): number {
  return Object.values(batch.columns).reduce((sum, column) => sum + ('numbers' in column ? column.numbers.byteLength : column.codes.byteLength + JSON.stringify(column.distinct).length),
    batch.ids.byteLength + batch.failed.byteLength);
}

/** A batcher and what it posted, as ids and sequence numbers; its timers cleared after each test. */
function batcher(): { rows: RowBatcher; posted: RowBatch[]; ids: () => number[] } {
  const posted: RowBatch[] = [];
  const rows = new RowBatcher('sessions', () => COLUMNS, (batch) => posted.push(batch));
  made.push(rows);
  return { rows, posted, ids: () => posted.flatMap((batch) => Array.from(batch.ids)) };
}
const made: RowBatcher[] = [];

/** Lets `turns` turns of the event loop pass: the batcher packs a slice of rows a turn. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
const turnsToPack = (rows: number) => Math.ceil(rows / PACK_SLICE_ROWS);

describe('RowBatcher: loaded entries to the webview in batches, at most a few on their way', () => {
  afterEach(() => made.splice(0).forEach((rows) => rows.dispose()));

  it('posts a screenful at once, then at most IN_FLIGHT batches until the webview takes one; the rows that waited go together', async () => {
    const { rows, posted, ids } = batcher();
    rows.add(entries(1, 1000));
    assert.equal(posted.length, 1);
    assert.equal(posted[0]!.ids.length, FIRST_BATCH_ROWS);
    assert.equal(typeof posted[0]!.arrivedAt, 'number');
    rows.flush();
    assert.equal(posted.length, 2, 'the rest of the first page');
    // IN_FLIGHT full batches' worth and some: the first of them go until IN_FLIGHT are on their way.
    const waiting = IN_FLIGHT * FULL + 500;
    rows.add(entries(1001, waiting));
    await turns(turnsToPack(waiting));
    assert.equal(posted.length, IN_FLIGHT);
    // Left: two full batches and the 500.
    for (let taken = 0; taken < 3; taken++) {
      rows.took(posted[taken]!.sequence);
      assert.equal(posted.length, IN_FLIGHT + taken + 1, 'one taken, one more posted');
    }
    assert.deepEqual(posted.slice(2).map((batch) => batch.ids.length), [...Array<number>(IN_FLIGHT).fill(FULL), 500]);
    assert.deepEqual(ids(), entries(1, 1000 + waiting).map((entry) => entry.id), 'every row once, in the order added');
    assert.deepEqual(posted.map((batch) => batch.sequence), posted.map((_, index) => index + 1));
    assert.equal(posted.slice(1).filter((batch) => batch.arrivedAt !== undefined).length, 0);
  });

  it('fills a batch up to BATCH_BYTES, not past it: rows with long distinct cells go fewer a batch', async () => {
    for (const user of [undefined, (id: number) => `${'x'.repeat(400)}${id}`]) {
      const { rows, posted } = batcher();
      rows.add(entries(1, FIRST_BATCH_ROWS));
      // Pages of 1,000 from the second on, all waiting before any is packed: every batch but the last goes full.
      let next = 1 + FIRST_BATCH_ROWS;
      while (next < 4 * FULL) {
        rows.add(entries(next, 1000, user));
        next += 1000;
      }
      rows.end(() => undefined);
      for (let taken = 0; taken < posted.length; taken++) {
        await turns(turnsToPack(FULL));
        rows.took(posted[taken]!.sequence);
      }
      assert.equal(posted.reduce((sum, batch) => sum + batch.ids.length, 0), next - 1, 'every row posted');
      const full = posted.slice(1, -1);
      assert.ok(full.length >= 2, `${full.length} full batches`);
      // A row's own bytes (twice, JSON's brackets aside): the most a batch may pass the budget by, or fall short of it when full.
      const rowBytes = messageBytes(posted[1]!) / posted[1]!.ids.length;
      for (const batch of full) {
        const bytes = messageBytes(batch);
        assert.ok(bytes <= BATCH_BYTES + 2 * rowBytes && bytes >= BATCH_BYTES - 2 * rowBytes, `a full batch of ${batch.ids.length} rows carries ${bytes} bytes (budget ${BATCH_BYTES}, a row ${rowBytes.toFixed(0)})`);
      }
      if (user) {
        assert.ok(full[0]!.ids.length < FULL / 5, `rows with 400-character user names: ${full[0]!.ids.length} a batch (${FULL} without)`);
      }
    }
  });

  it('calls back once the last rows are posted, not before: a search\'s end goes after its rows', async () => {
    const { rows, posted } = batcher();
    rows.add(entries(1, 1000));
    rows.flush();
    // Full batches until IN_FLIGHT are on their way.
    rows.add(entries(1001, (IN_FLIGHT - 2) * FULL));
    await turns(turnsToPack((IN_FLIGHT - 2) * FULL));
    rows.add(entries(1001 + (IN_FLIGHT - 2) * FULL, 300));
    let ended = 0;
    rows.end(() => ended++);
    assert.equal(ended, 0, 'IN_FLIGHT batches on their way: the last rows wait');
    await turns(turnsToPack(300));
    assert.equal(posted.length, IN_FLIGHT);
    assert.equal(ended, 0);
    rows.took(posted[1]!.sequence);
    assert.equal(posted.length, IN_FLIGHT + 1);
    assert.equal(posted.at(-1)!.ids.length, 300);
    assert.equal(ended, 1);
    rows.took(posted.at(-1)!.sequence);
    assert.equal(ended, 1, 'called once');
    // Nothing waiting: at once.
    rows.end(() => ended++);
    assert.equal(ended, 2);
  });

  it('forgets the batches on their way when a search starts again (a webview loaded again never takes them), and takes no sequence it did not post', async () => {
    const { rows, posted } = batcher();
    rows.add(entries(1, 1000));
    rows.flush();
    rows.took(99);
    rows.add(entries(1001, IN_FLIGHT * FULL));
    await turns(turnsToPack(IN_FLIGHT * FULL));
    assert.equal(posted.length, IN_FLIGHT, 'a sequence never posted frees nothing');
    let ended = 0;
    rows.end(() => ended++);
    rows.reset();
    rows.add(entries(5001, 1000));
    rows.flush();
    assert.equal(posted.length, IN_FLIGHT + 2, 'the new search\'s first two batches');
    assert.deepEqual(Array.from(posted[IN_FLIGHT]!.ids), entries(5001, FIRST_BATCH_ROWS).map((entry) => entry.id));
    rows.took(posted[IN_FLIGHT + 1]!.sequence);
    assert.equal(ended, 0, 'the old search\'s end was dropped with its rows');
  });

  it('packs a slice of rows a turn, not a whole batch at once, and posts a batch once it is packed', async () => {
    const { rows, posted } = batcher();
    rows.add(entries(1, FIRST_BATCH_ROWS));
    rows.took(posted[0]!.sequence);
    rows.add(entries(1 + FIRST_BATCH_ROWS, FULL));
    assert.equal(posted.length, 1, 'nothing packed yet');
    await turns(turnsToPack(FULL) - 1);
    assert.equal(posted.length, 1, 'one slice short of a batch');
    await turns(1);
    assert.equal(posted.length, 2, 'a full batch goes once packed');
    assert.deepEqual(Array.from(posted[1]!.ids), entries(1 + FIRST_BATCH_ROWS, FULL).map((entry) => entry.id));
  });

  it('whatever the page sizes and whenever the webview takes batches: every row once, in order, never more than IN_FLIGHT on their way', async () => {
    for (const seed of [1, 2]) {
      const random = new Random(seed);
      const { rows, posted, ids } = batcher();
      let next = 1;
      let takenUpTo = 0;
      let ended = false;
      const check = () => {
        assert.ok(posted.length - takenUpTo <= IN_FLIGHT, `seed ${seed}: ${posted.length - takenUpTo} batches on their way`);
        assert.ok(posted.every((batch) => batch.ids.length <= FULL && batch.ids.length > 0));
      };
      for (let page = 0; page < 40; page++) {
        const size = random.pick([0, 1, 99, 1000, 1000, 3000, FULL + 7]);
        rows.add(entries(next, size));
        next += size;
        check();
        await turns(random.int(0, 3));
        if (random.chance(0.6) && takenUpTo < posted.length) {
          rows.took(posted[takenUpTo++]!.sequence);
          check();
        }
      }
      rows.end(() => {
        ended = true;
      });
      while (!ended) {
        await turns(1);
        if (takenUpTo < posted.length) {
          rows.took(posted[takenUpTo++]!.sequence);
        }
        check();
      }
      assert.deepEqual(ids(), entries(1, next - 1).map((entry) => entry.id), `seed ${seed}: every row once, in the order added`);
      assert.deepEqual(posted.map((batch) => batch.sequence), posted.map((_, index) => index + 1));
    }
  });
});
