// The indexes under the store: positions per value in ascending order, folded keys, and prefixes
// whose positions are merged from many values.
import * as assert from 'node:assert/strict';
import { CategoryColumn } from '../../../../server/query/columns';
import { EqualityIndex, PrefixIndex } from '../../../../server/query/indexes';

describe('local server: indexes', () => {
  //              position:  0       1       2       3          4       5        6       7       8
  const values = ['/a/x', '/b/y', '/a/y', '/A/x', '/a/x', '/ab', '/b/y', '/a/z', '/a/y'];
  const column = CategoryColumn.withCapacity<string>(values.length);
  values.forEach((value, position) => column.set(position, value));

  it('lists the positions of a value in ascending order, within a range', () => {
    const index = new EqualityIndex(column);
    const match = index.matching('/a/x')!;
    assert.deepEqual([...match.positions(0, 9)], [0, 4]);
    assert.deepEqual([...match.positions(1, 9)], [4]);
    assert.deepEqual([match.estimate(0, 9), match.estimate(1, 4)], [2, 0]);
    assert.deepEqual([match.test(4), match.test(3)], [true, false]);
    assert.equal(index.matching('/nope'), undefined);
  });

  it('folds case when asked', () => {
    const index = new EqualityIndex(column, (value) => String(value).toLowerCase());
    assert.deepEqual([...index.matching('/A/X')!.positions(0, 9)], [0, 3, 4]);
  });

  it('merges the positions of every value with a prefix, in order', () => {
    const prefixes = new PrefixIndex(new EqualityIndex(column));
    const under = prefixes.matching('/a/')!;
    assert.deepEqual([...under.positions(0, 9)], [0, 2, 4, 7, 8]);
    assert.deepEqual([...under.positions(3, 8)], [4, 7]);
    assert.equal(under.estimate(0, 9), 5);
    assert.deepEqual([...prefixes.matching('/a')!.positions(0, 9)], [0, 2, 4, 5, 7, 8]);
    assert.deepEqual([...prefixes.matching('')!.positions(0, 9)], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(prefixes.matching('/c'), undefined);
    assert.equal(under.test(5), false);
  });

  it('ranks values case-insensitively, equal ones alike', () => {
    const ranks = column.ranks();
    const rank = (position: number) => ranks[column.codes[position]!]!;
    assert.equal(rank(0), rank(3));
    assert.ok(rank(0) < rank(2) && rank(2) < rank(7) && rank(7) < rank(5) && rank(5) < rank(1));
  });
});
