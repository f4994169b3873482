import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import { entryOf, type ActivityCommandArgs, type ActivityViews } from '../treeViews/views';
import { confirmAndResend } from '../webhooks/confirmAndResend';

/** "Resend" on a webhook call in the sidebar. */
export function registerResendWebhookCommand(views: ActivityViews, store: AccountStore, clients: AccountClients, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.resendWebhook', async (row?: ActivityCommandArgs) => {
    const call = entryOf(row);
    const account = store.active();
    if (call?.kind !== 'webhook' || !account) {
      return;
    }
    if (await confirmAndResend(call, account, clients, log)) {
      await views.webhooks.refresh();
    }
  });
}
