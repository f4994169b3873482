// The activity chart's time labels in the table's style (year-month-day hour:minute on the local
// wall clock): short ones for the axis and a bin in full. No DOM and no chart library here: tested in Node.
import type { TimeBins } from './chartData';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The wall clock at `time`, to be read with the UTC getters. `zoneOffsetMinutes` is how far the zone
 * is ahead of UTC (east positive); without it, this machine's zone at that very time, as Date's local
 * getters read it (daylight saving, and the seconds of old local mean times, included).
 */
function wallClock(time: number, zoneOffsetMinutes?: number): Date {
  if (zoneOffsetMinutes !== undefined) {
    return new Date(time + zoneOffsetMinutes * MINUTE);
  }
  const local = new Date(time);
  const wall = new Date(0);
  wall.setUTCFullYear(local.getFullYear(), local.getMonth(), local.getDate());
  wall.setUTCHours(local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds());
  return wall;
}

const pad = (value: number) => String(value).padStart(2, '0');
const day = (wall: Date) => `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
const clock = (wall: Date, seconds: boolean) => `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${seconds ? `:${pad(wall.getUTCSeconds())}` : ''}`;

/** Axis labels, one per bin, as short as the bins allow: no date within one day, no year within one year. */
export function binLabels(data: Pick<TimeBins, 'bins' | 'step'>, zoneOffsetMinutes?: number): string[] {
  const { bins, step } = data;
  if (bins.length === 0) {
    return [];
  }
  const first = wallClock(bins[0]!.from, zoneOffsetMinutes);
  const last = wallClock(bins[bins.length - 1]!.from, zoneOffsetMinutes);
  const oneDay = day(first) === day(last);
  const oneYear = first.getUTCFullYear() === last.getUTCFullYear();
  return bins.map(({ from }) => {
    const date = wallClock(from, zoneOffsetMinutes);
    const date_ = oneYear ? day(date).slice(5) : day(date);
    if (step >= DAY) {
      return date_;
    }
    const time = clock(date, step < MINUTE);
    return oneDay ? time : `${date_} ${time}`;
  });
}

/** A bin in full: "2026-11-20 12:00 – 12:05", or across days "2026-11-20 – 2026-11-21". */
export function binText(from: number, to: number, step: number, zoneOffsetMinutes?: number): string {
  const start = wallClock(from, zoneOffsetMinutes);
  const end = wallClock(to, zoneOffsetMinutes);
  if (step >= DAY) {
    return step === DAY ? day(start) : `${day(start)} – ${day(wallClock(to - 1, zoneOffsetMinutes))}`;
  }
  const seconds = step < MINUTE;
  return day(start) === day(end) || (end.getUTCHours() === 0 && end.getUTCMinutes() === 0 && end.getUTCSeconds() === 0 && to - from <= DAY)
    ? `${day(start)} ${clock(start, seconds)} – ${clock(end, seconds)}`
    : `${day(start)} ${clock(start, seconds)} – ${day(end)} ${clock(end, seconds)}`;
}
