import * as assert from 'node:assert/strict';
import { LEASE_SWITCH_OFF, LEASE_SWITCH_VARIABLE, leaseDisabledByTest } from '../../../src/watchView/leaseSwitch';

describe('the watch lease test switch', () => {
  it('turns the lease off only for its own value, never for an unset variable or a casual one', () => {
    assert.equal(leaseDisabledByTest({ [LEASE_SWITCH_VARIABLE]: LEASE_SWITCH_OFF }), true, 'positive control: its value turns it off');
    for (const value of [undefined, '', '1', 'true', 'off', 'yes']) {
      assert.equal(leaseDisabledByTest({ [LEASE_SWITCH_VARIABLE]: value }), false, String(value));
    }
    assert.equal(leaseDisabledByTest({}), false);
  });
});
