// Filter dates in the forms real clients send, and `created` as responses write it.
import * as assert from 'node:assert/strict';
import { formatTimestamp, parseFilterDate } from '../../../../server/generate/dates';

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
});
