import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import type { TriggeredCalls } from '../activity/correlate/triggeredCalls';
import { plainText } from '../activity/plainText';
import { offerSearch } from '../correlate/offerSearch';
import { lookForTriggeredCalls, triggeredSearch } from '../correlate/triggeredView';
import { entryOf, type ActivityCommandArgs } from '../treeViews/views';

/**
 * "Webhook Calls It Triggered" on a session entry in the sidebar: how many calls and how many failed,
 * and why, with the calls one click away (Show Calls opens them in a query panel). Returns what was
 * found, not waiting for that click (undefined when nothing was looked for).
 */
export function registerShowTriggeredCallsCommand(store: AccountStore, clients: AccountClients): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showTriggeredCalls', async (row?: ActivityCommandArgs): Promise<TriggeredCalls | undefined> => {
    const entry = entryOf(row);
    const account = store.active();
    if (entry?.kind !== 'session' || !account) {
      return undefined;
    }
    const found = await lookForTriggeredCalls(entry, account, clients);
    if (!found) {
      return undefined;
    }
    const text = vscode.l10n.t('Webhook calls it triggered: {0}. {1}', found.summary, plainText(found.why, 1000));
    offerSearch(text, vscode.l10n.t('Show Calls'), found.calls.length === 0 ? undefined : triggeredSearch(account.id, entry));
    return found;
  });
}
