import * as vscode from 'vscode';
import { allViews, viewOfRow, type ActivityCommandArgs, type ActivityViews } from '../treeViews/views';

/**
 * Each view's title-bar Refresh (`exavault.sessions.refresh`, `exavault.webhooks.refresh`), and
 * Retry and "Load more..." on its rows.
 */
export function registerRefreshCommands(views: ActivityViews): vscode.Disposable[] {
  return [
    ...allViews(views).map((view) => vscode.commands.registerCommand(`${view.presenter.viewId}.refresh`, () => view.refresh())),
    vscode.commands.registerCommand('exavault.retry', (row?: ActivityCommandArgs) => viewOfRow(views, row)?.refresh()),
    vscode.commands.registerCommand('exavault.loadMore', (row?: ActivityCommandArgs) => viewOfRow(views, row)?.loadMore()),
  ];
}
