import * as assert from 'node:assert/strict';
import type { SessionEntry } from '../../../src/api/models';
import { heldColumns } from '../../../src/panel/columns';
import type { RowBatch } from '../../../src/panel/protocol';
import { BATCH_ROWS, FIRST_BATCH_ROWS, IN_FLIGHT, PACK_SLICE_ROWS, RowBatcher } from '../../../src/panel/rowBatches';
import { Random } from '../../../server/generate/random';

const T = Date.parse('2026-11-20T12:00:00Z');

function entries(first: number, count: number): SessionEntry[] {
  return Array.from({ length: count }, (_, n) => ({ id: first + n, created: T - (first + n) * 1000, username: `user${(first + n) % 7}` }) as SessionEntry);
}

/** A batcher and what it posted, as ids and sequence numbers; its timers cleared after each test. */
function batcher(): { rows: RowBatcher; posted: RowBatch[]; ids: () => number[] } {
  const posted: RowBatch[] = [];
  const rows = new RowBatcher('sessions', () => heldColumns('sessions', ['time', 'user']), (batch) => posted.push(batch));
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
    // Two on their way: a full batch's worth of rows waits.
    rows.add(entries(1001, BATCH_ROWS));
    rows.add(entries(1001 + BATCH_ROWS, 500));
    await turns(turnsToPack(BATCH_ROWS + 500));
    assert.equal(posted.length, IN_FLIGHT);
    rows.took(posted[0]!.sequence);
    assert.equal(posted.length, 3, 'one taken, one more posted');
    assert.equal(posted[2]!.ids.length, BATCH_ROWS);
    rows.took(posted[1]!.sequence);
    assert.equal(posted.length, 4);
    assert.equal(posted[3]!.ids.length, 500);
    assert.deepEqual(ids(), entries(1, 1000 + BATCH_ROWS + 500).map((entry) => entry.id), 'every row once, in the order added');
    assert.deepEqual(posted.map((batch) => batch.sequence), [1, 2, 3, 4]);
    assert.equal(posted.slice(1).filter((batch) => batch.arrivedAt !== undefined).length, 0);
  });

  it('calls back once the last rows are posted, not before: a search\'s end goes after its rows', async () => {
    const { rows, posted } = batcher();
    rows.add(entries(1, 1000));
    rows.flush();
    rows.add(entries(1001, 300));
    let ended = 0;
    rows.end(() => ended++);
    assert.equal(ended, 0, 'two batches on their way: the last rows wait');
    await turns(turnsToPack(300));
    assert.equal(posted.length, 2);
    assert.equal(ended, 0);
    rows.took(posted[1]!.sequence);
    assert.equal(posted.length, 3);
    assert.equal(ended, 1);
    rows.took(posted[2]!.sequence);
    assert.equal(ended, 1, 'called once');
    // Nothing waiting: at once.
    rows.end(() => ended++);
    assert.equal(ended, 2);
  });

  it('forgets the batches on their way when a search starts again (a webview loaded again never takes them), and takes no sequence it did not post', () => {
    const { rows, posted } = batcher();
    rows.add(entries(1, 1000));
    rows.flush();
    rows.took(99);
    rows.add(entries(1001, BATCH_ROWS));
    assert.equal(posted.length, 2, 'a sequence never posted frees nothing');
    let ended = 0;
    rows.end(() => ended++);
    rows.reset();
    rows.add(entries(5001, 1000));
    rows.flush();
    assert.equal(posted.length, 4, 'the new search\'s first two batches');
    assert.deepEqual(Array.from(posted[2]!.ids), entries(5001, FIRST_BATCH_ROWS).map((entry) => entry.id));
    rows.took(posted[3]!.sequence);
    assert.equal(ended, 0, 'the old search\'s end was dropped with its rows');
  });

  it('packs a slice of rows a turn, not a whole batch at once, and posts a batch once it is packed', async () => {
    const { rows, posted } = batcher();
    rows.add(entries(1, FIRST_BATCH_ROWS));
    rows.took(posted[0]!.sequence);
    rows.add(entries(1 + FIRST_BATCH_ROWS, BATCH_ROWS));
    assert.equal(posted.length, 1, 'nothing packed yet');
    await turns(turnsToPack(BATCH_ROWS) - 1);
    assert.equal(posted.length, 1, 'one slice short of a batch');
    await turns(1);
    assert.equal(posted.length, 2, 'a full batch goes once packed');
    assert.deepEqual(Array.from(posted[1]!.ids), entries(1 + FIRST_BATCH_ROWS, BATCH_ROWS).map((entry) => entry.id));
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
        assert.ok(posted.every((batch) => batch.ids.length <= BATCH_ROWS && batch.ids.length > 0));
      };
      for (let page = 0; page < 40; page++) {
        const size = random.pick([0, 1, 99, 1000, 1000, 3000, BATCH_ROWS + 7]);
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
