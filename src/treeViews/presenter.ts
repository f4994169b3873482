import type * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import type { Group } from '../activity/grouping';
import type { ActivityKind } from '../activity/logSchema';

/** What differs between the Sessions and Webhook Calls views; the rest is ActivityView. */
export interface ActivityPresenter<T extends ActivityEntry> {
  readonly viewId: string;
  /** The log the view shows. */
  readonly kind: ActivityKind;
  /** What the view says when the window holds no entries. */
  noActivity(hours: number): string;
  group(entries: readonly T[]): Group<T>[];
  /** Changes when the way of grouping changes (webhook calls: by event or by status). */
  groupingKey(): string;
  /** The row, without its tooltip: VS Code asks for that (entryTooltip) only when the row is hovered. */
  entryItem(entry: T, now: Date): vscode.TreeItem;
  entryTooltip(entry: T): vscode.MarkdownString;
  groupIcon(group: Group<T>): vscode.ThemeIcon;
  /** The path the entry is about, for Copy Path. */
  pathOf(entry: T): string;
}
