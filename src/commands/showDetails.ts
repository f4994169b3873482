import * as vscode from 'vscode';
import type { DetailsDocuments } from '../details/detailsDocuments';
import { entryOf } from '../treeViews/views';

/** "Show Details" (and a click on an entry): every field as read-only JSON in an editor. */
export function registerShowDetailsCommand(details: DetailsDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showDetails', async (node: unknown) => {
    const entry = entryOf(node);
    if (entry) {
      await details.show(entry);
    }
  });
}
