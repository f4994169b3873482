import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { AccountClients } from '../accounts/accountClients';
import { askCredentials } from '../accounts/credentialInput';
import { accountFor } from '../accounts/pickAccount';
import { plainText } from '../activity/plainText';

/** "ExaVault: Update Credentials": a new API key and access token, checked, for one account. */
export function registerUpdateCredentialsCommand(store: AccountStore, clients: AccountClients, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.updateCredentials', async (accountId?: string) => {
    if (store.list().length === 0) {
      await vscode.commands.executeCommand('exavault.addAccount');
      return;
    }
    const account = await accountFor(store, accountId, vscode.l10n.t('Update Credentials'));
    const updated = account && await askCredentials(account);
    if (account && updated) {
      await store.updateCredentials(account.id, updated.credentials);
      if (updated.checked.rateLimit) {
        clients.recordRateLimit(account.id, updated.checked.rateLimit);
      }
      log.info(`Updated the credentials of ${account.label}.`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Updated the credentials of {0}.', plainText(account.label)));
    }
  });
}
