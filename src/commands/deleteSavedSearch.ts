import * as vscode from 'vscode';
import { isSavedSearchNode, type SavedSearchNode } from '../search/savedSearchesView';
import type { SearchStore } from '../search/searchStore';

/** "Delete" on a row of the Saved Searches view, after a confirmation. */
export function registerDeleteSavedSearchCommand(searches: SearchStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.deleteSavedSearch', async (node?: SavedSearchNode) => {
    if (!isSavedSearchNode(node)) {
      return;
    }
    const remove = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the saved search "{0}"?', node.saved.name), { modal: true }, remove);
    if (choice === remove) {
      await searches.delete(node.accountId, node.saved.id);
    }
  });
}
