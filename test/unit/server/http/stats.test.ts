// The traffic counts a benchmark reads: answer times summed per request, zeroed by a reset.
import * as assert from 'node:assert/strict';
import { StatsRecorder } from '../../../../server/http/stats';

describe('server stats', () => {
  it('sums each answered request\'s time and zeroes it on reset, keeping requests in flight', () => {
    const stats = new StatsRecorder();
    stats.requestStarted('/api/v2/activity/session');
    stats.requestStarted('/api/v2/activity/session');
    stats.requestStarted('/api/v2/activity/session');
    stats.requestEnded(12);
    stats.requestEnded(30);
    assert.deepEqual([stats.snapshot().answerMs, stats.snapshot().inFlight], [42, 1]);
    stats.reset();
    assert.deepEqual([stats.snapshot().answerMs, stats.snapshot().inFlight], [0, 1]);
    stats.requestEnded(5);
    assert.deepEqual([stats.snapshot().answerMs, stats.snapshot().inFlight], [5, 0]);
  });
});
