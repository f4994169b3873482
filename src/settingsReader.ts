import { PATH_HISTORY_CALL_CAP } from './activity/correlate/pathHistory';
import { resolveTimeZone } from './activity/timeZone';

// How the extension's settings are read and bounded. Free of `vscode` (it takes the `exavault`
// section through a function), so what a user's settings.json holds is tested in Node.

export type EnvironmentImport = 'ask' | 'always' | 'never';

/** The extension's settings, by their names under "exavault.". */
export type SettingName =
  | 'sidebar.timeWindowHours' | 'sidebar.autoRefreshSeconds' | 'pageSize' | 'search.confirmAboveCalls'
  | 'requestTimeoutSeconds' | 'importFromEnvironment' | 'resources.maxDownloadMegabytes' | 'timeZone'
  | 'pathHistory.maxCalls' | 'webhooks.resendCap';

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
    /** The zone times are shown and typed in, as a zone name; UTC when the setting names none (see invalidTimeZone). */
    timeZone(): string {
      return resolveTimeZone(String(timeZoneSetting()), localZone()) ?? 'UTC';
    },
    /** The setting as written when it names no time zone; undefined when it does. */
    invalidTimeZone(): string | undefined {
      const setting = String(timeZoneSetting());
      return resolveTimeZone(setting, localZone()) === undefined ? setting : undefined;
    },
  };
}
