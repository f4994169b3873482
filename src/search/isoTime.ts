// Times of a million exported rows as ISO 8601: the same text as Date.prototype.toISOString, without
// a Date a row. The date part is made once a day (rows of a log come day by day), the time of day
// from numbers.

const DAY_MS = 86_400_000;
/** The latest time a Date holds, either side of the epoch: beyond it toISOString throws. */
const LIMIT_MS = 8.64e15;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** A formatter remembering the last day it wrote: `2026-11-27T09:05:03.042Z` for that day's times. */
export function isoTimeFormatter(): (ms: number) => string {
  let day = Number.NaN;
  let datePart = '';
  return (ms) => {
    if (!Number.isSafeInteger(ms) || Math.abs(ms) > LIMIT_MS) {
      // Fractions, NaN and out-of-range times as the platform has them (it throws for the last two).
      return new Date(ms).toISOString();
    }
    const msDay = Math.floor(ms / DAY_MS);
    if (msDay !== day) {
      const midnight = new Date(msDay * DAY_MS).toISOString();
      // Whatever the year's digits (±YYYYYY before year 0 and after 9999), the time is the last 13 characters.
      datePart = midnight.slice(0, -13);
      day = msDay;
    }
    let rest = ms - msDay * DAY_MS;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    return `${datePart}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
  };
}
