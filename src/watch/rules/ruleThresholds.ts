// What the watch's rules look for: the thresholds a user sets under `exavault.watch.*`, as one typed
// object the pure rules take. A count of 0 turns a rule (or its "in a row" half) off.

/** N entries within M minutes. */
export interface WindowThreshold {
  count: number;
  minutes: number;
}

/** Operations under a folder that are worth hearing about, whatever their number. */
export interface WatchedPath {
  // A path with `*` as a wildcard: `/Finance/*` is everything below /Finance, and `/Clients/*/Invoices/x.pdf` that file of any client.
  pattern: string;
  /** Operation codes (STOR, DELE...); none for every operation. */
  operations: string[];
}

export interface WatchThresholds {
  /** Failed calls (status 400 and above, or no answer) to one endpoint: N within M minutes, or `inARow` in a row. */
  endpointFailures: WindowThreshold & { inARow: number };
  /** Failed logins (PASS with status "failed") from one address, and against one username. */
  failedLogins: { perAddress: WindowThreshold; perUsername: WindowThreshold };
  /** DELE by one user. */
  massDeletion: WindowThreshold;
  /** Matches within `groupMinutes` of each other are one incident. */
  watchedPaths: { paths: WatchedPath[]; groupMinutes: number };
}

export const DEFAULT_WATCH_THRESHOLDS: WatchThresholds = {
  endpointFailures: { count: 5, minutes: 10, inARow: 3 },
  failedLogins: { perAddress: { count: 10, minutes: 5 }, perUsername: { count: 10, minutes: 5 } },
  massDeletion: { count: 20, minutes: 5 },
  watchedPaths: { paths: [], groupMinutes: 10 },
};
