import { PATH_HISTORY_CALL_CAP } from './activity/correlate/pathHistory';
import { resolveTimeZone } from './activity/timeZone';
import { DEFAULT_MAX_SHARE_OF_ALLOWANCE } from './watch/cost';
import { DEFAULT_WATCH_THRESHOLDS, type WatchedPath, type WatchThresholds, type WindowThreshold } from './watch/rules/ruleThresholds';

// How the extension's settings are read and bounded. Free of `vscode` (it takes the `exavault`
// section through a function), so what a user's settings.json holds is tested in Node.

export type EnvironmentImport = 'ask' | 'always' | 'never';

/** The extension's settings, by their names under "exavault.". */
export type SettingName =
  | 'sidebar.timeWindowHours' | 'sidebar.autoRefreshSeconds' | 'pageSize' | 'search.confirmAboveCalls'
  | 'requestTimeoutSeconds' | 'importFromEnvironment' | 'resources.maxDownloadMegabytes' | 'timeZone'
  | 'pathHistory.maxCalls' | 'webhooks.resendCap' | 'watch.intervalMinutes' | 'watch.maxShareOfAllowance'
  | 'watch.endpointFailures.count' | 'watch.endpointFailures.minutes' | 'watch.endpointFailures.inARow'
  | 'watch.failedLogins.count' | 'watch.failedLogins.minutes' | 'watch.massDeletion.count' | 'watch.massDeletion.minutes'
  | 'watch.watchedPaths';

/** The default of `exavault.watch.intervalMinutes`. */
export const DEFAULT_WATCH_INTERVAL_MINUTES = 5;
// A poll every few seconds is for tests against a local server; the share of the allowance still bounds it.
export const SHORTEST_WATCH_INTERVAL_MS = 3_000;

/** What it needs of the vscode.WorkspaceConfiguration of the `exavault` section. */
export interface SettingsSection {
  get<T>(key: SettingName, defaultValue: T): T;
}

/**
 * The settings, read from `section()` on every call so that changes apply at once. `localZone` is the
 * zone `local` stands for (this machine's).
 */
export function readSettings(section: () => SettingsSection, localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone) {
  const timeZoneSetting = () => section().get<string>('timeZone', 'local');
  // A hand-edited settings.json can hold anything: what is not a number (or not a choice) reads as the default.
  const numberSetting = (name: SettingName, fallback: number) => {
    const value = section().get<unknown>(name, fallback);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  };
  // A count of 0 turns a rule off; minutes are at least one.
  const countSetting = (name: SettingName, fallback: number) => Math.max(0, Math.floor(numberSetting(name, fallback)));
  const windowSetting = (rule: 'endpointFailures' | 'failedLogins' | 'massDeletion', fallback: WindowThreshold): WindowThreshold => ({
    count: countSetting(`watch.${rule}.count`, fallback.count),
    minutes: Math.max(1, numberSetting(`watch.${rule}.minutes`, fallback.minutes)),
  });
  return {
    /** How far back the sidebar looks, from now. */
    timeWindowMs(): number {
      return Math.max(1, numberSetting('sidebar.timeWindowHours', 24)) * 3_600_000;
    },
    /** Entries per API call. */
    pageSize(): number {
      return Math.min(1000, Math.max(10, numberSetting('pageSize', 100)));
    },
    /** Auto-refresh interval while a view is visible, in ms; 0 when off. */
    autoRefreshMs(): number {
      return Math.max(0, numberSetting('sidebar.autoRefreshSeconds', 0)) * 1000;
    },
    /** Above this many estimated API calls, a panel search asks before going on. */
    confirmAboveCalls(): number {
      return Math.max(1, numberSetting('search.confirmAboveCalls', 50));
    },
    /** At most this many failed calls are resent in one run of Resend Failed Calls. */
    resendCap(): number {
      return Math.min(1000, Math.max(1, Math.floor(numberSetting('webhooks.resendCap', 25))));
    },
    requestTimeoutMs(): number {
      return Math.max(1, numberSetting('requestTimeoutSeconds', 30)) * 1000;
    },
    importFromEnvironment(): EnvironmentImport {
      const value = section().get<unknown>('importFromEnvironment', 'ask');
      return value === 'always' || value === 'never' ? value : 'ask';
    },
    /** The largest file opened from ExaVault, in bytes: more is refused before it is downloaded. */
    maxDownloadBytes(): number {
      return Math.max(1, numberSetting('resources.maxDownloadMegabytes', 50)) * 1_048_576;
    },
    /** The most API calls one Trace Path History may make. */
    pathHistoryMaxCalls(): number {
      return Math.min(1000, Math.max(5, Math.floor(numberSetting('pathHistory.maxCalls', PATH_HISTORY_CALL_CAP))));
    },
    /**
     * How often a watched account is polled, as asked (the share of the allowance may stretch it), in ms;
     * never more often than `shortestMs` (shorter only under the watch's test pace switch).
     */
    watchIntervalMs(shortestMs = SHORTEST_WATCH_INTERVAL_MS): number {
      return Math.max(shortestMs, numberSetting('watch.intervalMinutes', DEFAULT_WATCH_INTERVAL_MINUTES) * 60_000);
    },
    /** The most of an account's daily allowance watching may spend, 0..1. */
    watchMaxShareOfAllowance(): number {
      const share = numberSetting('watch.maxShareOfAllowance', DEFAULT_MAX_SHARE_OF_ALLOWANCE);
      return share > 0 && share <= 1 ? share : DEFAULT_MAX_SHARE_OF_ALLOWANCE;
    },
    /** The rules' thresholds; a failed-login threshold holds for one address and for one username alike. */
    watchThresholds(): WatchThresholds {
      const defaults = DEFAULT_WATCH_THRESHOLDS;
      const failedLogins = windowSetting('failedLogins', defaults.failedLogins.perAddress);
      return {
        endpointFailures: { ...windowSetting('endpointFailures', defaults.endpointFailures), inARow: countSetting('watch.endpointFailures.inARow', defaults.endpointFailures.inARow) },
        failedLogins: { perAddress: failedLogins, perUsername: failedLogins },
        massDeletion: windowSetting('massDeletion', defaults.massDeletion),
        watchedPaths: { ...defaults.watchedPaths, paths: watchedPathsOf(section().get<unknown>('watch.watchedPaths', [])) },
      };
    },
    /** The zone times are shown and typed in, as a zone name; UTC when the setting names none (see invalidTimeZone). */
    timeZone(): string {
      return resolveTimeZone(String(timeZoneSetting()), localZone) ?? 'UTC';
    },
    /** The setting as written when it names no time zone; undefined when it does. */
    invalidTimeZone(): string | undefined {
      const setting = String(timeZoneSetting());
      // `local` names a zone whichever this machine's is, so that is not asked: the check runs at
      // activation, and the first look at the machine's zone loads the runtime's zone data.
      return resolveTimeZone(setting, () => 'UTC') === undefined ? setting : undefined;
    },
  };
}

/** The well-formed items of `exavault.watch.watchedPaths`: a path pattern, and operation codes (none: every operation). */
function watchedPathsOf(value: unknown): WatchedPath[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((item: unknown): WatchedPath[] => {
    const { pattern, operations } = (item ?? {}) as { pattern?: unknown; operations?: unknown };
    if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
      return [];
    }
    const codes = Array.isArray(operations) ? operations.filter((code): code is string => typeof code === 'string' && code.length > 0) : [];
    return [{ pattern, operations: codes.map((code) => code.toUpperCase()) }];
  });
}
