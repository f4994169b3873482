// The test switch that quickens the watch: polls as often as every second and lease heartbeats every
// 2 s, so suites that wait on polls and heartbeats wait seconds rather than tens of seconds, with the
// same code doing the same things. An environment variable with a value of its own (nobody turns it
// on by setting it to 1 or true); read once at activation.
import { LEASE_HEARTBEAT_MS } from '../watch/lease';
import { SHORTEST_WATCH_INTERVAL_MS } from '../settingsReader';

export const PACE_SWITCH_VARIABLE = 'EXAVAULT_TEST_ONLY_WATCH_PACE';
export const PACE_SWITCH_QUICK = 'quick-1s-polls-2s-heartbeats';

/** How often the watch may poll at the shortest, and how often a window renews its lease and reads the others' findings. */
export interface WatchPace {
  readonly shortestIntervalMs: number;
  readonly heartbeatMs: number;
}

export const NORMAL_PACE: WatchPace = { shortestIntervalMs: SHORTEST_WATCH_INTERVAL_MS, heartbeatMs: LEASE_HEARTBEAT_MS };
export const QUICK_PACE: WatchPace = { shortestIntervalMs: 1_000, heartbeatMs: 2_000 };

/** The quick pace when the switch holds its own value; otherwise undefined (the normal pace). */
export function quickPaceByTest(env: NodeJS.ProcessEnv = process.env): WatchPace | undefined {
  return env[PACE_SWITCH_VARIABLE] === PACE_SWITCH_QUICK ? QUICK_PACE : undefined;
}
