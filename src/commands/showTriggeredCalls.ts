import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import type { TriggeredCalls } from '../activity/correlate/triggeredCalls';
import { plainText } from '../activity/plainText';
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
    const search = triggeredSearch(account.id, entry);
    if (found.calls.length === 0 || !search) {
      void vscode.window.showInformationMessage(text);
      return found;
    }
    const show = vscode.l10n.t('Show Calls');
    void vscode.window.showInformationMessage(text, show).then(async (choice) => {
      if (choice === show) {
        await vscode.commands.executeCommand('exavault.openSearch', search);
      }
    });
    return found;
  });
}
