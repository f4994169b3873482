import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import { accountFor } from '../accounts/pickAccount';
import { plainText } from '../activity/plainText';
import { plannedCostText } from '../watchView/watchCost';

/** "Watch this Account" and "Stop Watching this Account": the per-account switch, stored with the account. */
export function registerWatchAccountCommands(store: AccountStore, clients: AccountClients): vscode.Disposable[] {
  // Returns the account switched (undefined when there was none to switch), for code that turns watching on, such as the demo.
  const setWatched = async (accountId: unknown, watched: boolean): Promise<Account | undefined> => {
    const title = watched ? vscode.l10n.t('Watch which account?') : vscode.l10n.t('Stop watching which account?');
    const account = await accountFor(store, typeof accountId === 'string' ? accountId : undefined, title);
    if (!account) {
      return undefined;
    }
    await store.setWatched(account.id, watched);
    const label = plainText(account.label);
    void vscode.window.showInformationMessage(watched
      ? vscode.l10n.t('Watching {0}: {1}.', label, plannedCostText(clients.rateLimitFor(account.id)?.limit))
      : vscode.l10n.t('Stopped watching {0}.', label));
    return account;
  };
  const setContext = () => vscode.commands.executeCommand('setContext', 'exavault.watchesAccount', store.list().some((account) => account.watched));
  void setContext();
  return [
    vscode.commands.registerCommand('exavault.watchAccount', (accountId?: unknown) => setWatched(accountId, true)),
    vscode.commands.registerCommand('exavault.stopWatchingAccount', (accountId?: unknown) => setWatched(accountId, false)),
    store.onDidChange(() => void setContext()),
  ];
}

/** Offered once, when an account is added: watching stays off until the user says so. */
export async function offerToWatch(store: AccountStore, clients: AccountClients, account: Account): Promise<void> {
  const watch = vscode.l10n.t('Watch');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Watch {0} for failures? {1}.', plainText(account.label), plannedCostText(clients.rateLimitFor(account.id)?.limit)), watch);
  if (choice === watch) {
    await store.setWatched(account.id, true);
  }
}
