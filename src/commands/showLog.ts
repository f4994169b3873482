import * as vscode from 'vscode';

/** "ExaVault: Show Log": reveals the extension's log channel, which never holds secrets. */
export function registerShowLogCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showLog', () => log.show(true));
}
