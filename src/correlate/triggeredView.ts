// The webhook calls a session entry triggered, as the extension shows them: looked for, opened as a search.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { findTriggeredCalls, planTriggeredQuery, type TriggeredCalls } from '../activity/correlate/triggeredCalls';
import type { SessionEntry } from '../api/models';
import type { SearchRequest } from '../search/search';
import { lookUp } from './lookUp';

/** The calls `entry` triggered; undefined when cancelled or failed (said). */
export function lookForTriggeredCalls(entry: SessionEntry, account: Account, clients: AccountClients): Promise<TriggeredCalls | undefined> {
  const words = {
    title: vscode.l10n.t('Looking for the webhook calls this entry triggered...'),
    failed: (reason: string) => vscode.l10n.t('The webhook calls this entry triggered could not be looked for: {0}', reason),
  };
  return lookUp(account, clients, words, (client, signal) => findTriggeredCalls(client, entry, signal));
}

/** The webhook search that lists them: the entry's path, event and user over the lookup's window; undefined for an operation that posts no event. */
export function triggeredSearch(accountId: string, entry: SessionEntry): SearchRequest | undefined {
  const plan = planTriggeredQuery(entry);
  if (plan.kind !== 'query') {
    return undefined;
  }
  return {
    accountId,
    search: { kind: 'webhooks', range: { from: plan.from, to: plan.to }, filters: { resourcePath: entry.fileName, events: [plan.event], username: entry.username } },
  };
}
