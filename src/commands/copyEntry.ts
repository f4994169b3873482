import * as vscode from 'vscode';
import { entryJson } from '../activity/json';
import { entryOf, viewOf, type ActivityViews } from '../treeViews/views';

/** "Copy Path" and "Copy as JSON" on an entry. */
export function registerCopyCommands(views: ActivityViews): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('exavault.copyPath', async (node: unknown) => {
      const entry = entryOf(node);
      const path = entry && viewOf(views, entry).presenter.pathOf(entry);
      if (path) {
        await vscode.env.clipboard.writeText(path);
      }
    }),
    vscode.commands.registerCommand('exavault.copyAsJson', async (node: unknown) => {
      const entry = entryOf(node);
      if (entry) {
        await vscode.env.clipboard.writeText(entryJson(entry));
      }
    }),
  ];
}
