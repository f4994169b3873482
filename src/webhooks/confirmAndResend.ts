import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { WebhookCall } from '../api/models';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';

/**
 * After a confirmation, POST /webhooks/resend/{id} once. Never retried automatically: the listener
 * would receive the call again each time. Sent with the account's client (the call belongs to its
 * log). Resolves with whether it was sent.
 */
export async function confirmAndResend(call: WebhookCall, account: Account, clients: AccountClients, log: vscode.LogOutputChannel): Promise<boolean> {
  const resend = vscode.l10n.t('Resend');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Resend this {0} call to {1}?', plainText(call.eventLabel), call.endpointUrl ? plainText(call.endpointUrl) : vscode.l10n.t('its endpoint')),
    { modal: true, detail: vscode.l10n.t('The listener receives the same webhook message again. It is sent once; nothing retries it.') },
    resend,
  );
  if (choice !== resend) {
    return false;
  }
  const connected = (await clients.get(account.id))?.client;
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
