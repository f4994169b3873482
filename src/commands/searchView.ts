import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { openSearch, sidebarSearch } from '../search/openSearch';
import type { ActivityViews } from '../treeViews/views';

/** Each activity view's title-bar "Search...": the view's filters and time window as a search, opened in the search panel. */
export function registerSearchViewCommands(views: ActivityViews, accounts: AccountStore): vscode.Disposable[] {
  return ([[views.sessions, 'sessions'], [views.webhooks, 'webhooks']] as const).map(([view, kind]) =>
    vscode.commands.registerCommand(`${view.presenter.viewId}.search`, async () => {
      const account = accounts.active();
      if (account) {
        await openSearch({ accountId: account.id, search: sidebarSearch(kind, view.current?.filters ?? {}) });
      }
    }));
}
