import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { pickAccount } from '../accounts/pickAccount';

/** "ExaVault: Switch Account" (also the status bar item's click). */
export function registerSwitchAccountCommand(store: AccountStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.switchAccount', async () => {
    const picked = await pickAccount(store, vscode.l10n.t('Switch ExaVault Account'), { offerAdd: true });
    if (picked === 'add') {
      await vscode.commands.executeCommand('exavault.addAccount');
    } else if (picked) {
      await store.setActive(picked.id);
    }
  });
}
