import * as assert from 'node:assert/strict';
import { Random } from '../../../../server/generate/random';
import { countHits, RefineScan, type TestedColumn } from '../../../../src/panel/webview/refineScan';

/** The rule the scan answers for: the candidates, in order, with a hit in any column. */
const oracle = (candidates: Uint32Array, columns: readonly TestedColumn[]) =>
  Array.from(candidates).filter((row) => columns.some(({ codes, hits }) => hits[codes[row]!] === 1));

function column(random: Random, rows: number, values: number, share: number): TestedColumn {
  const codes = Uint32Array.from({ length: rows }, () => random.int(0, values - 1));
  const hits = Uint8Array.from({ length: values }, () => (random.chance(share) ? 1 : 0));
  return { codes, hits, matching: countHits(hits) };
}

describe('RefineScan: the candidate rows with a matching value in any column', () => {
  it('keeps the candidates with a hit in any column, in their order, whatever the columns\' order', () => {
    const random = new Random(3);
    const rows = 2000;
    const columns = [column(random, rows, 5, 0.4), column(random, rows, 300, 0.05), column(random, rows, 1, 0)];
    const candidates = Uint32Array.from({ length: rows }, (_, n) => rows - 1 - n).filter(() => random.chance(0.7));
    const expected = oracle(candidates, columns);
    const scan = new RefineScan();
    assert.deepEqual(Array.from(scan.matchingRows(candidates, columns)), expected);
    assert.deepEqual(Array.from(scan.matchingRows(candidates, [...columns].reverse())), expected);
    // Positive control: some candidates kept, some not.
    assert.ok(expected.length > 100 && expected.length < candidates.length, `kept ${expected.length} of ${candidates.length}`);
  });

  it('reuses its buffer between scans of more and fewer candidates: nothing kept by one scan leaks into the next', () => {
    const random = new Random(4);
    const rows = 3000;
    const everything = { codes: new Uint32Array(rows), hits: Uint8Array.of(1), matching: 1 };
    const some = column(random, rows, 50, 0.2);
    const nothing = { codes: new Uint32Array(rows), hits: Uint8Array.of(0), matching: 0 };
    const all = Uint32Array.from({ length: rows }, (_, n) => n);
    const scan = new RefineScan();
    assert.equal(scan.matchingRows(all, [everything]).length, rows, 'positive control: a column matching every row keeps them all');
    // Fewer candidates after every place of the buffer was set: none of the last scan's flags count.
    const few = all.subarray(0, 100);
    assert.deepEqual(Array.from(scan.matchingRows(few, [nothing])), []);
    assert.deepEqual(Array.from(scan.matchingRows(few, [some])), oracle(few, [some]));
    // More candidates than ever (the buffer grows), then none.
    const more = Uint32Array.from({ length: 2 * rows }, (_, n) => n % rows);
    assert.deepEqual(Array.from(scan.matchingRows(more, [some])), oracle(more, [some]));
    assert.deepEqual(Array.from(scan.matchingRows(new Uint32Array(0), [some])), []);
    assert.deepEqual(Array.from(scan.matchingRows(all, [])), [], 'no column tested keeps nothing');
  });

  it('answers with the candidates themselves when every one matches, and leaves them as they were', () => {
    const candidates = Uint32Array.of(4, 2, 0);
    const codes = Uint32Array.of(0, 9, 1, 9, 0);
    const hits = Uint8Array.from({ length: 10 }, (_, code) => (code < 2 ? 1 : 0));
    const scan = new RefineScan();
    assert.equal(scan.matchingRows(candidates, [{ codes, hits, matching: 2 }]), candidates);
    assert.deepEqual(Array.from(candidates), [4, 2, 0]);
    // Positive control: one row fewer matching is a new array.
    const fewer = scan.matchingRows(Uint32Array.of(4, 3, 0), [{ codes, hits, matching: 2 }]);
    assert.deepEqual(Array.from(fewer), [4, 0]);
  });

  it('counts the hits of a column', () => {
    assert.equal(countHits(Uint8Array.of(1, 0, 1, 1)), 3);
    assert.equal(countHits(new Uint8Array(0)), 0);
  });
});
