import * as assert from 'node:assert/strict';
import { formatTime } from '../../../src/activity/format';
import {
  customRange, endpointUrlError, ipAddressError, parseDateInput, pathError, rangeEndError, rangeStartError, statusError,
} from '../../../src/search/inputChecks';

const now = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;

describe('dates as people type them', () => {
  it('reads a date, a date and time (space or T, with or without seconds) as local time', () => {
    assert.equal(parseDateInput('2026-11-20'), new Date(2026, 10, 20).getTime());
    assert.equal(parseDateInput(' 2026-11-20 14:00 '), new Date(2026, 10, 20, 14, 0).getTime());
    assert.equal(parseDateInput('2026-11-20 9:05'), new Date(2026, 10, 20, 9, 5).getTime());
    assert.equal(parseDateInput('2026-11-20T14:00:05'), new Date(2026, 10, 20, 14, 0, 5).getTime());
    assert.equal(parseDateInput('2026-11-20T14:00:05.250'), new Date(2026, 10, 20, 14, 0, 5, 250).getTime());
  });

  it('reads ISO 8601 with Z or an offset as that instant', () => {
    assert.equal(parseDateInput('2026-11-20T14:00:00Z'), Date.parse('2026-11-20T14:00:00Z'));
    assert.equal(parseDateInput('2026-11-20T14:00:00.123456z'), Date.parse('2026-11-20T14:00:00.123Z'));
    assert.equal(parseDateInput('2026-11-20T14:00:00-08:00'), Date.parse('2026-11-20T22:00:00Z'));
    assert.equal(parseDateInput('2026-11-20 14:00+0530'), Date.parse('2026-11-20T08:30:00Z'));
    assert.equal(parseDateInput('2026-11-20T14:00+02'), Date.parse('2026-11-20T12:00:00Z'));
  });

  it('refuses what is not a date, or not a real one', () => {
    for (const text of ['', 'yesterday', '20/11/2026', '2026-11-20 14', '2026-13-01', '2026-02-30', '2026-11-20 24:00', '2026-11-20 12:60', '2026-11-20Z']) {
      assert.equal(parseDateInput(text), undefined, text);
    }
  });
});

describe('a custom range, checked as it is typed', () => {
  it('takes a start within the last 90 days', () => {
    assert.equal(rangeStartError('2026-11-20T00:00:00Z', now), undefined);
    assert.equal(rangeStartError(new Date(now.getTime() - 90 * DAY + 60_000).toISOString(), now), undefined);
  });

  it('says how to write a date', () => {
    assert.match(rangeStartError('next tuesday', now)!, /Enter a date such as 2026-11-20, 2026-11-20 14:00 or 2026-11-20T14:00:00Z/);
    assert.match(rangeStartError('', now)!, /Enter a date/);
    assert.match(rangeEndError('2026-11-31', 0, now)!, /Enter a date/);
  });

  it('refuses the future (beyond a minute of clock skew) and more than 90 days back, naming the earliest time', () => {
    assert.equal(rangeStartError('2026-11-26T12:00:30Z', now), undefined);
    assert.equal(rangeStartError('2026-11-26T12:02:00Z', now), 'That is in the future.');
    assert.equal(rangeEndError('2026-11-27T00:00:00Z', 0, now), 'That is in the future.');
    assert.equal(rangeStartError('2026-08-28T11:59:00Z', now), `ExaVault keeps 90 days of activity: enter a time after ${formatTime(Date.parse('2026-08-28T12:00:00Z'))}.`);
  });

  it('wants the end after the start; an empty end is now', () => {
    const from = Date.parse('2026-11-20T10:00:00Z');
    assert.equal(rangeEndError('2026-11-20T10:00:00Z', from, now), `The end must be after the start (${formatTime(from)}).`);
    assert.match(rangeEndError('2026-11-19T23:00:00Z', from, now)!, /The end must be after the start/);
    assert.equal(rangeEndError('2026-11-21T10:00:00Z', from, now), undefined);
    assert.equal(rangeEndError('  ', from, now), undefined);
    assert.deepEqual(customRange('2026-11-20T10:00:00Z', '', now), { from, to: now.getTime() });
    assert.deepEqual(customRange('2026-11-20T10:00:00Z', '2026-11-21T10:00:00Z', now), { from, to: from + DAY });
  });
});

describe('optional filters, checked as they are typed', () => {
  it('lets every filter be left empty', () => {
    for (const check of [ipAddressError, pathError, endpointUrlError, statusError]) {
      assert.equal(check(''), undefined);
      assert.equal(check('   '), undefined);
    }
  });

  it('takes IPv4 and IPv6 addresses, nothing else', () => {
    for (const ip of ['203.0.113.7', ' 10.0.0.1 ', '2001:db8::1', '::1', 'fe80::1ff:fe23:4567:890a']) {
      assert.equal(ipAddressError(ip), undefined, ip);
    }
    for (const ip of ['999.1.1.1', '10.0.0', '10.0.0.1/24', 'localhost', '2001:db8:::1', '10.0.0.*']) {
      assert.match(ipAddressError(ip)!, /Not an IPv4 or IPv6 address/, ip);
    }
  });

  it('takes paths from the root with a * only at the end', () => {
    for (const path of ['/', '/Finance', '/Finance/*', '/Finance/Q3 report.pdf', '/a*']) {
      assert.equal(pathError(path), undefined, path);
    }
    assert.equal(pathError('Finance/*'), 'A path starts with /, such as /Finance/*.');
    assert.match(pathError('/Fin*/reports')!, /Only a \* at the end is a wildcard/);
  });

  it('takes http and https URLs of endpoints', () => {
    assert.equal(endpointUrlError('https://hooks.example.com/exavault?x=1'), undefined);
    assert.equal(endpointUrlError('http://127.0.0.1:8080/hook'), undefined);
    for (const url of ['hooks.example.com/exavault', 'ftp://example.com/', 'https://', 'javascript:alert(1)']) {
      assert.match(endpointUrlError(url)!, /Enter the full URL of the endpoint/, url);
    }
  });

  it('takes a status code, a class or a curl error number', () => {
    for (const status of ['404', '200', '4xx', '5XX', '28', '0']) {
      assert.equal(statusError(status), undefined, status);
    }
    for (const status of ['4x', '6xx', '1234', 'error', '40 4', '-1']) {
      assert.match(statusError(status)!, /Enter a status such as 404 or a class such as 4xx/, status);
    }
  });
});
