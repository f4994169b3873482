import * as assert from 'node:assert/strict';
import { formatSpan } from '../../../src/activity/format';
import { windowText } from '../../../src/activity/windowText';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (...agesMs: number[]) => agesMs.map((age) => ({ created: NOW.getTime() - age }));

describe('the sidebar header\'s window', () => {
  it('names the window when every entry of it is loaded (none loaded included)', () => {
    assert.equal(windowText(7 * DAY, at(HOUR, 3 * DAY), true, NOW), 'last 7 days');
    assert.equal(windowText(24 * HOUR, [], true, NOW), 'last 24 h');
    assert.equal(windowText(100 * HOUR, [], true, NOW), 'last 100 h');
  });

  it('says how many are loaded and how far back they reach when the window holds more', () => {
    const loaded = at(...Array.from({ length: 200 }, (_, i) => (i * 16 * HOUR) / 199));
    assert.equal(windowText(7 * DAY, loaded, false, NOW), '200 loaded · newest 16 h of 7 days');
    assert.equal(windowText(24 * HOUR, at(5 * 60_000, 45 * 60_000, 10 * 60_000), false, NOW), '3 loaded · newest 45 min of 24 h');
    // Undated entries reach nowhere: the window alone.
    assert.equal(windowText(7 * DAY, [{ created: undefined }], false, NOW), 'last 7 days');
  });

  it('reads lengths of time in their largest whole unit', () => {
    assert.deepEqual([10_000, 45 * 60_000, 90 * 60_000, 36 * HOUR, 2 * DAY, 90 * DAY, 80 * HOUR].map(formatSpan), ['1 min', '45 min', '2 h', '36 h', '2 days', '90 days', '3 days']);
  });
});
