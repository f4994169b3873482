import * as vscode from 'vscode';
import { entryJson } from '../activity/json';
import { entryOf, viewOf, type ActivityCommandArgs, type ActivityViews } from '../treeViews/views';

/** "Copy Path" and "Copy as JSON" on an entry. */
export function registerCopyCommands(views: ActivityViews): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('exavault.copyPath', async (row?: ActivityCommandArgs) => {
      const entry = entryOf(row);
      const path = entry && viewOf(views, entry).presenter.pathOf(entry);
      if (path) {
        await vscode.env.clipboard.writeText(path);
      }
    }),
    vscode.commands.registerCommand('exavault.copyAsJson', async (row?: ActivityCommandArgs) => {
      const entry = entryOf(row);
      if (entry) {
        await vscode.env.clipboard.writeText(entryJson(entry));
      }
    }),
  ];
}
