import * as assert from 'node:assert/strict';
import { formatTime, showTimesIn } from '../../../src/activity/format';
import { fromWallTime, isTimeZone, resolveTimeZone, wallTime } from '../../../src/activity/timeZone';

const HOUR = 3_600_000;
const wall = (text: string) => Date.parse(`${text}Z`);

describe('time zones: the wall clock of a named zone', () => {
  it('knows zone names, and nothing else', () => {
    assert.ok(isTimeZone('Europe/Berlin'));
    assert.ok(isTimeZone('UTC'));
    assert.ok(!isTimeZone('Mars/Olympus_Mons'));
    assert.equal(resolveTimeZone('local', () => 'Asia/Tokyo'), 'Asia/Tokyo');
    assert.equal(resolveTimeZone('Utc', () => 'Asia/Tokyo'), 'UTC');
    assert.equal(resolveTimeZone('nowhere', () => 'Asia/Tokyo'), undefined);
  });

  // The week around each change: every hour of it read on the wall clock and back.
  for (const { zone, spring, autumn, winter, summer } of [
    { zone: 'Europe/Berlin', spring: '2026-03-29T02:00:00', autumn: '2026-10-25T02:00:00', winter: 1, summer: 2 },
    { zone: 'America/New_York', spring: '2026-03-08T02:00:00', autumn: '2026-11-01T01:00:00', winter: -5, summer: -4 },
  ]) {
    it(`reads ${zone}'s wall clock through a week of each daylight-saving change`, () => {
      const springChange = fromWallTime(wall(spring), zone);
      assert.equal(springChange, wall(spring) - winter * HOUR, 'the skipped hour starts with winter time\'s offset');
      for (let time = springChange - 72 * HOUR; time < springChange + 96 * HOUR; time += HOUR / 4) {
        const offset = time < springChange ? winter : summer;
        assert.equal(wallTime(time, zone), time + offset * HOUR);
        assert.equal(fromWallTime(wallTime(time, zone), zone), time, 'every wall time shown once or first reads back');
      }
      // The skipped hour's wall times are moved on by the hour.
      assert.equal(fromWallTime(wall(spring) + HOUR / 2, zone), springChange + HOUR / 2);
      assert.equal(wallTime(springChange + HOUR / 2, zone), wall(spring) + HOUR + HOUR / 2);

      // When the clocks go back, the hour before the change is shown twice: read back as its first time.
      const autumnChange = wall(autumn) - winter * HOUR;
      for (let time = autumnChange - 72 * HOUR; time < autumnChange + 96 * HOUR; time += HOUR / 4) {
        const offset = time < autumnChange ? summer : winter;
        assert.equal(wallTime(time, zone), time + offset * HOUR);
        const repeated = time >= autumnChange && time < autumnChange + HOUR;
        assert.equal(fromWallTime(wallTime(time, zone), zone), repeated ? time - HOUR : time);
      }
    });
  }

  it('formats times in the zone they are shown in, with it named; UTC until told', () => {
    const time = Date.parse('2026-07-01T10:00:00Z');
    assert.equal(formatTime(time), '2026-07-01 10:00:00 UTC');
    showTimesIn(() => 'Europe/Berlin');
    try {
      assert.equal(formatTime(time), '2026-07-01 12:00:00 GMT+2');
      assert.equal(formatTime(Date.parse('2026-11-20T10:00:00Z')), '2026-11-20 11:00:00 GMT+1');
      assert.equal(formatTime(time, 'America/New_York'), '2026-07-01 06:00:00 EDT');
    } finally {
      showTimesIn(() => 'UTC');
    }
  });
});
