import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { openSearch, sidebarSearch } from '../search/openSearch';
import { allViews, type ActivityViews } from '../treeViews/views';

/** Each activity view's title-bar "Search...": the view's filters and time window as a search, opened in the search panel. */
export function registerSearchViewCommands(views: ActivityViews, accounts: AccountStore): vscode.Disposable[] {
  return allViews(views).map((view) =>
    vscode.commands.registerCommand(`${view.presenter.viewId}.search`, async () => {
      const account = accounts.active();
      if (account) {
        await openSearch({ accountId: account.id, search: sidebarSearch(view.presenter.kind, view.filters) });
      }
    }));
}
