import * as vscode from 'vscode';
import { plainText } from '../activity/plainText';
import type { Account } from './account';
import type { AccountStore } from './accountStore';

interface AccountItem extends vscode.QuickPickItem {
  account?: Account;
}

/** A quick pick of the accounts, the active one marked; optionally ending with "Add Account...". */
export async function pickAccount(store: AccountStore, title: string, options: { offerAdd?: boolean } = {}): Promise<Account | 'add' | undefined> {
  const active = store.active();
  const items: AccountItem[] = store.list().map((account) => ({
    // The label is the account name the server reported (and the URL came through Settings Sync):
    // a quick pick shows "$(name)" as an icon, so both go in as plain text.
    label: plainText(account.label),
    description: account.id === active?.id ? vscode.l10n.t('active') : undefined,
    detail: plainText(account.baseUrl, 1000),
    iconPath: new vscode.ThemeIcon(account.id === active?.id ? 'pass-filled' : 'account'),
    account,
  }));
  if (options.offerAdd) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: `$(add) ${vscode.l10n.t('Add Account...')}` });
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose an ExaVault account') });
  return picked ? picked.account ?? 'add' : undefined;
}

/** The account a command acts on: the one it was given, the only one, or the one the user picks. */
export async function accountFor(store: AccountStore, id: string | undefined, title: string): Promise<Account | undefined> {
  const accounts = store.list();
  const given = accounts.find((a) => a.id === id);
  if (given || accounts.length <= 1) {
    return given ?? accounts[0];
  }
  const picked = await pickAccount(store, title);
  return picked === 'add' ? undefined : picked;
}
