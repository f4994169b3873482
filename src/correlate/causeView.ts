// A webhook call's cause as the extension shows it: looked for, said in a line, opened as a search.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { findCause, type CauseVerdict } from '../activity/correlate/causedBy';
import { formatTime } from '../activity/format';
import { plainText } from '../activity/plainText';
import type { SessionEntry, WebhookCall } from '../api/models';
import type { SearchRequest } from '../search/search';
import { lookUp } from './lookUp';

/** The verdict on `call`'s cause; undefined when cancelled or failed (said). */
export function lookForCause(call: WebhookCall, account: Account, clients: AccountClients): Promise<CauseVerdict | undefined> {
  const words = {
    title: vscode.l10n.t('Looking for the session entry that caused this call...'),
    failed: (reason: string) => vscode.l10n.t('The cause of this call could not be looked for: {0}', reason),
  };
  return lookUp(account, clients, words, (client, signal) => findCause(client, call, signal));
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
