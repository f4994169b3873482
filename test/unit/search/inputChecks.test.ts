import * as assert from 'node:assert/strict';
import { fullFormats } from 'ajv-formats/dist/formats';
import { formatTime, showTimesIn } from '../../../src/activity/format';
import {
  customRange, endpointUrlError, endpointUrlForQuery, ipAddressError, parseDateInput, pathError, rangeEndError, rangeStartError, statusError,
} from '../../../src/search/inputChecks';
import { planSearch } from '../../../src/search/plan';

const now = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;

describe('dates as people type them', () => {
  it('reads a date, a date and time (space or T, with or without seconds) on the wall clock of the zone', () => {
    // Europe/Berlin is one hour east of UTC in November.
    const berlin = 'Europe/Berlin';
    assert.equal(parseDateInput('2026-11-20', berlin), Date.parse('2026-11-19T23:00:00Z'));
    assert.equal(parseDateInput(' 2026-11-20 14:00 ', berlin), Date.parse('2026-11-20T13:00:00Z'));
    assert.equal(parseDateInput('2026-11-20 9:05', berlin), Date.parse('2026-11-20T08:05:00Z'));
    assert.equal(parseDateInput('2026-11-20T14:00:05', berlin), Date.parse('2026-11-20T13:00:05Z'));
    assert.equal(parseDateInput('2026-11-20T14:00:05.250', berlin), Date.parse('2026-11-20T13:00:05.250Z'));
    assert.equal(parseDateInput('2026-11-20 14:00', 'America/New_York'), Date.parse('2026-11-20T19:00:00Z'));
    assert.equal(parseDateInput('2026-11-20 14:00', 'UTC'), Date.parse('2026-11-20T14:00:00Z'));
  });

  it('reads a wall time across daylight saving: summer offsets, a repeated hour as its first moment, a skipped one moved on', () => {
    assert.equal(parseDateInput('2026-07-01 12:00', 'Europe/Berlin'), Date.parse('2026-07-01T10:00:00Z'));
    assert.equal(parseDateInput('2026-10-25 02:30', 'Europe/Berlin'), Date.parse('2026-10-25T00:30:00Z'), 'the first 02:30 (summer time)');
    assert.equal(parseDateInput('2026-03-29 02:30', 'Europe/Berlin'), Date.parse('2026-03-29T01:30:00Z'), '02:30 is skipped: 03:30 summer time');
    assert.equal(parseDateInput('2026-11-01 01:30', 'America/New_York'), Date.parse('2026-11-01T05:30:00Z'), 'the first 01:30 (EDT)');
    assert.equal(parseDateInput('2026-03-08 02:30', 'America/New_York'), Date.parse('2026-03-08T07:30:00Z'), '02:30 is skipped: 03:30 EDT');
  });

  it('reads a time without a zone in the zone times are shown in', () => {
    showTimesIn(() => 'Asia/Kolkata');
    try {
      assert.equal(parseDateInput('2026-11-20 14:00'), Date.parse('2026-11-20T08:30:00Z'));
    } finally {
      showTimesIn(() => 'UTC');
    }
    assert.equal(parseDateInput('2026-11-20 14:00'), Date.parse('2026-11-20T14:00:00Z'), 'positive control: UTC again');
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

// The API's endpointUrl is `format: uri`; ajv-formats' check of it is the one a spec-validating server
// (Prism) applies. test/unit/api/prismMock.test.ts sends these through Prism itself.
describe('endpoint URLs as the API takes them', () => {
  const isUri = (text: string) => (fullFormats.uri as (value: string) => boolean)(text);

  it('sends a URL that is already a URI exactly as typed (trimmed)', () => {
    for (const url of ['https://hooks.example.com/exavault?team=ops&x=1', 'https://Hooks.Example.com', 'http://127.0.0.1:8080/hook', 'https://h.example/a%20b?q=%C3%BC#top',
      'https://user:pw@h.example/', 'http://[2001:db8::1]:8443/hook', "https://h.example/it's(1);a=b,c*!$+~"]) {
      assert.ok(isUri(url), url);
      assert.equal(endpointUrlForQuery(url), url);
      assert.equal(endpointUrlForQuery(`  ${url} `), url);
    }
  });

  it('encodes a space, a non-ASCII character and the other characters a URI has only encoded', () => {
    const cases: [string, string][] = [
      ['https://hooks.example.com/my hook', 'https://hooks.example.com/my%20hook'],
      ['https://hooks.example.com/ünïcødé/☕', 'https://hooks.example.com/%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E2%98%95'],
      ['https://bücher.example/hook', 'https://xn--bcher-kva.example/hook'],
      ['https://bücher.example', 'https://xn--bcher-kva.example'],
      ['https://bücher.example?x=1', 'https://xn--bcher-kva.example?x=1'],
      ['https://h.example/a b?q=a b|c{d}^e&r=東京#frag ment', 'https://h.example/a%20b?q=a%20b%7Cc%7Bd%7D%5Ee&r=%E6%9D%B1%E4%BA%AC#frag%20ment'],
      ['https://h.example/a[1]|b 100%', 'https://h.example/a%5B1%5D%7Cb%20100%25'],
      ['https://h.example/hook 🚀?x=#a#b', 'https://h.example/hook%20%F0%9F%9A%80?x=#a%23b'],
    ];
    for (const [typed, sent] of cases) {
      assert.equal(isUri(typed), false, `the negative control: ${typed}`);
      assert.equal(endpointUrlForQuery(typed), sent, typed);
      assert.ok(isUri(sent), sent);
      // Encoding is done once: what is sent is sent again as it is.
      assert.equal(endpointUrlForQuery(sent), sent);
    }
  });

  it('leaves what is not a URL as typed (the input check refuses it)', () => {
    for (const text of ['hooks.example.com/my hook', 'not a url']) {
      assert.equal(endpointUrlForQuery(text), text);
      assert.match(endpointUrlError(text)!, /Enter the full URL of the endpoint/);
    }
  });

  it('a search sends the endpoint URL encoded, whatever was typed', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    for (const endpointUrl of ['https://hooks.example.com/my hook', 'https://bücher.example/hook']) {
      assert.equal(endpointUrlError(endpointUrl), undefined, endpointUrl);
      const [query] = planSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: { endpointUrl, events: ['resources.upload'] } }, now).queries;
      assert.equal(query!.endpointUrl, endpointUrlForQuery(endpointUrl));
      assert.ok(isUri(String(query!.endpointUrl)), String(query!.endpointUrl));
    }
    const [plain] = planSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: {} }, now).queries;
    assert.equal('endpointUrl' in plain!, false);
  });
});
