// A correlation lookup from the extension: with the account's client, behind a cancellable
// notification; a failure is said in an error message and loses nothing shown.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import type { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';

/** What the notification says while it runs, and the error message when it fails (given why). */
export interface LookUpWords {
  title: string;
  failed: (reason: string) => string;
}

/** `run`'s answer; undefined when cancelled, or when it failed (said in an error message). */
export async function lookUp<T>(account: Account, clients: AccountClients, words: LookUpWords, run: (client: ExaVaultClient, signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const client = (await clients.get(account.id))?.client;
  if (!client) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There are no credentials for {0} on this machine. Run "ExaVault: Update Credentials".', plainText(account.label)));
    return undefined;
  }
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: words.title, cancellable: true }, (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return run(client, abort.signal);
    });
  } catch (error) {
    if (!(error instanceof ExaVaultError && error.kind === 'cancelled')) {
      void vscode.window.showErrorMessage(words.failed(plainText(clients.describeFailure(error, account), MESSAGE_LENGTH)));
    }
    return undefined;
  }
}
