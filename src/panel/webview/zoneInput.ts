// The custom range's bounds are typed and shown as a wall clock in the zone times are shown in, the
// way the table writes times ("2026-11-20 14:05", 24-hour, the zone named beside them): a
// datetime-local input would show them in the browser's locale instead (12-hour in en-US).
import { shownTimeZone } from '../../activity/format';
import { fromWallTime, wallTime } from '../../activity/timeZone';

/** The input's value for `time` in `zone`. */
export const toZoneInput = (time: number, zone = shownTimeZone()): string => new Date(wallTime(time, zone)).toISOString().slice(0, 16).replace('T', ' ');

/** What the input's value is when complete: a date and a 24-hour time, seconds optional (Date.parse alone reads far more, such as "2026-03-"). */
const INPUT_VALUE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)$/;

/** The moment an input's value names in `zone`; NaN for an incomplete or impossible value (such as 25:00). */
export function fromZoneInput(value: string, zone = shownTimeZone()): number {
  const parts = INPUT_VALUE.exec(value.trim());
  const wall = parts ? Date.parse(`${parts[1]}T${parts[2]}Z`) : Number.NaN;
  // Date.parse rolls February 30 over into March: a date that does not read back is refused.
  return Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== parts![1] ? Number.NaN : fromWallTime(wall, zone);
}

/** A value typed in zone `from`, as the same moment reads in zone `to`; an incomplete value as it is. */
export function rezoneInput(value: string, from: string, to: string): string {
  const time = fromZoneInput(value, from);
  return Number.isNaN(time) ? value : toZoneInput(time, to);
}
