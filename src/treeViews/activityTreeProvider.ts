import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import type { ActivityFeed } from '../activity/activityFeed';
import type { Group } from '../activity/grouping';
import { treeItem, type ActivityNode } from './nodes';
import type { ActivityPresenter } from './presenter';

/** Groups, entries, and the rows around them (error, "Load more...", nothing found) for one feed. */
export class ActivityTreeProvider<T extends ActivityEntry> implements vscode.TreeDataProvider<ActivityNode<T>>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private feed: ActivityFeed<T> | undefined;
  private emptyMessage = '';
  private keep: ((entry: ActivityEntry) => boolean) | undefined;
  // Likewise, the entries a local filter keeps are picked out once per list.
  private kept: { entries: readonly T[]; keep: (entry: ActivityEntry) => boolean; shown: readonly T[] } | undefined;
  // The feed hands out a new array only when its entries change: group each list once, however often VS Code asks.
  private grouped: { entries: readonly T[]; key: string; groups: Group<T>[] } | undefined;

  constructor(private readonly presenter: ActivityPresenter<T>) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** `keep` picks the loaded entries the view shows (filters the API cannot apply); all of them when absent. */
  show(feed: ActivityFeed<T> | undefined, emptyMessage: string, keep?: (entry: ActivityEntry) => boolean): void {
    this.feed = feed;
    this.emptyMessage = emptyMessage;
    this.keep = keep;
    this.changed.fire();
  }

  getTreeItem(node: ActivityNode<T>): vscode.TreeItem {
    return treeItem(node, this.presenter, new Date());
  }

  resolveTreeItem(item: vscode.TreeItem, node: ActivityNode<T>): vscode.TreeItem {
    if (node.kind === 'entry') {
      item.tooltip = this.presenter.entryTooltip(node.entry);
    }
    return item;
  }

  /** The loaded entries the view shows. */
  shown(feed: ActivityFeed<T>): readonly T[] {
    const { keep } = this;
    if (!keep) {
      return feed.entries;
    }
    if (this.kept?.entries !== feed.entries || this.kept.keep !== keep) {
      this.kept = { entries: feed.entries, keep, shown: feed.entries.filter(keep) };
    }
    return this.kept.shown;
  }

  private groups(entries: readonly T[]): Group<T>[] {
    const key = this.presenter.groupingKey();
    if (this.grouped?.entries !== entries || this.grouped.key !== key) {
      this.grouped = { entries, key, groups: this.presenter.group(entries) };
    }
    return this.grouped.groups;
  }

  getChildren(node?: ActivityNode<T>): ActivityNode<T>[] {
    const viewId = this.presenter.viewId;
    if (node?.kind === 'group') {
      return node.group.entries.map((entry) => ({ kind: 'entry', viewId, id: `${viewId}/entry/${entry.id}`, entry }));
    }
    if (node || !this.feed?.started) {
      return [];
    }
    const feed = this.feed;
    const rows: ActivityNode<T>[] = [];
    if (feed.error) {
      rows.push({ kind: 'error', viewId, id: `${viewId}/error`, message: feed.error.message });
    }
    if (feed.warning) {
      rows.push({ kind: 'error', viewId, id: `${viewId}/warning`, message: feed.warning });
    }
    const shown = this.shown(feed);
    rows.push(...this.groups(shown).map((group): ActivityNode<T> => ({ kind: 'group', viewId, id: `${viewId}/group/${group.key}`, group })));
    if (feed.hasMore) {
      rows.push({ kind: 'loadMore', viewId, id: `${viewId}/loadMore` });
    } else if (shown.length === 0 && !feed.error && !feed.activity) {
      rows.push({ kind: 'empty', viewId, id: `${viewId}/empty`, message: this.emptyMessage });
    }
    return rows;
  }
}
