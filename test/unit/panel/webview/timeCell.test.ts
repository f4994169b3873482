import * as assert from 'node:assert/strict';
import { showTimesIn } from '../../../../src/activity/format';
import { timeCell } from '../../../../src/panel/webview/timeCell';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const WORDS = { justNow: 'gerade eben', minutesAgo: 'vor {0} Min.', hoursAgo: 'vor {0} Std.', daysAgo: 'vor {0} Tagen' };

describe('timeCell: the table\'s time, exact or relative, with the other form as its tooltip', () => {
  afterEach(() => showTimesIn(() => 'UTC'));

  it('counts back from the search\'s start in the words given, the exact time in the shown zone as the tooltip', () => {
    showTimesIn(() => 'Europe/Berlin');
    const times = [NOW - 10_000, NOW - 5 * 60_000, NOW - 3 * 3_600_000, NOW - 3 * 86_400_000];
    assert.deepEqual(times.map((time) => timeCell(time, { relative: true, now: NOW, words: WORDS })), [
      { text: 'gerade eben', title: '2026-11-20 12:59:50 GMT+1' },
      { text: 'vor 5 Min.', title: '2026-11-20 12:55:00 GMT+1' },
      { text: 'vor 3 Std.', title: '2026-11-20 10:00:00 GMT+1' },
      { text: 'vor 3 Tagen', title: '2026-11-17 13:00:00 GMT+1' },
    ]);
  });

  it('shows the exact time with how long ago as the tooltip when not relative', () => {
    assert.deepEqual(timeCell(NOW - 5 * 60_000, { relative: false, now: NOW, words: WORDS }), { text: '2026-11-20 11:55:00 UTC', title: 'vor 5 Min.' });
  });
});
