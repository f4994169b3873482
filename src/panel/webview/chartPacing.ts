// When the charts count the shown rows again. Each count reads every row (hundreds of milliseconds at
// a million rows, the page's main thread busy all along), and while rows stream in, every message to
// the page waits behind it: a click's answer among them. So while a load runs, counts are spaced by
// their own cost, the page spending at most LOADING_SHARE of its time on them; otherwise (and for
// cheap counts) at most twice a second.

/** At least this long after a change, so the table's paint goes first. */
export const FIRST_WAIT_MS = 100;
/** Counts start at most this often. */
export const INTERVAL_MS = 500;
/** While a load runs: the most of the page's time the counts take. */
export const LOADING_SHARE = 1 / 30;

/**
 * How long from `now` the next count waits: the last one started at `drewAt` and took `drewMs`,
 * `loading` while a load runs.
 */
export function chartsWait(now: number, drewAt: number, drewMs: number, loading: boolean): number {
  const interval = loading ? Math.max(INTERVAL_MS, drewMs / LOADING_SHARE) : INTERVAL_MS;
  return Math.max(FIRST_WAIT_MS, drewAt + interval - now);
}
