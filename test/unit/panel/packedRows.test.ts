// Row batches cross to the webview packed: every column comes back exactly as it went, and packing
// shrinks what VS Code serialises (typed arrays, or each distinct cell once).
import * as assert from 'node:assert/strict';
import { Random } from '../../../server/generate/random';
import { ColumnPacker, packColumn, packColumns, type CellValue } from '../../../src/panel/packedRows';
import { unpackColumn } from '../../support/packedCells';

describe('packed rows', () => {
  it('gives back every column exactly: numbers, empty cells, text, numbers and text mixed, hostile keys, NaN', () => {
    const random = new Random(12);
    const columns: Record<string, CellValue[]> = {
      time: Array.from({ length: 500 }, (_, n) => 1_700_000_000_000 - n * 997),
      size: Array.from({ length: 500 }, () => (random.chance(0.2) ? null : random.pick([0, -0, 1, 2.5, 2 ** 40, Infinity, -Infinity]))),
      user: Array.from({ length: 500 }, () => random.pick(['alice', 'Alice', '', 'bob', '__proto__', 'constructor', 'toString'])),
      mixed: Array.from({ length: 500 }, () => random.pick<CellValue>(['1', 1, null, '', 'null', 0, '0'])),
      notANumber: [1, Number.NaN, null, 2],
      empty: [],
    };
    const unpacked = Object.fromEntries(Object.entries(packColumns(columns)).map(([id, column]) => [id, unpackColumn(column)]));
    assert.deepEqual(Object.keys(unpacked), Object.keys(columns));
    for (const [id, cells] of Object.entries(columns)) {
      assert.deepEqual(unpacked[id], cells, id);
      // -0 stays -0 (deepEqual's Object.is tells it from 0).
      unpacked[id]!.forEach((cell, n) => assert.ok(Object.is(cell, cells[n]), `${id} row ${n}`));
    }
  });

  it('sends a column of numbers as one Float64Array, and other columns as their distinct cells once each', () => {
    const size = packColumn([1, null, 3]);
    assert.ok('numbers' in size && size.numbers instanceof Float64Array && size.numbers.length === 3);
    const users = packColumn(['alice', 'bob', 'alice', 'alice', null, 'bob']);
    assert.ok('distinct' in users);
    assert.deepEqual([users.distinct, Array.from(users.codes)], [['alice', 'bob', null], [0, 1, 0, 0, 2, 1]]);
    // Positive control: text the numbers' path must not take.
    assert.ok('distinct' in packColumn([1, '2']));
    assert.deepEqual(unpackColumn(packColumn([1, '2'])), [1, '2']);
  });

  it('knows about what a column takes in the message as it grows: its typed array, and each distinct cell once as JSON', () => {
    const random = new Random(5);
    const cases: CellValue[][] = [
      Array.from({ length: 300 }, () => (random.chance(0.1) ? null : random.int(0, 1e9))),
      Array.from({ length: 300 }, () => random.pick<CellValue>(['alice', 'bob', null, 'x'.repeat(random.int(0, 200))])),
      // Numbers first, then text: the numbers become codes.
      [...Array.from({ length: 150 }, (_, n) => n), ...Array.from({ length: 150 }, (_, n) => `path/${n}`)],
    ];
    for (const cells of cases) {
      const packer = new ColumnPacker(cells.length);
      cells.forEach((cell, n) => {
        packer.add(cell);
        const packed = packer.finish();
        const carried = 'numbers' in packed ? packed.numbers.byteLength : packed.codes.byteLength + JSON.stringify(packed.distinct).length;
        // JSON's brackets aside.
        assert.ok(Math.abs(packer.bytes - carried) <= 2, `after ${n + 1} cells: ${packer.bytes} estimated, ${carried} carried`);
      });
    }
  });
});
