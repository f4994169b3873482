// What people type into the search steps, checked as they type: dates of a custom range and the
// optional filters. Each check returns the message to show in the input, or undefined when the
// value is fine; an empty filter is fine (no filter). Free of `vscode`, so it is tested in Node.
import * as l10n from '@vscode/l10n';
import { isIP } from 'node:net';
import { formatTime, shownTimeZone } from '../activity/format';
import { fromWallTime } from '../activity/timeZone';
import { STATUS_FILTER, type FilterCheck } from '../activity/logSchema';

/** How far back ExaVault keeps activity (the web UI's 90 days). */
export const KEPT_MS = 90 * 86_400_000;
/** A clock a little ahead of ExaVault's is not the user's mistake. */
const FUTURE_SLACK_MS = 60_000;

// 2026-11-20, 2026-11-20 14:00, 2026-11-20T14:00:05.123, each optionally with Z or an offset after the time.
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Milliseconds since the epoch of a date as people type it; without a zone, `timeZone`'s wall clock. Undefined when it is not one. */
export function parseDateInput(text: string, timeZone = shownTimeZone()): number | undefined {
  const match = DATE.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = match[8];
  // Checked on the UTC calendar, so that 2026-02-30 is refused rather than rolled into March.
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const calendar = new Date(utc);
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (!zone) {
    return fromWallTime(utc, timeZone);
  }
  if (zone.toUpperCase() === 'Z') {
    return utc;
  }
  const digits = zone.slice(1).replace(':', '');
  const offsetMs = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  return zone.startsWith('-') ? utc + offsetMs : utc - offsetMs;
}

const notADate = () => l10n.t('Enter a date such as 2026-11-20, 2026-11-20 14:00 or 2026-11-20T14:00:00Z.');

function outsideKept(time: number, now: Date): string | undefined {
  if (time > now.getTime() + FUTURE_SLACK_MS) {
    return l10n.t('That is in the future.');
  }
  if (time < now.getTime() - KEPT_MS) {
    return l10n.t('ExaVault keeps 90 days of activity: enter a time after {0}.', formatTime(now.getTime() - KEPT_MS));
  }
  return undefined;
}

/** The start of a custom range: required. */
export function rangeStartError(text: string, now: Date): string | undefined {
  const from = parseDateInput(text);
  return from === undefined ? notADate() : outsideKept(from, now);
}

/** The end of a custom range starting at `from`: empty means now. */
export function rangeEndError(text: string, from: number, now: Date): string | undefined {
  if (!text.trim()) {
    return undefined;
  }
  const to = parseDateInput(text);
  if (to === undefined) {
    return notADate();
  }
  return outsideKept(to, now) ?? (to <= from ? l10n.t('The end must be after the start ({0}).', formatTime(from)) : undefined);
}

/** The range the two answers give, once both passed their checks. */
export function customRange(fromText: string, toText: string, now: Date): { from: number; to: number } {
  return { from: parseDateInput(fromText)!, to: toText.trim() ? parseDateInput(toText)! : now.getTime() };
}

/** An empty value is no filter; the check sees the trimmed value. */
const optional = (check: (value: string) => string | undefined) => (text: string) => (text.trim() ? check(text.trim()) : undefined);

export const ipAddressError = optional((value) => (isIP(value) ? undefined : l10n.t('Not an IPv4 or IPv6 address (such as 203.0.113.7 or 2001:db8::1).')));

export const pathError = optional((value) => {
  if (!value.startsWith('/')) {
    return l10n.t('A path starts with /, such as /Finance/*.');
  }
  return value.slice(0, -1).includes('*') ? l10n.t('Only a * at the end is a wildcard: /Finance/* matches everything under /Finance/.') : undefined;
});

export const endpointUrlError = optional((value) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url && ['http:', 'https:'].includes(url.protocol) ? undefined : l10n.t('Enter the full URL of the endpoint, such as https://example.com/webhook.');
});

// RFC 3986, which the API's endpointUrl (format: uri) and the URLs ExaVault logs follow: a space, a
// non-ASCII character and a few more (" < > \ ^ ` { | } and a % not starting %XX) appear only encoded.
const ALLOWED = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const IN_QUERY = `(?:[${ALLOWED}:@/?]|${PCT})*`;
const URI = new RegExp(
  `^https?://(?:(?:[${ALLOWED}:]|${PCT})*@)?(?:\\[[0-9A-Fa-f:.]+\\]|(?:[${ALLOWED}]|${PCT})*)(?::\\d*)?`
  + `(?:/(?:[${ALLOWED}:@]|${PCT})*)*(?:\\?${IN_QUERY})?(?:#${IN_QUERY})?$`,
  'i',
);

/** Encodes, UTF-8 %XX, every character of `part` outside `allowed`, and a % that does not start %XX. */
const encodeOutside = (part: string, allowed: string) => part.replace(new RegExp(`%(?![0-9A-Fa-f]{2})|[^${allowed}%]`, 'gu'), (character) => encodeURIComponent(character));

/**
 * An endpoint URL as the API takes it: as typed when it is already a URI (RFC 3986), and otherwise
 * encoded: a non-ASCII host in its xn-- form, a space as %20, other characters as UTF-8 %XX. Sent as
 * typed, such a URL makes a server that checks the spec answer 422 ("must match format uri").
 * What is not a URL at all is left as it is: the input check says so.
 */
export function endpointUrlForQuery(text: string): string {
  const value = text.trim();
  if (URI.test(value) || !URL.canParse(value)) {
    return value;
  }
  // The WHATWG parser gives the host in ASCII and encodes most of the rest; what it leaves (such as
  // | { } ^ [ ] in a path or query) is encoded per component here.
  const url = new URL(value);
  const userinfo = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  // It also adds a / to an empty path: keep the path as typed.
  const typedWithoutPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(?:[?#]|$)/i.test(value);
  const path = typedWithoutPath && url.pathname === '/' ? '' : encodeOutside(url.pathname, `${ALLOWED}:@/`);
  const query = url.search ? `?${encodeOutside(url.search.slice(1), `${ALLOWED}:@/?`)}` : '';
  const fragment = url.hash ? `#${encodeOutside(url.hash.slice(1), `${ALLOWED}:@/?`)}` : '';
  return `${url.protocol}//${userinfo}${url.host}${path}${query}${fragment}`;
}

export const statusError = optional((value) => (STATUS_FILTER.test(value)
  ? undefined
  : l10n.t('Enter a status such as 404 or a class such as 4xx (a number below 100 is a curl error: no HTTP answer).')));

/** The check of each kind of typed filter value: a message when the value will not do. */
export const FILTER_CHECKS: Readonly<Record<FilterCheck, (value: string) => string | undefined>> = {
  ip: ipAddressError, path: pathError, url: endpointUrlError, status: statusError,
};
