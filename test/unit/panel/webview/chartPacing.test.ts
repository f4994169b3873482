import * as assert from 'node:assert/strict';
import { chartsWait, FIRST_WAIT_MS, INTERVAL_MS, LOADING_SHARE } from '../../../../src/panel/webview/chartPacing';

describe('chartsWait: when the charts count the rows again', () => {
  const drewAt = 50_000;

  it('waits a little after a change, and counts at most every INTERVAL_MS, loading or not, while counts are cheap', () => {
    for (const loading of [false, true]) {
      assert.equal(chartsWait(drewAt + 10 * INTERVAL_MS, drewAt, 5, loading), FIRST_WAIT_MS, 'long after the last count');
      assert.equal(chartsWait(drewAt + 100, drewAt, 5, loading), INTERVAL_MS - 100);
      assert.equal(chartsWait(drewAt + INTERVAL_MS - 10, drewAt, 5, loading), FIRST_WAIT_MS, 'never sooner than FIRST_WAIT_MS');
    }
    assert.equal(chartsWait(drewAt + 100, drewAt, INTERVAL_MS * LOADING_SHARE, true), INTERVAL_MS - 100, 'a count of exactly the share');
  });

  it('while a load runs, spaces costly counts so they take at most LOADING_SHARE of the time; not once it ended', () => {
    for (const drewMs of [40, 250, 1000]) {
      const wait = chartsWait(drewAt + drewMs, drewAt, drewMs, true);
      const interval = drewMs + wait;
      assert.ok(drewMs / interval <= LOADING_SHARE + 1e-9, `${drewMs} ms counts every ${interval} ms`);
      assert.equal(interval, Math.max(INTERVAL_MS, drewMs / LOADING_SHARE));
      // The same count once the load ended: at most INTERVAL_MS apart again.
      assert.equal(chartsWait(drewAt + drewMs, drewAt, drewMs, false), Math.max(FIRST_WAIT_MS, INTERVAL_MS - drewMs));
    }
  });
});
