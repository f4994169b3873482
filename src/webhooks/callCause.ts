// Looking for a webhook call's cause from the extension: with the account's client, behind a
// cancellable notification, and the words and the search that show what was found.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { findCause, type CauseVerdict } from '../activity/correlate/causedBy';
import { formatTime } from '../activity/format';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { ExaVaultError } from '../api/errors';
import type { SessionEntry, WebhookCall } from '../api/models';
import type { SearchRequest } from '../search/search';

/** The verdict on `call`'s cause; undefined when cancelled, or when it failed (said in an error message). */
export async function lookForCause(call: WebhookCall, account: Account, clients: AccountClients): Promise<CauseVerdict | undefined> {
  const client = (await clients.get(account.id))?.client;
  if (!client) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There are no credentials for {0} on this machine. Run "ExaVault: Update Credentials".', plainText(account.label)));
    return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for the session entry that caused this call...'), cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return findCause(client, call, abort.signal);
      },
    );
  } catch (error) {
    if (!(error instanceof ExaVaultError && error.kind === 'cancelled')) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The cause of this call could not be looked for: {0}', plainText(clients.describeFailure(error, account), MESSAGE_LENGTH)));
    }
    return undefined;
  }
}

/** The verdict in a line: "Exact: Upload of /a.txt by alice at 2026-11-20 11:59:59 UTC". */
export function causeSummary(verdict: CauseVerdict): string {
  const entry = verdict.entry;
  if (!verdict.matchable) {
    return vscode.l10n.t('Cannot be matched.');
  }
  if (!entry) {
    return vscode.l10n.t('None found.');
  }
  const what = vscode.l10n.t('{0} of {1} by {2} at {3}', entry.operationName, plainText(entry.fileName), plainText(entry.username), formatTime(entry.created));
  return verdict.confidence === 'exact' ? vscode.l10n.t('Exact: {0}', what) : vscode.l10n.t('Likely: {0}', what);
}

/** A session search that shows `entry`: its user, path and operation in the second it was logged. */
export function causeSearch(accountId: string, entry: SessionEntry): SearchRequest {
  const second = Math.floor(entry.created! / 1000) * 1000;
  return {
    accountId,
    search: { kind: 'sessions', range: { from: second, to: second + 999 }, filters: { username: entry.username, path: entry.fileName, types: [entry.operation] } },
  };
}
