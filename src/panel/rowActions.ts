// What a row offers in the details pane, and doing it: the activity of its user, IP or path in a
// panel of its own, tracing its path's history, opening its resource, resending a webhook call (or its
// endpoint's failed calls). Also copying a value or a row.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { EVENT_OF_SESSION_OPERATION } from '../activity/correlate/triggeredCalls';
import { entryValue, fieldOffering, LOGS, type FilterKind } from '../activity/logSchema';
import type { ActivityEntry } from '../api/models';
import { confirmAndResend } from '../webhooks/confirmAndResend';
import type { ResendFailedCallsArgs } from '../webhooks/resendFailedArgs';
import type { SessionDocuments } from '../correlate/sessionDocuments';
import type { SearchRequest, TimeRange } from '../search/search';
import type { RowAction } from './protocol';

/** What the actions need of the extension: the account's client (to resend and look up), the log, where sessions are shown. */
export interface RowActionServices {
  clients: AccountClients;
  log: vscode.LogOutputChannel;
  sessionDocuments: SessionDocuments;
}

/** The row actions that open the session log's activity for one of the entry's values. */
const SHOW_ACTIONS: readonly (readonly [RowAction, FilterKind])[] = [['showUser', 'user'], ['showIp', 'ip'], ['showPath', 'path']];

export function actionsFor(entry: ActivityEntry): RowAction[] {
  const actions: RowAction[] = [];
  for (const [action, kind] of SHOW_ACTIONS) {
    if (entryValue(entry, kind) !== undefined) {
      actions.push(action);
    }
  }
  if (entryValue(entry, 'path') !== undefined) {
    actions.push('tracePath', 'openResource');
  }
  if (entry.kind === 'webhook') {
    actions.push('resend', ...(entry.endpointUrl ? ['resendFailed' as const] : []), 'showCause');
  } else {
    actions.push('showSession');
    if (EVENT_OF_SESSION_OPERATION[entry.operation]) {
      actions.push('showTriggered');
    }
  }
  return actions;
}

/** Does `action` for `entry` of `account`'s log, shown over `range`; an action the entry does not offer does nothing. */
export async function runRowAction(action: RowAction, entry: ActivityEntry, account: Account, range: TimeRange, services: RowActionServices): Promise<void> {
  if (!actionsFor(entry).includes(action)) {
    return;
  }
  switch (action) {
    case 'showUser':
    case 'showIp':
    case 'showPath':
      return openSessionSearch(account, range, entry, new Map(SHOW_ACTIONS).get(action)!);
    case 'openResource':
      await vscode.commands.executeCommand('exavault.openResource', { accountId: account.id, path: entryValue(entry, 'path') });
      return;
    case 'tracePath':
      await vscode.commands.executeCommand('exavault.tracePathHistory', { accountId: account.id, path: entryValue(entry, 'path') });
      return;
    case 'resend':
      if (entry.kind === 'webhook') {
        await confirmAndResend(entry, account, services.clients, services.log);
      }
      return;
    case 'resendFailed':
      // Over the panel's range: what a panel filtered to one endpoint shows is what gets resent.
      if (entry.kind === 'webhook') {
        const args: ResendFailedCallsArgs = { accountId: account.id, endpointUrl: entry.endpointUrl, range };
        await vscode.commands.executeCommand('exavault.resendFailedCalls', args);
      }
      return;
    case 'showSession':
      if (entry.kind === 'session') {
        await services.sessionDocuments.show(entry, account, services.clients);
      }
      return;
    case 'showCause':
    case 'openCause':
    case 'showTriggered':
    case 'openTriggered':
      // The panel does these (PanelCorrelations): what they find goes into its details.
      return;
  }
}

/** "Activity for this User / IP / Path": the session log for the entry's value, same time range, in a panel of its own. */
async function openSessionSearch(account: Account, range: TimeRange, entry: ActivityEntry, kind: FilterKind): Promise<void> {
  const filter = fieldOffering(LOGS.sessions, kind)!.filter;
  const request: SearchRequest = { accountId: account.id, search: { kind: 'sessions', range, filters: { [filter.key]: String(entryValue(entry, kind)) } } };
  await vscode.commands.executeCommand('exavault.openSearch', request);
}

export async function copyText(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied.'), 2000);
}
