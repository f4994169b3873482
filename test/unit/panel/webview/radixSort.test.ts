import * as assert from 'node:assert/strict';
import { Random } from '../../../../server/generate/random';
import { numberKeys, numberRanks, sortByRank, sortRowsByKeys } from '../../../../src/panel/webview/radixSort';

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

describe('sortByRank: a stable counting or radix sort of rows by rank', () => {
  /** The comparator sort it replaces: by rank (highest first when descending), the last rank last when asked, ties in the order given. */
  function oracle(order: Uint32Array, rankOf: (row: number) => number, buckets: number, descending: boolean, lastStaysLast: boolean): number[] {
    const key = (row: number) => (lastStaysLast && rankOf(row) === buckets - 1 ? Infinity : descending ? -rankOf(row) : rankOf(row));
    return Array.from(order).sort((a, b) => key(a) - key(b));
  }

  it('orders rows as the stable comparator sort does, both ways, with the absent rank last or not, for one, a few and many ranks', () => {
    const random = new Random(33);
    // Up to 65,536 ranks a counting sort; more take radix passes (two of 9 bits from 65,537 to 2^18, three of 8 for 2^23).
    for (const buckets of [1, 2, 7, 65_536, 65_537, 70_000, 2 ** 18, 2 ** 23]) {
      const count = 5000;
      const order = shuffledRows(random, count);
      const ranks = Uint32Array.from({ length: count }, () => random.int(0, buckets - 1));
      for (const descending of [false, true]) {
        for (const lastStaysLast of [false, true]) {
          const label = `${buckets} ranks, ${descending ? 'descending' : 'ascending'}${lastStaysLast ? ', absent last' : ''}`;
          assert.deepEqual(Array.from(sortByRank(order, ranks, undefined, buckets, descending, lastStaysLast)), oracle(order, (row) => ranks[row]!, buckets, descending, lastStaysLast), label);
        }
      }
    }
  });

  it('ranks rows through their codes, codes of one rank tied in the order given, and sorts a subset of rows without changing it', () => {
    const random = new Random(34);
    const codeRanks = Uint32Array.from([2, 0, 2, 1, 0]);
    const codes = Uint32Array.from({ length: 3000 }, () => random.int(0, codeRanks.length - 1));
    const order = shuffledRows(random, codes.length).subarray(0, 1000);
    const given = Array.from(order);
    for (const descending of [false, true]) {
      assert.deepEqual(Array.from(sortByRank(order, codes, codeRanks, 3, descending)), oracle(order, (row) => codeRanks[codes[row]!]!, 3, descending, false));
    }
    assert.deepEqual(Array.from(order), given);
    assert.deepEqual(Array.from(sortByRank(new Uint32Array(0), codes, codeRanks, 3, true)), []);
  });

  it('sorts as the comparator sort does with as many distinct ranks as rows, most of them far apart, through codes too', () => {
    const random = new Random(35);
    const count = 200_000;
    const order = shuffledRows(random, count);
    // Every row its own rank (a million sizes, all different), and a few ties among them.
    const ranks = shuffledRows(random, count).map((rank) => (rank % 1000 === 0 ? 7 : rank));
    const codes = shuffledRows(random, count);
    const codeRanks = new Uint32Array(count);
    codes.forEach((code, row) => {
      codeRanks[code] = ranks[row]!;
    });
    const given = Array.from(order);
    for (const descending of [false, true]) {
      for (const lastStaysLast of [false, true]) {
        const expected = oracle(order, (row) => ranks[row]!, count, descending, lastStaysLast);
        assert.deepEqual(Array.from(sortByRank(order, ranks, undefined, count, descending, lastStaysLast)), expected, `by rank, ${descending ? 'descending' : 'ascending'}${lastStaysLast ? ', absent last' : ''}`);
        assert.deepEqual(Array.from(sortByRank(order, codes, codeRanks, count, descending, lastStaysLast)), expected, 'through codes');
      }
    }
    assert.deepEqual(Array.from(order), given);
  });
});

describe('numberRanks: each row\'s rank among a column\'s values', () => {
  it('ranks as the sorted distinct values do: equal values (-0 and 0 too) alike, absent values last, fractions, negatives, huge numbers and infinities in place', () => {
    const random = new Random(35);
    const specials = [Number.NaN, 0, -0, 1, -1, 0.5, -0.5, 2 ** 32, 2 ** 53, -(2 ** 53), 1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity];
    const values = Float64Array.from({ length: 4000 }, () => (random.chance(0.3) ? random.pick(specials) : random.int(0, 50) * 2 ** random.int(0, 40)));
    const distinct = [...new Set(Array.from(values).filter((value) => !Number.isNaN(value)).map((value) => (value === 0 ? 0 : value)))].sort((a, b) => a - b);
    const { ranks, buckets } = numberRanks(values, values.length);
    assert.equal(buckets, distinct.length + 1);
    values.forEach((value, row) => {
      assert.equal(ranks[row], Number.isNaN(value) ? distinct.length : distinct.indexOf(value === 0 ? 0 : value), `row ${row}: ${value}`);
    });
    // Positive control: the absent and -0 were among the values ranked.
    assert.ok(values.some(Number.isNaN) && values.some((value) => Object.is(value, -0)));
  });

  it('ranks only the rows held (the arrays are longer)', () => {
    const { ranks, buckets } = numberRanks(Float64Array.from([5, Number.NaN, 3, 1, 0]), 3);
    assert.deepEqual(Array.from(ranks), [1, 2, 0]);
    assert.equal(buckets, 3);
  });
});
