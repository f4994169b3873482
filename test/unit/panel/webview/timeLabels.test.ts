import * as assert from 'node:assert/strict';
import { fromWallTime } from '../../../../src/activity/timeZone';
import { chooseBins } from '../../../../src/panel/webview/chartData';
import { binLabels, binText } from '../../../../src/panel/webview/timeLabels';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Two hours east of UTC all year (POSIX writes the sign the other way): every test passes its zone, so the machine's zone never matters. */
const ZONE = 'Etc/GMT-2';

/** The moment the wall clock of `zone` shows `wall` ("2026-11-20T12:00:00"). */
const at = (wall: string, zone = ZONE) => fromWallTime(Date.parse(`${wall}Z`), zone);

const pad = (value: number) => String(value).padStart(2, '0');

/** `count` bins of `step` from `from`. */
function binsFrom(from: number, step: number, count: number) {
  return { step, bins: Array.from({ length: count }, (_, i) => ({ from: from + i * step, to: from + (i + 1) * step })) };
}

describe('timeLabels: the activity chart\'s axis and bin labels', () => {
  it('labels bins within one day by the time of day only, with seconds when the step is under a minute', () => {
    assert.deepEqual(binLabels(binsFrom(at('2026-11-20T12:00:00'), 5 * MINUTE, 3), ZONE), ['12:00', '12:05', '12:10']);
    assert.deepEqual(binLabels(binsFrom(at('2026-11-20T23:59:30'), 15 * SECOND, 2), ZONE), ['23:59:30', '23:59:45']);
    assert.deepEqual(binLabels({ step: MINUTE, bins: [] }, ZONE), []);
  });

  it('adds the month and day across days, and the year across years', () => {
    assert.deepEqual(binLabels(binsFrom(at('2026-11-20T18:00:00'), 6 * HOUR, 3), ZONE), ['11-20 18:00', '11-21 00:00', '11-21 06:00']);
    assert.deepEqual(binLabels(binsFrom(at('2026-12-31T12:00:00'), 12 * HOUR, 3), ZONE), ['2026-12-31 12:00', '2027-01-01 00:00', '2027-01-01 12:00']);
  });

  it('labels bins of a day and more by their date alone', () => {
    assert.deepEqual(binLabels(binsFrom(at('2026-11-20T00:00:00'), DAY, 2), ZONE), ['11-20', '11-21']);
    assert.deepEqual(binLabels(binsFrom(at('2026-12-25T00:00:00'), 7 * DAY, 2), ZONE), ['2026-12-25', '2027-01-01']);
  });

  it('reads the wall clock of the zone it is given', () => {
    const from = Date.parse('2026-11-20T22:30:00Z');
    const bins = binsFrom(from, 30 * MINUTE, 1);
    assert.deepEqual(binLabels(bins, 'UTC'), ['22:30']);
    assert.deepEqual(binLabels(bins, ZONE), ['00:30'], 'two hours east it is already the next day');
    assert.deepEqual(binLabels(bins, 'America/Bogota'), ['17:30']);
    assert.equal(binText(from, from + 30 * MINUTE, 30 * MINUTE, 'Asia/Kolkata'), '2026-11-21 04:00 – 04:30', 'a zone off the hour');
  });

  it('in this machine\'s own zone, reads the wall clock Date\'s local getters read', () => {
    const from = Date.parse('2026-11-20T12:34:56Z');
    const local = new Date(from);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.deepEqual(binLabels(binsFrom(from, SECOND, 1), zone), [`${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`]);
  });

  it('labels the hours of a day when the clocks go forward or back by the wall clock: an hour skipped, an hour twice', () => {
    const berlin = 'Europe/Berlin';
    const spring = chooseBins(at('2026-03-29T00:00:00', berlin), at('2026-03-29T05:00:00', berlin), 60, berlin);
    assert.equal(spring.step, 5 * MINUTE);
    const springHours = chooseBins(at('2026-03-29T00:00:00', berlin), at('2026-03-29T05:00:00', berlin), 5, berlin);
    assert.equal(springHours.step, HOUR);
    assert.deepEqual(binLabels(springHours, berlin), ['00:00', '01:00', '03:00', '04:00']);
    const autumn = chooseBins(at('2026-10-25T00:00:00', berlin), at('2026-10-25T04:00:00', berlin), 5, berlin);
    assert.deepEqual(binLabels(autumn, berlin), ['00:00', '01:00', '02:00', '02:00', '03:00']);
  });

  it('writes a bin in full: its date and times, the end\'s date only when it falls on another day', () => {
    const noon = at('2026-11-20T12:00:00');
    assert.equal(binText(noon, noon + 5 * MINUTE, 5 * MINUTE, ZONE), '2026-11-20 12:00 – 12:05');
    assert.equal(binText(noon, noon + 15 * SECOND, 15 * SECOND, ZONE), '2026-11-20 12:00:00 – 12:00:15');
    const late = at('2026-11-20T23:00:00');
    assert.equal(binText(late, late + HOUR, HOUR, ZONE), '2026-11-20 23:00 – 00:00', 'a bin ending at midnight keeps to its day');
    const evening = at('2026-11-20T18:00:00');
    assert.equal(binText(evening, evening + 12 * HOUR, 12 * HOUR, ZONE), '2026-11-20 18:00 – 2026-11-21 06:00');
  });

  it('writes bins of a day and more as dates, the last day included', () => {
    const midnight = at('2026-11-20T00:00:00');
    assert.equal(binText(midnight, midnight + DAY, DAY, ZONE), '2026-11-20');
    assert.equal(binText(midnight, midnight + 2 * DAY, 2 * DAY, ZONE), '2026-11-20 – 2026-11-21');
    assert.equal(binText(midnight, midnight + 7 * DAY, 7 * DAY, ZONE), '2026-11-20 – 2026-11-26');
  });
});
