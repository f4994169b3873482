// The activity chart's time labels in the table's style (year-month-day hour:minute on the wall clock
// of the zone times are shown in): short ones for the axis and a bin in full. No DOM and no chart
// library here: tested in Node.
import { wallTime } from '../../activity/timeZone';
import type { TimeBins } from './chartData';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** `zone`'s wall clock at `time`, to be read with the UTC getters. */
const wallClock = (time: number, zone: string) => new Date(wallTime(time, zone));

const pad = (value: number) => String(value).padStart(2, '0');
const day = (wall: Date) => `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
const clock = (wall: Date, seconds: boolean) => `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${seconds ? `:${pad(wall.getUTCSeconds())}` : ''}`;

/** Axis labels, one per bin, as short as the bins allow: no date within one day, no year within one year. */
export function binLabels(data: Pick<TimeBins, 'bins' | 'step'>, zone: string): string[] {
  const { bins, step } = data;
  if (bins.length === 0) {
    return [];
  }
  const first = wallClock(bins[0]!.from, zone);
  const last = wallClock(bins[bins.length - 1]!.from, zone);
  const oneDay = day(first) === day(last);
  const oneYear = first.getUTCFullYear() === last.getUTCFullYear();
  return bins.map(({ from }) => {
    const date = wallClock(from, zone);
    const date_ = oneYear ? day(date).slice(5) : day(date);
    if (step >= DAY) {
      return date_;
    }
    const time = clock(date, step < MINUTE);
    return oneDay ? time : `${date_} ${time}`;
  });
}

/** A bin in full: "2026-11-20 12:00 – 12:05", or across days "2026-11-20 – 2026-11-21". */
export function binText(from: number, to: number, step: number, zone: string): string {
  const start = wallClock(from, zone);
  const end = wallClock(to, zone);
  if (step >= DAY) {
    return step === DAY ? day(start) : `${day(start)} – ${day(wallClock(to - 1, zone))}`;
  }
  const seconds = step < MINUTE;
  return day(start) === day(end) || (end.getUTCHours() === 0 && end.getUTCMinutes() === 0 && end.getUTCSeconds() === 0 && to - from <= DAY)
    ? `${day(start)} ${clock(start, seconds)} – ${clock(end, seconds)}`
    : `${day(start)} ${clock(start, seconds)} – ${day(end)} ${clock(end, seconds)}`;
}
