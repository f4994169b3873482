// The load's stage totals a benchmark reads: summed per stage with their counts, started afresh by a reset.
import * as assert from 'node:assert/strict';
import { addStageTime, resetStageTimes, stageTiming, stageTotals } from '../../../src/api/stageTimes';

describe('stage times', () => {
  afterEach(() => resetStageTimes());

  it('are off unless EXAVAULT_STAGE_TIMES names a file', () => {
    assert.equal(stageTiming, Boolean(process.env.EXAVAULT_STAGE_TIMES));
  });

  it('sum each stage\'s times and count them; a reset starts afresh', () => {
    const startedAt = performance.now();
    addStageTime('parse', startedAt);
    addStageTime('parse', startedAt);
    addStageTime('batch', startedAt);
    const totals = stageTotals();
    assert.deepEqual(Object.keys(totals).sort(), ['batch', 'parse']);
    assert.deepEqual([totals.parse!.count, totals.batch!.count], [2, 1]);
    assert.ok(totals.parse!.ms >= 0 && totals.batch!.ms >= 0);
    resetStageTimes();
    assert.deepEqual(stageTotals(), {});
  });
});
