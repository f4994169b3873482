import * as vscode from 'vscode';
import { allViews, viewById, type ActivityViews } from '../treeViews/views';

/**
 * Each view's title-bar Refresh (`exavault.sessions.refresh`, `exavault.webhooks.refresh`), and
 * Retry and "Load more..." on its rows, which name their view.
 */
export function registerRefreshCommands(views: ActivityViews): vscode.Disposable[] {
  return [
    ...allViews(views).map((view) => vscode.commands.registerCommand(`${view.presenter.viewId}.refresh`, () => view.refresh())),
    vscode.commands.registerCommand('exavault.retry', (viewOrRow: unknown) => viewById(views, viewOrRow)?.refresh()),
    vscode.commands.registerCommand('exavault.loadMore', (viewOrRow: unknown) => viewById(views, viewOrRow)?.loadMore()),
  ];
}
