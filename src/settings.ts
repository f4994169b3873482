import * as vscode from 'vscode';

export type EnvironmentImport = 'ask' | 'always' | 'never';

/** The extension's settings, by their names under "exavault.". */
export type SettingName =
  | 'sidebar.timeWindowHours' | 'sidebar.autoRefreshSeconds' | 'pageSize' | 'search.confirmAboveCalls'
  | 'requestTimeoutSeconds' | 'importFromEnvironment' | 'resources.maxDownloadMegabytes';

function read<T>(name: SettingName, fallback: T): T {
  return vscode.workspace.getConfiguration('exavault').get<T>(name, fallback);
}

/** The extension's settings, read when needed so that changes apply at once, and their changes. */
export const settings = {
  /** How far back the sidebar looks, from now. */
  timeWindowMs(): number {
    return Math.max(1, read('sidebar.timeWindowHours', 24)) * 3_600_000;
  },
  /** Entries per API call. */
  pageSize(): number {
    return Math.min(1000, Math.max(10, read('pageSize', 100)));
  },
  /** Auto-refresh interval while a view is visible, in ms; 0 when off. */
  autoRefreshMs(): number {
    return Math.max(0, read('sidebar.autoRefreshSeconds', 0)) * 1000;
  },
  /** Above this many estimated API calls, a panel search asks before going on. */
  confirmAboveCalls(): number {
    return Math.max(1, read('search.confirmAboveCalls', 50));
  },
  requestTimeoutMs(): number {
    return Math.max(1, read('requestTimeoutSeconds', 30)) * 1000;
  },
  importFromEnvironment(): EnvironmentImport {
    return read<EnvironmentImport>('importFromEnvironment', 'ask');
  },
  /** The largest file opened from ExaVault, in bytes: more is refused before it is downloaded. */
  maxDownloadBytes(): number {
    return Math.max(1, read('resources.maxDownloadMegabytes', 50)) * 1_048_576;
  },
  /** Calls `listener` when any of the extension's settings changes; `changed` says which. */
  onDidChange(listener: (changed: (name: SettingName) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('exavault')) {
        listener((name) => event.affectsConfiguration(`exavault.${name}`));
      }
    });
  },
};
