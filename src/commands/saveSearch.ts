import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { describeSearch, kindLabel } from '../search/describeSearch';
import type { AccountSearchRequest } from '../search/openSearch';
import { quickPickText } from '../search/recentSearchPicker';
import { askSearchName } from '../search/searchName';
import type { SearchStore } from '../search/searchStore';

const isRequest = (value: unknown): value is AccountSearchRequest =>
  typeof (value as Partial<AccountSearchRequest> | undefined)?.accountId === 'string' && typeof (value as AccountSearchRequest).search === 'object';

async function pickRecent(accounts: AccountStore, searches: SearchStore): Promise<AccountSearchRequest | undefined> {
  const account = accounts.active();
  const recent = account ? searches.recent(account.id) : [];
  if (!account || !recent.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no recent search to save yet: run "Search Session Logs..." or "Search Webhook Calls..." first.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    recent.map((search) => ({ label: quickPickText(describeSearch(search)), detail: kindLabel(search.kind), search })),
    { title: vscode.l10n.t('Save Search'), placeHolder: vscode.l10n.t('Which recent search to save'), ignoreFocusOut: true },
  );
  return picked && { accountId: account.id, search: picked.search };
}

/**
 * "ExaVault: Save Search...": names a recent search and keeps it in the Saved Searches view. The
 * recent-search picker's Save button passes its search; from the palette, one is picked.
 */
export function registerSaveSearchCommand(accounts: AccountStore, searches: SearchStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.saveSearch', async (request?: unknown) => {
    const target = isRequest(request) ? request : await pickRecent(accounts, searches);
    if (!target) {
      return;
    }
    const name = await askSearchName(searches, target.accountId, { title: vscode.l10n.t('Save Search'), value: describeSearch(target.search) });
    if (name) {
      await searches.save(target.accountId, name, target.search);
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved the search as "{0}". It is in the Saved Searches view.', name));
    }
  });
}
