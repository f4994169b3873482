import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { accountToSearch, openSearch } from '../search/openSearch';
import { pickRecentSearch } from '../search/recentSearchPicker';
import type { ActivityKind } from '../search/search';
import type { SearchStore } from '../search/searchStore';
import { askSearch, searchTitle } from '../search/searchWizard';

const COMMANDS: readonly [command: string, kind: ActivityKind][] = [['exavault.searchSessions', 'sessions'], ['exavault.searchWebhooks', 'webhooks']];

/** "ExaVault: Search Session Logs..." and "ExaVault: Search Webhook Calls...": a saved, recent or new search of the active account, opened in the search panel. */
export function registerSearchActivityCommands(accounts: AccountStore, searches: SearchStore): vscode.Disposable[] {
  return COMMANDS.map(([command, kind]) => vscode.commands.registerCommand(command, async () => {
    const account = await accountToSearch(accounts);
    if (!account) {
      return;
    }
    const start = await pickRecentSearch(searchTitle(kind), kind, account.id, searches);
    const search = start === 'new' ? await askSearch(kind) : start;
    if (search) {
      await openSearch({ accountId: account.id, search });
    }
  }));
}
