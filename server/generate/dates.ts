// Dates as ExaVault's clients send them in filters, and as its responses write them, and the
// anchor the generated stories are laid out around.

/**
 * The moment the generated stories are told around: which days are weekends, which hours are office
 * hours and which quarter the folders are named after are read here, never from the server's `now`.
 * Each generated time is then moved to `now` keeping its distance from the anchor, so a seed gives the
 * same entries on any date, each `now` minus a fixed offset. A Wednesday, 14:00 in the company's
 * Pacific time (UTC-7), so the newest hours of a generated log are office hours.
 */
export const STORY_ANCHOR = Date.UTC(2026, 2, 11, 21, 0, 0);

/** `anchored` (a time laid out around STORY_ANCHOR) moved to `now`, the same distance before it. */
export function fromAnchor(anchored: number, now: number): number {
  return now - (STORY_ANCHOR - anchored);
}

// 2020-11-17T18:20:30.000Z, 2020-11-17T10:20:30.123456, 2020-12-10T00:00:00-08:00, 2020-12-09 14:00:00, 2020-12-09.
const FILTER_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Milliseconds since the epoch (fractional below a millisecond), or undefined when the text is
 * not a date. A time without a zone is UTC; a date alone is midnight UTC of that day.
 */
export function parseFilterDate(text: string): number | undefined {
  const match = FILTER_DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)] as const;
  const utc = Date.UTC(...fields);
  const back = new Date(utc);
  // Date.UTC rolls 2020-02-30 over to March: a field that does not survive the round trip was out of range.
  const roundTrip = [back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate(), back.getUTCHours(), back.getUTCMinutes(), back.getUTCSeconds()];
  if (roundTrip.some((value, i) => value !== fields[i])) {
    return undefined;
  }
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) {
    return undefined;
  }
  return utc + (fraction ? Number(fraction) * 1000 : 0) - offset * 60_000;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') {
    return 0;
  }
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

const HOUR_MS = 3_600_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** Every hour from 1970 to 9999 has the same ISO shape, so its text can be reused for all its seconds. */
const LAST_HOUR = Date.UTC(10_000, 0, 1) / HOUR_MS;
let hourShown = Number.NaN;
let hourText = '';

/** ISO 8601 to the second, as the API writes `created`: `Z` for UTC, else the local offset (same instant). */
export function formatTimestamp(ms: number, offsetMinutes = 0): string {
  const localMs = ms + offsetMinutes * 60_000;
  // A page of a million-entry log writes a thousand of these, mostly within a few hours: the date and
  // hour are written once an hour, the minutes and seconds from a table.
  const hour = Math.floor(localMs / HOUR_MS);
  let local: string;
  if (hour >= 0 && hour < LAST_HOUR) {
    if (hour !== hourShown) {
      hourText = new Date(hour * HOUR_MS).toISOString().slice(0, 14);
      hourShown = hour;
    }
    const second = Math.floor((localMs - hour * HOUR_MS) / 1000);
    local = `${hourText}${TWO_DIGITS[Math.floor(second / 60)]}:${TWO_DIGITS[second % 60]}`;
  } else {
    local = new Date(localMs).toISOString().slice(0, 19);
  }
  if (offsetMinutes === 0) {
    return `${local}Z`;
  }
  const size = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${TWO_DIGITS[Math.floor(size / 60)] ?? String(Math.floor(size / 60))}:${TWO_DIGITS[size % 60]}`;
}
