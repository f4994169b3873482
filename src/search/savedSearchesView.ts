// The sidebar's Saved Searches view: the active account's saved searches, by name; a click runs one.
import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { displayText } from '../activity/displayText';
import { settings } from '../settings';
import { fieldsTooltip } from '../ui/fieldsTooltip';
import { describeSearch, kindLabel } from './describeSearch';
import type { ActivityKind } from './search';
import type { SavedSearch, SearchStore } from './searchStore';

/** A row of the view, and what its commands (run, rename, delete) receive. */
export interface SavedSearchNode {
  accountId: string;
  saved: SavedSearch;
}

export function isSavedSearchNode(value: unknown): value is SavedSearchNode {
  const node = value as Partial<SavedSearchNode> | undefined;
  return typeof node?.accountId === 'string' && typeof node.saved?.id === 'string';
}

export const searchIcon = (kind: ActivityKind) => new vscode.ThemeIcon(kind === 'sessions' ? 'history' : 'zap');

export class SavedSearchesView implements vscode.TreeDataProvider<SavedSearchNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable;

  constructor(private readonly searches: SearchStore, private readonly accounts: AccountStore) {
    this.disposables = vscode.Disposable.from(
      vscode.window.createTreeView('exavault.savedSearches', { treeDataProvider: this }),
      this.changed,
      searches.onDidChange(() => this.changed.fire()),
      accounts.onDidChange(() => this.changed.fire()),
      // A custom range's times are written in the zone.
      settings.onDidChange((changed) => changed('timeZone') && this.changed.fire()),
    );
  }

  dispose(): void {
    this.disposables.dispose();
  }

  getChildren(node?: SavedSearchNode): SavedSearchNode[] {
    const account = this.accounts.active();
    return node || !account ? [] : this.searches.saved(account.id).map((saved) => ({ accountId: account.id, saved }));
  }

  getTreeItem(node: SavedSearchNode): vscode.TreeItem {
    const { saved } = node;
    const item = new vscode.TreeItem(displayText(saved.name, 128));
    item.id = `exavault.savedSearches/${saved.id}`;
    item.description = describeSearch(saved.search);
    item.tooltip = fieldsTooltip(saved.name, [[vscode.l10n.t('Log'), kindLabel(saved.search.kind)], [vscode.l10n.t('Search'), item.description]]);
    item.iconPath = searchIcon(saved.search.kind);
    item.contextValue = 'savedSearch';
    item.command = { command: 'exavault.runSavedSearch', title: vscode.l10n.t('Run Saved Search'), arguments: [node] };
    item.accessibilityInformation = { label: `${item.label}, ${item.description}` };
    return item;
  }
}
