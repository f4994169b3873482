// The wall clock of a named time zone (IANA, such as Europe/Berlin), daylight saving included. A wall
// time is the wall clock's reading written as milliseconds since the epoch as if it were UTC, so that
// its calendar is read with the UTC getters and its days are always 24 hours long.

const SECOND = 1000;
const DAY = 86_400_000;

// Building a formatter costs far more than using one; charts read a wall clock per bin.
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
    });
    wallFormats.set(zone, format);
  }
  return format;
}

/** Whether `name` is a time zone this runtime knows (Europe/Berlin, UTC). */
export function isTimeZone(name: string): boolean {
  try {
    wallFormat(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone the exavault.timeZone setting names: utc, local (`localZone()`, asked only then), or a zone
 * name; undefined when it names none.
 */
export function resolveTimeZone(setting: string, localZone: () => string): string | undefined {
  const value = setting.trim();
  if (value.toLowerCase() === 'utc') {
    return 'UTC';
  }
  if (value.toLowerCase() === 'local') {
    return localZone();
  }
  return value !== '' && isTimeZone(value) ? value : undefined;
}

/** The wall clock of `zone` at `time` (ms since the epoch), as a wall time. */
export function wallTime(time: number, zone: string): number {
  const parts = wallFormat(zone).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = new Date(0);
  wall.setUTCFullYear(part('year'), part('month') - 1, part('day'));
  wall.setUTCHours(part('hour'), part('minute'), part('second'), ((time % SECOND) + SECOND) % SECOND);
  return wall.getTime();
}

/**
 * The moment `zone`'s wall clock shows `wall`. A wall time shown twice (the hour repeated when the
 * clocks go back) is its first moment; one never shown (the hour skipped when they go forward) is read
 * with the offset before the change, as clocks that were not changed would show it.
 */
export function fromWallTime(wall: number, zone: string): number {
  // A zone changes its offset at most once within two days: the offsets a day either side are the candidates.
  const before = wall - (wallTime(wall - DAY, zone) - (wall - DAY));
  const after = wall - (wallTime(wall + DAY, zone) - (wall + DAY));
  const shown = [before, after].filter((time) => wallTime(time, zone) === wall);
  return shown.length > 0 ? Math.min(...shown) : before;
}
