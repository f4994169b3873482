import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { accountFor } from '../accounts/pickAccount';
import { plainText } from '../activity/plainText';

/** "ExaVault: Remove Account": after a confirmation, forgets the account and deletes its secrets. */
export function registerRemoveAccountCommand(store: AccountStore, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.removeAccount', async (accountId?: string) => {
    const account = await accountFor(store, accountId, vscode.l10n.t('Remove Account'));
    if (!account) {
      return;
    }
    const remove = vscode.l10n.t('Remove');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the ExaVault account {0}?', plainText(account.label)),
      { modal: true, detail: vscode.l10n.t('Its API key and access token are deleted from this machine. The account itself is not changed.') },
      remove,
    );
    if (choice === remove) {
      await store.remove(account.id);
      log.info(`Removed account ${account.label}.`);
    }
  });
}
