import type { Credentials } from '../api/http';
import type { Account } from './account';
import type { AccountStore } from './accountStore';
import type { CheckedAccount } from './checkCredentials';
import type { AccountClients } from './accountClients';

/**
 * Stores an account that passed the credential check (keeping the label of the one it replaces),
 * makes it active, and shows the allowance the check's last answer reported.
 */
export async function saveCheckedAccount(store: AccountStore, clients: AccountClients, baseUrl: URL, checked: CheckedAccount, credentials: Credentials): Promise<Account> {
  const replaced = store.findByBaseUrl(baseUrl.href);
  const account = await store.add({ label: replaced?.label ?? checked.accountName, accountName: checked.accountName, baseUrl: baseUrl.href }, credentials);
  if (checked.rateLimit) {
    clients.recordRateLimit(account.id, checked.rateLimit);
  }
  return account;
}
