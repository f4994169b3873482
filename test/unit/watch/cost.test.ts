import * as assert from 'node:assert/strict';
import { costText, DEFAULT_DAILY_ALLOWANCE, DEFAULT_MAX_SHARE_OF_ALLOWANCE, estimateCost, intervalWithinShare, plannedCost, STRETCH_TO_SHARE } from '../../../src/watch/cost';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('watch cost', () => {
  it('counts one call per log per poll on a quiet account', () => {
    const estimate = estimateCost({ intervalMs: MINUTE, streams: 2, dailyAllowance: 100_000 });
    assert.equal(estimate.callsPerDay, 2 * DAY / MINUTE);
    assert.equal(estimate.dailyAllowance, 100_000);
    assert.equal(estimate.share, 2880 / 100_000);
  });

  it('counts the calls a busy poll makes', () => {
    assert.equal(estimateCost({ intervalMs: MINUTE, streams: 2, dailyAllowance: 100_000, callsPerPoll: 3 }).callsPerDay, 3 * 2880);
  });

  it('assumes the smallest plan while the allowance is unknown or nonsense', () => {
    for (const dailyAllowance of [undefined, 0, -5, NaN]) {
      assert.equal(estimateCost({ intervalMs: MINUTE, streams: 1, dailyAllowance }).dailyAllowance, DEFAULT_DAILY_ALLOWANCE);
    }
  });

  it('keeps the interval asked for when it is within the share', () => {
    // 2 logs every 2 minutes: 1,440 calls, 2.9% of 50,000 (under 4.5%).
    assert.equal(intervalWithinShare({ intervalMs: 2 * MINUTE, streams: 2, dailyAllowance: 50_000 }), 2 * MINUTE);
  });

  it('stretches the interval so the estimate stays a tenth below the share', () => {
    for (const [intervalMs, streams, dailyAllowance, maxShare, callsPerPoll] of [
      [MINUTE, 2, 50_000, DEFAULT_MAX_SHARE_OF_ALLOWANCE, 1],
      [10_000, 2, 50_000, 0.05, 1],
      [10_000, 3, 7_777, 0.013, 2.5],
      [1_000, 2, 2_000_000, 0.01, 1],
    ] as const) {
      const stretched = intervalWithinShare({ intervalMs, streams, dailyAllowance, maxShare, callsPerPoll });
      const estimate = estimateCost({ intervalMs: stretched, streams, dailyAllowance, callsPerPoll });
      assert.ok(stretched > intervalMs, `stretched from ${intervalMs}`);
      assert.ok(estimate.share <= maxShare * STRETCH_TO_SHARE, `${estimate.share} <= ${maxShare} * ${STRETCH_TO_SHARE}`);
      // Whole seconds, and the shortest such: a second less would go past it.
      assert.equal(stretched % 1000, 0);
      assert.ok(estimateCost({ intervalMs: stretched - 1000, streams, dailyAllowance, callsPerPoll }).share > maxShare * STRETCH_TO_SHARE);
    }
  });

  it('says the cost in words, with the share in percent', () => {
    const text = costText(estimateCost({ intervalMs: MINUTE, streams: 2, dailyAllowance: 50_000 }));
    assert.equal(text, `about ${(2880).toLocaleString()} calls a day, ${(5.8).toLocaleString()}% of your allowance`);
    assert.equal(costText({ callsPerDay: 1, dailyAllowance: 10, share: 0.1 }), 'about 1 call a day, 10% of your allowance');
  });
});

describe('plannedCost', () => {
  it('is the cost at the interval asked for, or at the stretched one when that would spend more than the share', () => {
    assert.deepEqual(plannedCost({ intervalMs: 300_000, maxShare: 0.05, streams: 2, dailyAllowance: 50_000 }), estimateCost({ intervalMs: 300_000, streams: 2, dailyAllowance: 50_000 }));
    const stretched = plannedCost({ intervalMs: 1000, maxShare: 0.05, streams: 2, dailyAllowance: 50_000 });
    assert.ok(stretched.share <= 0.05, `${stretched.share}`);
    assert.ok(stretched.callsPerDay < estimateCost({ intervalMs: 1000, streams: 2, dailyAllowance: 50_000 }).callsPerDay, 'positive control: one call a second would spend more');
  });
});
