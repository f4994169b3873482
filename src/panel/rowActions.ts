// What a row offers in the details pane, and doing it: the activity of its user, IP or path in a
// panel of its own, opening its resource, resending a webhook call. Also copying a value or a row.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { ActivityEntry } from '../api/models';
import { confirmAndResend } from '../webhooks/confirmAndResend';
import type { SearchRequest, TimeRange } from '../search/search';
import type { RowAction } from './protocol';

/** What the actions need of the extension: the account's client (to resend) and the log. */
export interface RowActionServices {
  clients: AccountClients;
  log: vscode.LogOutputChannel;
}

export function actionsFor(entry: ActivityEntry): RowAction[] {
  const actions: RowAction[] = [];
  if (entry.username) {
    actions.push('showUser');
  }
  if (entry.ipAddress) {
    actions.push('showIp');
  }
  const path = entry.kind === 'session' ? entry.fileName : entry.resourcePath;
  if (path) {
    actions.push('showPath', 'openResource');
  }
  if (entry.kind === 'webhook') {
    actions.push('resend');
  }
  return actions;
}

/** Does `action` for `entry` of `account`'s log, shown over `range`; an action the entry does not offer does nothing. */
export async function runRowAction(action: RowAction, entry: ActivityEntry, account: Account, range: TimeRange, services: RowActionServices): Promise<void> {
  if (!actionsFor(entry).includes(action)) {
    return;
  }
  const path = entry.kind === 'session' ? entry.fileName : entry.resourcePath;
  switch (action) {
    case 'showUser':
      return openSearch(account, range, { username: entry.username });
    case 'showIp':
      return openSearch(account, range, { ipAddress: entry.ipAddress });
    case 'showPath':
      return openSearch(account, range, { path });
    case 'openResource':
      await vscode.commands.executeCommand('exavault.openResource', { accountId: account.id, path });
      return;
    case 'resend':
      if (entry.kind === 'webhook') {
        await confirmAndResend(entry, account, services.clients, services.log);
      }
      return;
  }
}

/** "Activity for this User / IP / Path": the session log, same time range, in a panel of its own. */
async function openSearch(account: Account, range: TimeRange, filters: { username?: string; ipAddress?: string; path?: string }): Promise<void> {
  const request: SearchRequest = { accountId: account.id, search: { kind: 'sessions', range, filters } };
  await vscode.commands.executeCommand('exavault.openSearch', request);
}

export async function copyText(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied.'), 2000);
}
