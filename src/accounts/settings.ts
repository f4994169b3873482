import * as vscode from 'vscode';

export type EnvironmentImport = 'ask' | 'always' | 'never';

/** The extension's settings, read when needed so that changes apply at once. */
export const settings = {
  requestTimeoutMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration('exavault').get<number>('requestTimeoutSeconds', 30)) * 1000;
  },
  importFromEnvironment(): EnvironmentImport {
    return vscode.workspace.getConfiguration('exavault').get<EnvironmentImport>('importFromEnvironment', 'ask');
  },
};
