import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';

/** "ExaVault: Sign Out of All Accounts": forgets every account and deletes every stored secret. */
export function registerSignOutAllCommand(store: AccountStore, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.signOutAll', () => signOutAll(store, log));
}

/** After a confirmation, forgets every account and deletes every secret this extension stored here, listed or not. */
export async function signOutAll(store: AccountStore, log: vscode.LogOutputChannel): Promise<void> {
  const count = store.list().length;
  if (count === 0) {
    // Secrets of accounts Settings Sync removed from the list may still be here: delete them too.
    if (store.hasUnlistedSecrets()) {
      await store.removeAll();
      log.info('Deleted the credentials of accounts no longer listed.');
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('No ExaVault account is signed in.'));
    return;
  }
  const signOut = vscode.l10n.t('Sign Out');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Sign out of all {0} ExaVault accounts?', count),
    { modal: true, detail: vscode.l10n.t('Every API key and access token is deleted from this machine.') },
    signOut,
  );
  if (choice === signOut) {
    await store.removeAll();
    log.info('Signed out of all accounts.');
  }
}
