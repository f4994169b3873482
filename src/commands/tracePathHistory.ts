import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import type { PathHistory } from '../activity/correlate/pathHistory';
import type { PathHistoryDocuments } from '../correlate/pathHistoryDocuments';
import type { ActivityViews } from '../treeViews/views';
import { resourceTarget, type ResourceCommandArgs } from './resourceTarget';

/**
 * "Trace Path History" on an ExaVault file or folder, a sidebar entry with a path, a panel row, or the
 * message for one that is gone: who uploaded, renamed, moved and deleted it, in a read-only editor.
 * Returns the history (undefined when there was nothing to trace, or it was cancelled or failed).
 */
export function registerTracePathHistoryCommand(documents: PathHistoryDocuments, views: ActivityViews, store: AccountStore, clients: AccountClients): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.tracePathHistory', async (argument?: ResourceCommandArgs): Promise<PathHistory | undefined> => {
    const target = resourceTarget(argument, views, store);
    const account = target && store.list().find((candidate) => candidate.id === target.accountId);
    return target && account ? documents.show(target.path, account, clients) : undefined;
  });
}
