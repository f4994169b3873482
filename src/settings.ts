import * as vscode from 'vscode';

export type EnvironmentImport = 'ask' | 'always' | 'never';

/** The extension's settings, read when needed so that changes apply at once. */
export const settings = {
  /** How far back the sidebar looks, from now. */
  timeWindowMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration('exavault').get<number>('sidebar.timeWindowHours', 24)) * 3_600_000;
  },
  /** Entries per API call. */
  pageSize(): number {
    return Math.min(1000, Math.max(10, vscode.workspace.getConfiguration('exavault').get<number>('pageSize', 100)));
  },
  /** Auto-refresh interval while a view is visible, in ms; 0 when off. */
  autoRefreshMs(): number {
    return Math.max(0, vscode.workspace.getConfiguration('exavault').get<number>('sidebar.autoRefreshSeconds', 0)) * 1000;
  },
  /** Above this many estimated API calls, a panel search asks before going on. */
  confirmAboveCalls(): number {
    return Math.max(1, vscode.workspace.getConfiguration('exavault').get<number>('search.confirmAboveCalls', 50));
  },
  requestTimeoutMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration('exavault').get<number>('requestTimeoutSeconds', 30)) * 1000;
  },
  importFromEnvironment(): EnvironmentImport {
    return vscode.workspace.getConfiguration('exavault').get<EnvironmentImport>('importFromEnvironment', 'ask');
  },
  /** The largest file opened from ExaVault, in bytes: more is refused before it is downloaded. */
  maxDownloadBytes(): number {
    return Math.max(1, vscode.workspace.getConfiguration('exavault').get<number>('resources.maxDownloadMegabytes', 50)) * 1_048_576;
  },
};
