import * as assert from 'node:assert/strict';
import { isoTimeFormatter } from '../../../src/search/isoTime';

describe('isoTimeFormatter: times as Date.prototype.toISOString writes them', () => {
  const DAY = 86_400_000;

  it('writes the same text for times across days, both ways, at the edges of a day and of a second', () => {
    const isoTime = isoTimeFormatter();
    const start = Date.UTC(2026, 10, 27);
    // Seeded steps (a linear congruential sequence): minutes to days apart, forwards and back.
    let seed = 21;
    const times = [start, start - 1, start + DAY - 1, start + DAY, 0, -1, -DAY, -DAY - 1, 999, 1000, 59_999, 3_599_999];
    for (let n = 0; n < 5000; n++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      times.push(start + (seed % (40 * DAY)) - 20 * DAY);
    }
    for (const ms of times) {
      assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
    }
  });

  it('writes years before 0 and after 9999 with their six digits and sign, and the last times a Date holds', () => {
    const isoTime = isoTimeFormatter();
    for (const ms of [Date.UTC(10_000, 0, 1, 5, 6, 7, 8), Date.UTC(-1, 11, 31, 23, 59, 59, 999), Date.UTC(0, 0, 1) - 1, 8.64e15, -8.64e15, 8.64e15 - 1]) {
      assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
    }
  });

  it('writes fractions of a millisecond as the platform does, and throws as it does for no time or one out of range', () => {
    const isoTime = isoTimeFormatter();
    assert.equal(isoTime(1.7), new Date(1.7).toISOString());
    assert.equal(isoTime(-0.5), new Date(-0.5).toISOString());
    for (const ms of [Number.NaN, 8.64e15 + 1, -8.64e15 - 1, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new Date(ms).toISOString(), RangeError, 'positive control: the platform throws');
      assert.throws(() => isoTime(ms), RangeError, String(ms));
    }
  });
});
