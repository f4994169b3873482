import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import type { Account } from '../accounts/account';
import type { ExaVaultClient } from '../api/client';
import type { WebhookCall } from '../api/models';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { entryOf, type ActivityViews } from '../treeViews/views';

/**
 * After a confirmation, POST /webhooks/resend/{id} once. Never retried automatically: the listener
 * would receive the call again each time. Resolves with whether it was sent.
 */
export async function confirmAndResend(call: WebhookCall, account: Account, client: () => Promise<ExaVaultClient | undefined>, clients: AccountClients, log: vscode.LogOutputChannel): Promise<boolean> {
  const resend = vscode.l10n.t('Resend');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Resend this {0} call to {1}?', plainText(call.eventLabel), call.endpointUrl ? plainText(call.endpointUrl) : vscode.l10n.t('its endpoint')),
    { modal: true, detail: vscode.l10n.t('The listener receives the same webhook message again. It is sent once; nothing retries it.') },
    resend,
  );
  if (choice !== resend) {
    return false;
  }
  const connected = await client();
  if (!connected) {
    return false;
  }
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Resending the webhook call...') },
      () => connected.resendWebhook(call.id));
    log.info(`Resent webhook call ${call.id}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Resent. The new delivery appears in Webhook Calls once ExaVault logs it.'));
    return true;
  } catch (error) {
    const message = clients.describeFailure(error, account);
    void vscode.window.showErrorMessage(vscode.l10n.t('The webhook call was not resent: {0}', plainText(message, MESSAGE_LENGTH)));
    return false;
  }
}

/** "Resend" on a webhook call in the sidebar. */
export function registerResendWebhookCommand(views: ActivityViews, store: AccountStore, clients: AccountClients, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.resendWebhook', async (node: unknown) => {
    const call = entryOf(node);
    const account = store.active();
    if (call?.kind !== 'webhook' || !account) {
      return;
    }
    if (await confirmAndResend(call, account, async () => (await clients.active())?.client, clients, log)) {
      await views.webhooks.refresh();
    }
  });
}
