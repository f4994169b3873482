// Filter dates in the forms real clients send, and `created` as responses write it.
import * as assert from 'node:assert/strict';
import { formatTimestamp, parseFilterDate } from '../../../../server/generate/dates';
import { Random } from '../../../../server/generate/random';

describe('local server: dates', () => {
  it('reads the forms official clients send', () => {
    assert.equal(parseFilterDate('2020-11-17T18:20:30.000Z'), Date.UTC(2020, 10, 17, 18, 20, 30));
    assert.equal(parseFilterDate('2020-11-17T18:20:30Z'), Date.UTC(2020, 10, 17, 18, 20, 30));
    assert.equal(parseFilterDate('2020-11-17T10:20:30.123456'), Date.UTC(2020, 10, 17, 10, 20, 30) + 123.456);
    assert.equal(parseFilterDate('2020-12-10T00:00:00-08:00'), Date.UTC(2020, 11, 10, 8));
    assert.equal(parseFilterDate('2020-12-10T05:30:00+0530'), Date.UTC(2020, 11, 10));
    assert.equal(parseFilterDate('2020-12-09 14:00:00'), Date.UTC(2020, 11, 9, 14));
    assert.equal(parseFilterDate('2020-12-09'), Date.UTC(2020, 11, 9));
  });

  it('refuses what is not a date, or a date that does not exist', () => {
    for (const text of ['', 'yesterday', '1606000000', '2020-12-9', '2020-02-30', '2021-02-29T00:00:00Z', '2020-12-09T24:00:00Z',
      '2020-12-09T12:60:00Z', '2020-12-09T12:00:00+25:00', '2020-12-09T12:00:00 08:00', '2020-12-09T12:00:00Zjunk']) {
      assert.equal(parseFilterDate(text), undefined, text);
    }
    assert.equal(parseFilterDate('2020-02-29'), Date.UTC(2020, 1, 29));
  });

  it('writes created to the second, with Z or an offset for the same instant', () => {
    const instant = Date.UTC(2020, 6, 30, 10, 40, 35);
    assert.equal(formatTimestamp(instant), '2020-07-30T10:40:35Z');
    assert.equal(formatTimestamp(instant, -420), '2020-07-30T03:40:35-07:00');
    assert.equal(formatTimestamp(instant, 330), '2020-07-30T16:10:35+05:30');
    assert.equal(parseFilterDate(formatTimestamp(instant, -420)), instant);
  });

  it('writes every instant as the platform\'s ISO text does, hour after hour, across days and years, before 1970 and after 9999', () => {
    const reference = (ms: number, offsetMinutes: number) => {
      const size = Math.abs(offsetMinutes);
      const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
      return `${new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)}${zone}`;
    };
    const random = new Random(5);
    const instants = [0, -1, 999, 1000, Date.UTC(2020, 11, 31, 23, 59, 59, 999), Date.UTC(2021, 0, 1), Date.UTC(2024, 1, 29, 12),
      Date.UTC(9999, 11, 31, 23, 59, 59), Date.UTC(10_000, 0, 1, 0, 0, 1), Date.UTC(1969, 11, 31, 23, 59, 59, 500)];
    for (let i = 0; i < 20_000; i++) {
      // Runs of nearby instants (as a page's are), then a jump anywhere from 1900 to 2100; fractions of a millisecond too.
      const previous = instants.at(-1)!;
      instants.push(i % 50 === 0 ? Date.UTC(1900, 0, 1) + random.float() * 200 * 365.25 * 86_400_000 : previous - random.float() * 120_000);
    }
    for (const ms of instants) {
      for (const offset of [0, -420, 330, 840, -720, 60]) {
        assert.equal(formatTimestamp(ms, offset), reference(ms, offset), `${ms} ${offset}`);
      }
    }
  });
});
