import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { DetailsDocuments } from '../details/detailsDocuments';
import { entryOf, type ActivityCommandArgs } from '../treeViews/views';

/** "Show Details" (and a click on an entry): every field as read-only JSON in an editor. */
export function registerShowDetailsCommand(details: DetailsDocuments, store: AccountStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showDetails', async (row?: ActivityCommandArgs) => {
    const entry = entryOf(row);
    const account = store.active();
    if (entry && account) {
      await details.show(entry, account.id);
    }
  });
}
