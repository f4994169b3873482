import * as vscode from 'vscode';
import { isSavedSearchNode, type SavedSearchNode } from '../search/savedSearchesView';
import { askSearchName } from '../search/searchName';
import type { SearchStore } from '../search/searchStore';

/** "Rename..." on a row of the Saved Searches view. */
export function registerRenameSavedSearchCommand(searches: SearchStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.renameSavedSearch', async (node?: SavedSearchNode) => {
    if (!isSavedSearchNode(node)) {
      return;
    }
    const { accountId, saved } = node;
    const name = await askSearchName(searches, accountId, { title: vscode.l10n.t('Rename Saved Search'), value: saved.name, renamingId: saved.id });
    if (name) {
      await searches.rename(accountId, saved.id, name);
    }
  });
}
