// Wires the extension's parts together; each part lives in its own module.
import * as vscode from 'vscode';
import { registerShowLogCommand } from './commands/showLog';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('ExaVault'), { log: true });
  context.subscriptions.push(log, registerShowLogCommand(log));
  log.info(vscode.l10n.t('ExaVault Activity {0} activated.', String(context.extension.packageJSON.version)));
}
