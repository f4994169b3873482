import * as assert from 'node:assert/strict';
import { LEASE_HEARTBEAT_MS } from '../../../src/watch/lease';
import { NORMAL_PACE, PACE_SWITCH_QUICK, PACE_SWITCH_VARIABLE, quickPaceByTest } from '../../../src/watchView/paceSwitch';

describe('the watch pace test switch', () => {
  it('quickens the watch only for its own value, never for an unset variable or a casual one', () => {
    const quick = quickPaceByTest({ [PACE_SWITCH_VARIABLE]: PACE_SWITCH_QUICK });
    assert.ok(quick, 'positive control: its value quickens it');
    assert.ok(quick.heartbeatMs < NORMAL_PACE.heartbeatMs && quick.shortestIntervalMs < NORMAL_PACE.shortestIntervalMs);
    for (const value of [undefined, '', '1', 'true', 'quick', 'yes']) {
      assert.equal(quickPaceByTest({ [PACE_SWITCH_VARIABLE]: value }), undefined, String(value));
    }
    assert.equal(quickPaceByTest({}), undefined);
  });

  it('keeps the lease\'s own heartbeat and the settings\' floor as the normal pace', () => {
    assert.deepEqual(NORMAL_PACE, { shortestIntervalMs: 3_000, heartbeatMs: LEASE_HEARTBEAT_MS });
  });
});
