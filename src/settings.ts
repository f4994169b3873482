import * as vscode from 'vscode';
import { readSettings, type SettingName } from './settingsReader';

/** The extension's settings, read when needed so that changes apply at once, and their changes. */
export const settings = {
  ...readSettings(() => vscode.workspace.getConfiguration('exavault')),
  /** Calls `listener` when any of the extension's settings changes; `changed` says which. */
  onDidChange(listener: (changed: (name: SettingName) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('exavault')) {
        listener((name) => event.affectsConfiguration(`exavault.${name}`));
      }
    });
  },
};
