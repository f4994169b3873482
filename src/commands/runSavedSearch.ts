import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { describeSearch, kindLabel } from '../search/describeSearch';
import { openSearch } from '../search/openSearch';
import { quickPickText } from '../search/recentSearchPicker';
import { isSavedSearchNode, searchIcon, type SavedSearchNode } from '../search/savedSearchesView';
import type { SearchStore } from '../search/searchStore';

async function pickSaved(accounts: AccountStore, searches: SearchStore): Promise<SavedSearchNode | undefined> {
  const account = accounts.active();
  const saved = account ? searches.saved(account.id) : [];
  if (!account || !saved.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no saved search yet: save one from the list of recent searches.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    saved.map((s) => ({ label: quickPickText(s.name), description: quickPickText(describeSearch(s.search)), detail: kindLabel(s.search.kind), iconPath: searchIcon(s.search.kind), saved: s })),
    { title: vscode.l10n.t('Run Saved Search'), placeHolder: vscode.l10n.t('Which saved search to run'), matchOnDescription: true, ignoreFocusOut: true },
  );
  return picked && { accountId: account.id, saved: picked.saved };
}

/** "ExaVault: Run Saved Search..." (and a click on a row of the Saved Searches view): opens it in the search panel. */
export function registerRunSavedSearchCommand(accounts: AccountStore, searches: SearchStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.runSavedSearch', async (node?: SavedSearchNode) => {
    const target = isSavedSearchNode(node) ? node : await pickSaved(accounts, searches);
    if (target) {
      await openSearch({ accountId: target.accountId, search: target.saved.search });
    }
  });
}
