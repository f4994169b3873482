// Where every way of starting a search (the palette, recent and saved searches, the sidebar) ends:
// `exavault.openSearch`, which remembers it among the account's recent ones and opens the panel.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountStore } from '../accounts/accountStore';
import { settings } from '../settings';
import { closestPreset, type ActivityKind, type ActivitySearch, type SearchFilters, type SearchRequest } from './search';

/** A search for a known account. */
export type AccountSearchRequest = SearchRequest & { accountId: string };

/** The account to search: the active one; with none, offers to add one (and searches that). */
export async function accountToSearch(accounts: AccountStore): Promise<Account | undefined> {
  const active = accounts.active();
  if (active) {
    return active;
  }
  const add = vscode.l10n.t('Add Account');
  if (await vscode.window.showInformationMessage(vscode.l10n.t('Add an ExaVault account to search its logs.'), add) !== add) {
    return undefined;
  }
  await vscode.commands.executeCommand('exavault.addAccount');
  return accounts.active();
}

export async function openSearch(request: AccountSearchRequest): Promise<void> {
  await vscode.commands.executeCommand('exavault.openSearch', request satisfies SearchRequest);
}

/** A search like the sidebar's: its time window (as the nearest preset) with the given filters. */
export function sidebarSearch(kind: ActivityKind, filters: SearchFilters): ActivitySearch {
  return { kind, range: { preset: closestPreset(settings.timeWindowMs()) }, filters } as ActivitySearch;
}
