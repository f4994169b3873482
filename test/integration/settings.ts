// The extension's settings as a test sets them: at user level, and back to their defaults after.
import * as vscode from 'vscode';

/** `exavault.*` settings by name without the prefix (`pageSize`, `watch.intervalMinutes`). */
export type ExaVaultSettings = Readonly<Record<string, unknown>>;

const exavault = () => vscode.workspace.getConfiguration('exavault');

/** Sets each setting at user level, in the order given. */
export async function applySettings(settings: ExaVaultSettings): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    await exavault().update(name, value, vscode.ConfigurationTarget.Global);
  }
}

/** Puts each setting named back to its default. */
export async function resetSettings(settings: ExaVaultSettings | readonly string[]): Promise<void> {
  for (const name of Array.isArray(settings) ? settings : Object.keys(settings)) {
    await exavault().update(name, undefined, vscode.ConfigurationTarget.Global);
  }
}
