import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import type { CauseVerdict } from '../activity/correlate/causedBy';
import { plainText } from '../activity/plainText';
import { entryOf, type ActivityCommandArgs } from '../treeViews/views';
import { causeSearch, causeSummary, lookForCause } from '../correlate/causeView';
import { offerSearch } from '../correlate/offerSearch';

/**
 * "Show Cause" on a webhook call in the sidebar: how sure the match is and why, with the session entry
 * one click away (Open Cause opens it in a query panel). Returns the verdict, not waiting for that click
 * (undefined when nothing was looked for).
 */
export function registerShowCauseCommand(store: AccountStore, clients: AccountClients): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showCause', async (row?: ActivityCommandArgs): Promise<CauseVerdict | undefined> => {
    const call = entryOf(row);
    const account = store.active();
    if (call?.kind !== 'webhook' || !account) {
      return undefined;
    }
    const verdict = await lookForCause(call, account, clients);
    if (!verdict) {
      return undefined;
    }
    const text = vscode.l10n.t('Caused by: {0} {1}', causeSummary(verdict), plainText(verdict.why, 1000));
    offerSearch(text, vscode.l10n.t('Open Cause'), verdict.entry && causeSearch(account.id, verdict.entry));
    return verdict;
  });
}
