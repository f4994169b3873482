// Links to a search: opened by the extension's URI handler (activated by `onUri`), made by "Copy Link
// to Search" in the query panel and on a saved search. A link opens a query panel the way every other
// search does (exavault.openSearch), which asks before spending more calls than the setting allows.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountStore } from '../accounts/accountStore';
import { openSearch } from '../search/openSearch';
import { parseSearch } from '../search/parseSearch';
import { isSavedSearchNode } from '../search/savedSearchesView';
import type { ActivitySearch } from '../search/search';
import { readSearchLink, searchLinkText } from '../search/searchLink';

async function copySearchLink(extensionId: string, account: Account, search: ActivitySearch): Promise<void> {
  await vscode.env.clipboard.writeText(searchLinkText(vscode.env.uriScheme, extensionId, { accountName: account.accountName, search }));
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied a link to this search. It opens the search for anyone who has added the same ExaVault account.'));
}

/** The account a link names: the active one when it has that name, otherwise the first added with it. */
function accountNamed(store: AccountStore, accountName: string): Account | undefined {
  const named = store.list().filter((account) => account.accountName === accountName);
  return named.find((account) => account.id === store.active()?.id) ?? named[0];
}

async function openSearchLink(store: AccountStore, uri: vscode.Uri): Promise<void> {
  // A problem is never told in the link's own words: a notification makes [text](target) a link.
  const link = readSearchLink(uri.path, uri.query);
  if ('problem' in link) {
    void vscode.window.showErrorMessage(vscode.l10n.t('ExaVault Activity did not open the link. {0}', link.problem));
    return;
  }
  const account = accountNamed(store, link.accountName);
  if (!account) {
    void vscode.window.showErrorMessage(vscode.l10n.t('ExaVault Activity did not open the link: it is to a search of an ExaVault account that is not added here. Add the account, then open the link again.'));
    return;
  }
  await openSearch({ accountId: account.id, search: link.search });
}

export function registerSearchLinks(store: AccountStore, extensionId: string): vscode.Disposable[] {
  return [
    vscode.window.registerUriHandler({ handleUri: (uri) => openSearchLink(store, uri) }),
    // From a saved search's menu (its row) or from the query panel ({ accountId, search }).
    vscode.commands.registerCommand('exavault.copySearchLink', async (target?: unknown) => {
      const request = (isSavedSearchNode(target) ? { accountId: target.accountId, search: target.saved.search } : target ?? {}) as { accountId?: unknown; search?: unknown };
      const account = store.list().find((candidate) => candidate.id === request.accountId);
      const search = parseSearch(request.search);
      if (account && search) {
        await copySearchLink(extensionId, account, search);
      }
    }),
  ];
}
