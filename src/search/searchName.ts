import * as vscode from 'vscode';
import type { SearchStore } from './searchStore';

/** Asks a name for a saved search of the account, unused by its other saved searches; undefined when cancelled. */
export async function askSearchName(searches: SearchStore, accountId: string, options: { title: string; value: string; renamingId?: string }): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: options.title,
    prompt: vscode.l10n.t('A name for the search, shown in the Saved Searches view.'),
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) {
        return vscode.l10n.t('Enter a name.');
      }
      return searches.nameTaken(accountId, value, options.renamingId) ? vscode.l10n.t('Another saved search has that name.') : undefined;
    },
  });
  return name?.trim() || undefined;
}
