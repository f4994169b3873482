// The first step of a palette search: "New search..." above the account's saved and recent
// searches of that kind, each in words. Item buttons save a recent search, forget it, or delete a saved one.
import * as vscode from 'vscode';
import { DisposableStore } from '../util/disposables';
import { describeSearch } from './describeSearch';
import type { ActivityKind, ActivitySearch } from './search';
import { searchKey, type SavedSearch, type SearchStore } from './searchStore';

interface SearchItem extends vscode.QuickPickItem {
  search?: ActivitySearch;
  saved?: SavedSearch;
}

/** Quick pick labels and descriptions render `$(name)` as an icon: names and log values must read as typed. */
export const quickPickText = (text: string) => text.replace(/\$\(/g, '\\$(');

/**
 * 'new' for a new search, a search to run again, or undefined (cancelled, or handed to Save Search).
 * Asks nothing, answering 'new', when the account has no saved or recent search of this kind.
 */
export async function pickRecentSearch(title: string, kind: ActivityKind, accountId: string, searches: SearchStore): Promise<'new' | ActivitySearch | undefined> {
  if (!searches.saved(accountId, kind).length && !searches.recent(accountId, kind).length) {
    return 'new';
  }
  const saveButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save'), tooltip: vscode.l10n.t('Save Search...') };
  const forgetButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: vscode.l10n.t('Remove from Recent') };
  const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete') };
  const newItem: SearchItem = { label: `$(add) ${vscode.l10n.t('New search...')}`, alwaysShow: true };
  const pick = vscode.window.createQuickPick<SearchItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Run a saved or recent search again, or start a new one');
  pick.matchOnDescription = true;
  // Stays open when focus moves, as the search's later steps do: a query panel that loads takes the focus.
  pick.ignoreFocusOut = true;
  const render = () => {
    const saved = searches.saved(accountId, kind);
    const savedKeys = new Set(saved.map((s) => searchKey(s.search)));
    // A recent search that is also saved shows once, under its name.
    const recent = searches.recent(accountId, kind).filter((search) => !savedKeys.has(searchKey(search)));
    const separator = (label: string): SearchItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
    pick.items = [
      newItem,
      ...(saved.length ? [separator(vscode.l10n.t('Saved'))] : []),
      ...saved.map((s): SearchItem => ({ label: quickPickText(s.name), description: quickPickText(describeSearch(s.search)), buttons: [deleteButton], search: s.search, saved: s })),
      ...(recent.length ? [separator(vscode.l10n.t('Recent'))] : []),
      ...recent.map((search): SearchItem => ({ label: quickPickText(describeSearch(search)), buttons: [saveButton, forgetButton], search })),
    ];
  };
  render();
  return new Promise((resolve) => {
    const subscriptions = new DisposableStore();
    const settle = (result: 'new' | ActivitySearch | undefined) => {
      subscriptions.dispose();
      pick.dispose();
      resolve(result);
    };
    subscriptions.add(vscode.Disposable.from(
      pick.onDidAccept(() => {
        const [item] = pick.activeItems;
        if (item) {
          settle(item.search ?? 'new');
        }
      }),
      pick.onDidTriggerItemButton(async ({ button, item }) => {
        if (button === saveButton && item.search) {
          settle(undefined);
          await vscode.commands.executeCommand('exavault.saveSearch', { accountId, search: item.search });
        } else if (button === forgetButton && item.search) {
          await searches.forget(accountId, item.search);
          render();
        } else if (button === deleteButton && item.saved) {
          await searches.delete(accountId, item.saved.id);
          render();
        }
      }),
      pick.onDidHide(() => settle(undefined)),
    ));
    pick.show();
  });
}
