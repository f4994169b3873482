// How values read for people: the one place times, sizes and durations are formatted.
import * as l10n from '@vscode/l10n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) {
    return '';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) {
    return '';
  }
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

// Building a formatter costs far more than using one; a table formats many times per frame.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      // hourCycle, not hour12: false, which Node 20's ICU reads as h24 and writes midnight as 24:00:00.
      hourCycle: 'h23', timeZoneName: 'short',
    });
    timeFormats.set(timeZone, format);
  }
  return format;
}

let shownZone: () => string = () => 'UTC';

/**
 * Where times are shown and typed from now on (an IANA zone name, read on every use): the extension
 * passes its exavault.timeZone setting, the panel's webview the zone the extension sent it. UTC until then.
 */
export function showTimesIn(zone: () => string): void {
  shownZone = zone;
}

/** The zone times are shown and typed in. */
export function shownTimeZone(): string {
  return shownZone();
}

/** An absolute time (ms since the epoch), with its zone named: "2026-11-20 11:59:59 UTC" (in the shown zone, or the given one). */
export function formatTime(time: number | undefined, timeZone = shownTimeZone()): string {
  if (time === undefined) {
    return '';
  }
  const parts = timeFormat(timeZone).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}

/** The words of a time relative to now: templates whose {0} is a number. */
export interface RelativeWords {
  justNow: string;
  minutesAgo: string;
  hoursAgo: string;
  daysAgo: string;
}

/** The words in the display language; the webview gets them from the extension (its l10n is not configured). */
export const relativeWords = (): RelativeWords => ({
  justNow: l10n.t('just now'), minutesAgo: l10n.t('{0} min ago'), hoursAgo: l10n.t('{0} h ago'), daysAgo: l10n.t('{0} days ago'),
});

/** "just now", "5 min ago", "3 h ago", "2 days ago", in `words` (the display language's by default). */
export function formatRelative(time: number | undefined, now: Date, words: RelativeWords = relativeWords()): string {
  if (time === undefined) {
    return '';
  }
  const seconds = Math.round((now.getTime() - time) / 1000);
  if (seconds < 45) {
    return words.justNow;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return words.minutesAgo.replace('{0}', String(minutes));
  }
  const hours = Math.round(minutes / 60);
  if (hours < 36) {
    return words.hoursAgo.replace('{0}', String(hours));
  }
  return words.daysAgo.replace('{0}', String(Math.round(hours / 24)));
}

/** A length of time, rounded, in a unit that reads well: "45 min", "16 h", "36 h", "3 days". */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) {
    return l10n.t('{0} min', minutes);
  }
  const hours = Math.round(minutes / 60);
  // Whole days from two on; a day and a half reads better as 36 h.
  return hours >= 72 || (hours >= 48 && hours % 24 === 0) ? l10n.t('{0} days', Math.round(hours / 24)) : l10n.t('{0} h', hours);
}

/** A time as the API's date parameters take it: ISO 8601 in UTC. */
export const isoTime = (time: number): string => new Date(time).toISOString();
