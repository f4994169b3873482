import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import { displayText } from '../activity/displayText';
import type { Group } from '../activity/grouping';
import type { ActivityPresenter } from './presenter';

/**
 * The kinds of row an activity view shows. Ids are stable, so refreshes keep expansion and selection.
 * Each row names its view: commands run on a row (by a click or from its menu) get the row itself.
 */
export type ActivityNode<T extends ActivityEntry> = { viewId: string; id: string } & (
  | { kind: 'group'; group: Group<T> }
  | { kind: 'entry'; entry: T }
  | { kind: 'loadMore' }
  | { kind: 'error'; message: string }
  | { kind: 'empty'; message: string });

export function treeItem<T extends ActivityEntry>(node: ActivityNode<T>, presenter: ActivityPresenter<T>, now: Date): vscode.TreeItem {
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'group': {
      const { group } = node;
      item = new vscode.TreeItem(displayText(group.label, 128), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = group.failed
        ? vscode.l10n.t('{0} · {1} failed', group.entries.length, group.failed)
        : String(group.entries.length);
      item.tooltip = vscode.l10n.t('{0}: {1} loaded, {2} failed', displayText(group.label, 128), group.entries.length, group.failed);
      item.iconPath = presenter.groupIcon(group);
      // An endpoint's group offers Resend Failed Calls.
      item.contextValue = group.endpointUrl ? 'group.endpoint' : 'group';
      break;
    }
    case 'entry':
      item = presenter.entryItem(node.entry, now);
      item.command = { command: 'exavault.showDetails', title: vscode.l10n.t('Show Details'), arguments: [node] };
      break;
    case 'loadMore':
      item = new vscode.TreeItem(vscode.l10n.t('Load more...'));
      item.iconPath = new vscode.ThemeIcon('fold-down');
      item.tooltip = vscode.l10n.t('Load older entries (one API call)');
      item.command = { command: 'exavault.loadMore', title: vscode.l10n.t('Load more...'), arguments: [node] };
      item.contextValue = 'loadMore';
      break;
    case 'error':
      item = new vscode.TreeItem(displayText(node.message));
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = displayText(node.message, 2000);
      item.command = { command: 'exavault.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
      item.contextValue = 'error';
      break;
    case 'empty':
      item = new vscode.TreeItem(node.message);
      item.iconPath = new vscode.ThemeIcon('info');
      item.contextValue = 'empty';
      break;
  }
  item.id = node.id;
  // Screen readers get the row as it reads, not the tooltip VS Code would fall back to.
  item.accessibilityInformation = { label: [item.label, item.description].filter(Boolean).join(', ') };
  return item;
}
