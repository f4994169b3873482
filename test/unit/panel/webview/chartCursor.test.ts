// The time chart's keyboard: where each key moves the cursor over stacked parts.
import * as assert from 'node:assert/strict';
import { moveCursor } from '../../../../src/panel/webview/chartCursor';

// Three bins; part 0 has entries in bins 0 and 1, part 1 in bins 1 and 2 only (bin 2 is the newest with data).
const parts = [{ counts: [2, 1, 0] }, { counts: [0, 3, 4] }];

describe('the time chart\'s keyboard cursor', () => {
  it('starts at the newest bin with entries, then moves in time, keeping the part where it has entries', () => {
    assert.deepEqual(moveCursor('ArrowLeft', undefined, parts, 3), { bin: 2, part: -1 });
    assert.deepEqual(moveCursor('ArrowLeft', { bin: 1, part: 0 }, parts, 3), { bin: 0, part: 0 });
    // Part 0 has nothing in bin 2: the whole bin is chosen there.
    assert.deepEqual(moveCursor('ArrowRight', { bin: 1, part: 0 }, parts, 3), { bin: 2, part: -1 });
    assert.deepEqual(moveCursor('ArrowRight', { bin: 2, part: 1 }, parts, 3), { bin: 2, part: 1 }, 'stays at the last bin');
    assert.deepEqual([moveCursor('Home', { bin: 2, part: -1 }, parts, 3), moveCursor('End', undefined, parts, 3)], [{ bin: 0, part: -1 }, { bin: 2, part: -1 }]);
  });

  it('climbs the stack with Up, from the whole bin to its lowest part with entries, and back down with Down', () => {
    assert.deepEqual(moveCursor('ArrowUp', { bin: 1, part: -1 }, parts, 3), { bin: 1, part: 0 });
    assert.deepEqual(moveCursor('ArrowUp', { bin: 1, part: 0 }, parts, 3), { bin: 1, part: 1 });
    assert.deepEqual(moveCursor('ArrowUp', { bin: 1, part: 1 }, parts, 3), { bin: 1, part: 1 }, 'the top stays');
    assert.deepEqual(moveCursor('ArrowDown', { bin: 1, part: 1 }, parts, 3), { bin: 1, part: 0 });
    assert.deepEqual(moveCursor('ArrowDown', { bin: 1, part: 0 }, parts, 3), { bin: 1, part: -1 });
    // Bin 2 holds part 1 only: Up from the whole bin goes to it, past the empty part 0.
    assert.deepEqual(moveCursor('ArrowUp', { bin: 2, part: -1 }, parts, 3), { bin: 2, part: 1 });
  });

  it('lets go with Escape, and ignores keys it does not take', () => {
    assert.equal(moveCursor('Escape', { bin: 1, part: 0 }, parts, 3), undefined);
    assert.equal(moveCursor('Escape', undefined, parts, 3), 'ignored');
    assert.equal(moveCursor('a', { bin: 1, part: 0 }, parts, 3), 'ignored');
  });
});
