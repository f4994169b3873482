import * as assert from 'node:assert/strict';
import { Random } from '../../../../server/generate/random';
import { numberKeys, sortRowsByKeys } from '../../../../src/panel/webview/radixSort';

/** Rows 0..n-1 in a seeded shuffled order: the order ties must keep. */
function shuffledRows(random: Random, count: number): Uint32Array {
  const rows = Uint32Array.from({ length: count }, (_, row) => row);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(0, i);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

describe('sortRowsByKeys: a stable radix sort of rows by key words', () => {
  it('orders rows as a stable comparator sort does, for one and two words, few and many distinct keys', () => {
    const random = new Random(21);
    for (const distinct of [1, 3, 70_000, 2 ** 32]) {
      const count = 5000;
      const rows = shuffledRows(random, count);
      const high = Uint32Array.from({ length: count }, () => Math.floor(random.float() * distinct));
      const low = Uint32Array.from({ length: count }, () => random.uint32() % 5);
      assert.deepEqual(Array.from(sortRowsByKeys(rows, [high])), Array.from(rows).sort((a, b) => high[a]! - high[b]!), `one word, ${distinct} keys`);
      assert.deepEqual(Array.from(sortRowsByKeys(rows, [high, low])), Array.from(rows).sort((a, b) => high[a]! - high[b]! || low[a]! - low[b]!), `two words, ${distinct} keys`);
    }
  });

  it('leaves the rows it was given as they were, and sorts a subset of rows', () => {
    const rows = Uint32Array.from([4, 0, 2]);
    const keys = Uint32Array.from([0x20000, 9, 0x10001, 9, 0]);
    assert.deepEqual(Array.from(sortRowsByKeys(rows, [keys])), [4, 2, 0]);
    assert.deepEqual(Array.from(rows), [4, 0, 2]);
    assert.deepEqual(Array.from(sortRowsByKeys(new Uint32Array(0), [keys])), []);
  });
});

describe('numberKeys: keys that sort numbers by value', () => {
  const sortedBy = (values: number[], descending: boolean) => {
    const rows = Uint32Array.from(values.keys());
    return Array.from(sortRowsByKeys(rows, numberKeys(Float64Array.from(values), rows, values.length, descending)));
  };
  const oracle = (values: number[], descending: boolean) => Array.from(values.keys()).sort((a, b) => (descending ? values[b]! - values[a]! : values[a]! - values[b]!));

  it('sorts whole numbers, fractions, negatives, -0 and 0 alike, huge and tiny numbers and infinities, both ways, ties in order', () => {
    const random = new Random(5);
    const specials = [0, -0, 1, -1, 0.5, -0.5, 2 ** 32, 2 ** 32 - 1, 2 ** 53, -(2 ** 53), 1e-300, -1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity];
    const mixed = Array.from({ length: 3000 }, () => (random.chance(0.2) ? random.pick(specials) : (random.float() - 0.5) * 10 ** random.int(0, 12)));
    const whole = Array.from({ length: 3000 }, () => random.int(0, 5) * 2 ** random.int(0, 29));
    for (const values of [mixed, whole]) {
      for (const descending of [false, true]) {
        assert.deepEqual(sortedBy(values, descending), oracle(values, descending), descending ? 'descending' : 'ascending');
      }
    }
  });
});
