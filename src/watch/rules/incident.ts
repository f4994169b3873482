// What the watch reports: something that went wrong on an account, found by one rule, about one
// subject (an endpoint, an address, a username, a user, a watched path), with its evidence's ids.

export type RuleId = 'endpointFailing' | 'failedLoginsByAddress' | 'failedLoginsByUsername' | 'massDeletion' | 'watchedPath';

/** The log each rule reads. */
export const RULE_LOG: Readonly<Record<RuleId, 'sessions' | 'webhooks'>> = {
  endpointFailing: 'webhooks',
  failedLoginsByAddress: 'sessions',
  failedLoginsByUsername: 'sessions',
  massDeletion: 'sessions',
  watchedPath: 'sessions',
};

/** At most this many entry ids per incident (the first ones); `count` counts them all. */
export const MAX_INCIDENT_ENTRY_IDS = 200;

export interface Incident {
  /** Stable: the rule, the subject and the first time known when it opened (an untimed one's first entry id). */
  id: string;
  rule: RuleId;
  account?: string;
  /**
   * What it is about: the endpoint URL, the IP address, the username (of failed logins or of the user
   * who deleted) or the watched path's pattern.
   */
  subject: string;
  /** The watched path's operations (none: every operation). */
  operations?: string[];
  /** Its entries' first and last time, in milliseconds; undefined when none of them has a time. */
  firstTime: number | undefined;
  lastTime: number | undefined;
  count: number;
  /** Its entries' ids in time order, the first MAX_INCIDENT_ENTRY_IDS. */
  entryIds: number[];
  /** An endpoint's is resolved by a later success; the others once quiet for the rule's minutes. */
  state: 'ongoing' | 'resolved';
  /** When it was resolved: the success's time, or the end of the quiet window. */
  resolvedAt?: number;
}
