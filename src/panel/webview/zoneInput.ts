// <input type="datetime-local"> holds a wall clock without a zone: the custom range's bounds are typed
// and shown in the zone times are shown in.
import { shownTimeZone } from '../../activity/format';
import { fromWallTime, wallTime } from '../../activity/timeZone';

/** The input's value for `time` in `zone`. */
export const toZoneInput = (time: number, zone = shownTimeZone()): string => new Date(wallTime(time, zone)).toISOString().slice(0, 16);

/** What the input's value is when complete (Date.parse alone reads far more, such as "2026-03-"). */
const INPUT_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** The moment an input's value names in `zone`; NaN for an incomplete value. */
export function fromZoneInput(value: string, zone = shownTimeZone()): number {
  const wall = INPUT_VALUE.test(value) ? Date.parse(`${value}Z`) : Number.NaN;
  return Number.isNaN(wall) ? wall : fromWallTime(wall, zone);
}

/** A value typed in zone `from`, as the same moment reads in zone `to`; an incomplete value as it is. */
export function rezoneInput(value: string, from: string, to: string): string {
  const time = fromZoneInput(value, from);
  return Number.isNaN(time) ? value : toZoneInput(time, to);
}
