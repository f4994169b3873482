// What each rule sees in an entry and how it counts: the subject an entry counts for (a failure to an
// endpoint, a failed login from an address and against a username, a deletion by a user, an
// operation under a watched path) and the rule's threshold as the engine applies it.
import type { ActivityEntry, SessionEntry, WebhookCall } from '../../api/models';
import { SESSION_LOG, WEBHOOK_LOG } from '../../activity/logSchema';
import type { RuleId } from './incident';
import { pathMatches } from './rulePaths';
import type { WatchThresholds } from './ruleThresholds';

/** An entry as one rule counts it: `hit` when it counts toward the rule, else an endpoint's success (which resolves and breaks runs). */
export interface Observation {
  rule: RuleId;
  subject: string;
  hit: boolean;
  /** A watched path's operations, which tell two watches of one pattern apart. */
  operations?: string[];
}

/** A rule's threshold: `count` hits within `minutes`, or `inARow` in a row (0: not used); resolved by a later success, or once quiet for its minutes. */
export interface RuleParameters {
  count: number;
  minutes: number;
  inARow: number;
  resolvedBy: 'success' | 'quiet';
}

/** What the rules see in an entry: the subject each rule that cares about it counts it for. A failure is what the log's description calls one. */
export function observationsOf(entry: ActivityEntry, thresholds: WatchThresholds): Observation[] {
  const { endpointFailures, failedLogins, massDeletion, watchedPaths } = thresholds;
  if (entry.kind === 'webhook') {
    const on = endpointFailures.count > 0 || endpointFailures.inARow > 0;
    return on && entry.endpointUrl !== '' ? [{ rule: 'endpointFailing', subject: entry.endpointUrl, hit: WEBHOOK_LOG.failure.failed(entry as WebhookCall) }] : [];
  }
  const session = entry as SessionEntry;
  const found: Observation[] = [];
  const add = (rule: RuleId, subject: string, on: boolean) => {
    if (on && subject !== '') {
      found.push({ rule, subject, hit: true });
    }
  };
  if (session.operation === 'PASS' && SESSION_LOG.failure.failed(session)) {
    add('failedLoginsByAddress', session.ipAddress, failedLogins.perAddress.count > 0);
    add('failedLoginsByUsername', session.username, failedLogins.perUsername.count > 0);
  }
  // Failed ones too: an attempt to delete that much tells as much (and the evidence search needs no status filter).
  add('massDeletion', session.operation === 'DELE' ? session.username : '', massDeletion.count > 0);
  for (const { pattern, operations } of watchedPaths.paths) {
    const operationWatched = operations.length === 0 || operations.includes(session.operation);
    // A move, copy or rename out of the folder is an operation on it too.
    const under = [session.fileName, session.fileSource].some((path) => path !== '' && pathMatches(pattern, path));
    if (operationWatched && under) {
      found.push({ rule: 'watchedPath', subject: pattern, hit: true, operations });
    }
  }
  return found;
}

export function parametersOf(rule: RuleId, thresholds: WatchThresholds): RuleParameters {
  const { endpointFailures, failedLogins, massDeletion, watchedPaths } = thresholds;
  switch (rule) {
    case 'endpointFailing': return { ...endpointFailures, resolvedBy: 'success' };
    case 'failedLoginsByAddress': return { ...failedLogins.perAddress, inARow: 0, resolvedBy: 'quiet' };
    case 'failedLoginsByUsername': return { ...failedLogins.perUsername, inARow: 0, resolvedBy: 'quiet' };
    case 'massDeletion': return { ...massDeletion, inARow: 0, resolvedBy: 'quiet' };
    // Every operation there is worth hearing about; those within its minutes of each other are one incident.
    case 'watchedPath': return { count: 1, minutes: watchedPaths.groupMinutes, inARow: 0, resolvedBy: 'quiet' };
  }
}
