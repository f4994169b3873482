import * as vscode from 'vscode';
import { askNewAccount } from '../accounts/credentialInput';
import type { AccountStore } from '../accounts/accountStore';
import type { AccountClients } from '../accounts/accountClients';
import { saveCheckedAccount } from '../accounts/saveAccount';
import { plainText } from '../activity/plainText';
import { offerToWatch } from './watchAccount';

/** "ExaVault: Add Account": asks, checks with ExaVault, stores the secrets, makes it active. */
export function registerAddAccountCommand(store: AccountStore, clients: AccountClients, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.addAccount', async () => {
    const added = await askNewAccount();
    if (!added) {
      return;
    }
    const replaced = store.findByBaseUrl(added.baseUrl.href);
    const account = await saveCheckedAccount(store, clients, added.baseUrl, added.checked, added.credentials);
    log.info(`${replaced ? 'Updated' : 'Added'} account ${account.label} (${account.baseUrl}).`);
    // The label is the account name the server reported: plain text, never a link or an icon.
    const label = plainText(account.label);
    void vscode.window.showInformationMessage(replaced
      ? vscode.l10n.t('Updated the credentials of {0}, now the active account.', label)
      : vscode.l10n.t('Added {0}, now the active account.', label));
    if (!replaced) {
      void offerToWatch(store, clients, account);
    }
  });
}
