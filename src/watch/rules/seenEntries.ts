// What the rules remember of the entries they were given, per log: the newest time, and the ids
// within reach of it, so that an entry that comes again (polls overlap) counts once and one that
// comes too late to join anything is dropped. Plain JSON: it is kept in the watch's record.
import type { ActivityEntry } from '../../api/models';
import { activityKindOf, type ActivityKind } from '../../activity/logSchema';
import type { WatchThresholds } from './ruleThresholds';

/** How far behind the newest entry of its log an entry may come and still count, beyond the longest window. */
export const LATE_ALLOWANCE_MINUTES = 30;
const MINUTE = 60_000;
const MAX_UNTIMED_SEEN = 2000;

interface SeenIds {
  /** [id, time] of entries within the rules' reach. */
  timed: [number, number][];
  /** The latest ids of entries without a time. */
  untimed: number[];
}

export interface SeenEntries {
  /** The newest time seen in each log. */
  newest: Partial<Record<ActivityKind, number>>;
  seen: Record<ActivityKind, SeenIds>;
}

export function noEntriesSeen(): SeenEntries {
  return { newest: {}, seen: { sessions: { timed: [], untimed: [] }, webhooks: { timed: [], untimed: [] } } };
}

/** The batch's entries not seen before (and each once), remembered as seen. */
export function takeUnseen(memory: SeenEntries, batch: readonly ActivityEntry[]): ActivityEntry[] {
  const known = { sessions: knownIds(memory, 'sessions'), webhooks: knownIds(memory, 'webhooks') };
  return batch.filter((entry) => {
    const log = activityKindOf(entry.kind);
    if (known[log].has(entry.id)) {
      return false;
    }
    known[log].add(entry.id);
    const seen = memory.seen[log];
    if (entry.created === undefined) {
      seen.untimed.push(entry.id);
    } else {
      seen.timed.push([entry.id, entry.created]);
    }
    return true;
  });
}

function knownIds(memory: SeenEntries, log: ActivityKind): Set<number> {
  const seen = memory.seen[log];
  return new Set([...seen.timed.map(([id]) => id), ...seen.untimed]);
}

/** The earliest time that still counts in a log: the rules' reach behind its newest entry. */
export function reachStart(memory: SeenEntries, log: ActivityKind, thresholds: WatchThresholds): number {
  return (memory.newest[log] ?? -Infinity) - reachMs(log, thresholds);
}

/** How far back from the newest entry of a log the rules keep what they know. */
function reachMs(log: ActivityKind, { endpointFailures, failedLogins, massDeletion, watchedPaths }: WatchThresholds): number {
  const minutes = log === 'webhooks' ? endpointFailures.minutes
    : Math.max(failedLogins.perAddress.minutes, failedLogins.perUsername.minutes, massDeletion.minutes, watchedPaths.groupMinutes);
  return (minutes + LATE_ALLOWANCE_MINUTES) * MINUTE;
}

/** Forgets the ids no entry in reach can repeat, and all but the latest ids without a time. */
export function forgetOutOfReach(memory: SeenEntries, thresholds: WatchThresholds): void {
  for (const log of ['sessions', 'webhooks'] as const) {
    const seen = memory.seen[log];
    const from = reachStart(memory, log, thresholds);
    seen.timed = seen.timed.filter(([, time]) => time >= from);
    seen.untimed = seen.untimed.slice(-MAX_UNTIMED_SEEN);
  }
}
