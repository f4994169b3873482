// Wires the extension's parts together; each part lives in its own module.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountStore } from './accounts/accountStore';
import { Connection } from './accounts/connection';
import { importFromEnvironment } from './accounts/environmentImport';
import { AccountStatusBar } from './accounts/statusBar';
import { registerAddAccountCommand } from './commands/addAccount';
import { registerRemoveAccountCommand } from './commands/removeAccount';
import { registerShowLogCommand } from './commands/showLog';
import { registerSignOutAllCommand } from './commands/signOutAll';
import { registerSwitchAccountCommand } from './commands/switchAccount';
import { registerUpdateCredentialsCommand } from './commands/updateCredentials';

export function activate(context: vscode.ExtensionContext): void {
  // src/api speaks through @vscode/l10n: give it the same translations as the rest.
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = vscode.window.createOutputChannel(vscode.l10n.t('ExaVault'), { log: true });
  const store = new AccountStore(context.globalState, context.secrets);
  const connection = new Connection(store, log);
  const setHasAccount = () => vscode.commands.executeCommand('setContext', 'exavault.hasAccount', store.list().length > 0);
  context.subscriptions.push(
    log, store, connection,
    new AccountStatusBar(store, connection),
    store.onDidChange(setHasAccount),
    registerShowLogCommand(log),
    registerAddAccountCommand(store, connection, log),
    registerSwitchAccountCommand(store),
    registerUpdateCredentialsCommand(store, connection, log),
    registerRemoveAccountCommand(store, log),
    registerSignOutAllCommand(store, log),
  );
  void setHasAccount();
  void importFromEnvironment(store, connection, context.globalState, log);
  log.info(vscode.l10n.t('ExaVault Activity {0} activated.', String(context.extension.packageJSON.version)));
}
