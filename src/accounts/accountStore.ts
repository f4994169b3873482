import * as vscode from 'vscode';
import type { Credentials } from '../api/http';
import type { Account } from './account';

const STATE_KEY = 'exavault.accounts';
const SECRET_PREFIX = 'exavault.credentials.';
/**
 * The id of every account whose secrets were ever stored on this machine (ids only, never a secret;
 * not synced). SecretStorage cannot list its keys (VS Code 1.90), and Settings Sync may remove an
 * account from the list while its secrets stay here: signing out deletes by this record.
 */
const SECRET_IDS_KEY = 'exavault.secretIds';

interface StoredAccounts {
  accounts: Account[];
  activeId?: string;
}

/**
 * The accounts and which one is active. Labels and URLs go to globalState, synced by Settings Sync;
 * the API key and access token go to SecretStorage alone (not synced), one entry per account, so
 * an account that arrives through sync has no secrets until the user enters them.
 */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Accounts, the active one, or an account's secrets changed (in this window or another). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }, private readonly secrets: vscode.SecretStorage) {
    state.setKeysForSync([STATE_KEY]);
    // Accounts stored before this record existed: their secrets are under their ids.
    const listed = this.read().accounts.map((account) => account.id).filter((id) => !this.secretIds().includes(id));
    if (listed.length > 0) {
      void this.rememberSecrets(listed);
    }
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(SECRET_PREFIX)) {
        this.changed.fire();
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  // Read on every call, never cached: another window may have changed it.
  private read(): StoredAccounts {
    const stored = this.state.get<StoredAccounts>(STATE_KEY);
    return { accounts: Array.isArray(stored?.accounts) ? stored.accounts : [], activeId: stored?.activeId };
  }

  private async write(stored: StoredAccounts): Promise<void> {
    await this.state.update(STATE_KEY, stored);
    this.changed.fire();
  }

  /** Every account id with secrets stored on this machine, listed or not (read afresh: another window may add). */
  private secretIds(): string[] {
    const ids = this.state.get<unknown>(SECRET_IDS_KEY);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  }

  private async rememberSecrets(ids: readonly string[]): Promise<void> {
    const known = this.secretIds();
    const added = ids.filter((id) => !known.includes(id));
    if (added.length > 0) {
      await this.state.update(SECRET_IDS_KEY, [...known, ...added]);
    }
  }

  private async forgetSecrets(ids: readonly string[]): Promise<void> {
    await this.state.update(SECRET_IDS_KEY, this.secretIds().filter((id) => !ids.includes(id)));
  }

  /** Stores an account's secrets, recorded first: no secret is ever stored that signing out would not find. */
  private async storeSecrets(id: string, credentials: Credentials): Promise<void> {
    await this.rememberSecrets([id]);
    await this.secrets.store(SECRET_PREFIX + id, JSON.stringify(credentials));
  }

  list(): Account[] {
    return this.read().accounts;
  }

  active(): Account | undefined {
    const { accounts, activeId } = this.read();
    return accounts.find((a) => a.id === activeId) ?? accounts[0];
  }

  findByBaseUrl(baseUrl: string): Account | undefined {
    return this.list().find((a) => a.baseUrl === baseUrl);
  }

  /** Adds the account (or replaces the one with the same URL) and makes it active. */
  async add(account: Omit<Account, 'id'>, credentials: Credentials): Promise<Account> {
    const existing = this.findByBaseUrl(account.baseUrl);
    // New credentials for an account keep it watched, if it was.
    const saved: Account = { ...account, id: existing?.id ?? crypto.randomUUID(), ...(existing?.watched ? { watched: true } : {}) };
    // Secrets first: an account must never be listed with credentials that were not stored.
    await this.storeSecrets(saved.id, credentials);
    const { accounts } = this.read();
    await this.write({ accounts: [...accounts.filter((a) => a.id !== saved.id), saved], activeId: saved.id });
    return saved;
  }

  async setActive(id: string): Promise<void> {
    await this.write({ ...this.read(), activeId: id });
  }

  /** Switches watching the account on or off. */
  async setWatched(id: string, watched: boolean): Promise<void> {
    const stored = this.read();
    const accounts = stored.accounts.map((account) => {
      if (account.id !== id) {
        return account;
      }
      const changed: Account = { ...account, watched: true };
      if (!watched) {
        delete changed.watched;
      }
      return changed;
    });
    await this.write({ ...stored, accounts });
  }

    async updateCredentials(id: string, credentials: Credentials): Promise<void> {
    await this.storeSecrets(id, credentials);
  }

  async credentials(id: string): Promise<Credentials | undefined> {
    const text = await this.secrets.get(SECRET_PREFIX + id);
    if (!text) {
      return undefined;
    }
    try {
      const parsed = JSON.parse(text) as Partial<Credentials>;
      return typeof parsed.apiKey === 'string' && typeof parsed.accessToken === 'string'
        ? { apiKey: parsed.apiKey, accessToken: parsed.accessToken }
        : undefined;
    } catch {
      return undefined;
    }
  }

  async remove(id: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + id);
    await this.forgetSecrets([id]);
    const { accounts, activeId } = this.read();
    const rest = accounts.filter((a) => a.id !== id);
    await this.write({ accounts: rest, activeId: activeId === id ? rest[0]?.id : activeId });
  }

  /** Whether secrets of an account no longer listed (removed by Settings Sync, say) are still stored here. */
  hasUnlistedSecrets(): boolean {
    const listed = new Set(this.list().map((account) => account.id));
    return this.secretIds().some((id) => !listed.has(id));
  }

  /** Forgets every account and deletes every secret this extension stored here: of listed accounts and of any other. */
  async removeAll(): Promise<void> {
    const ids = [...new Set([...this.list().map((account) => account.id), ...this.secretIds()])];
    for (const id of ids) {
      await this.secrets.delete(SECRET_PREFIX + id);
    }
    await this.forgetSecrets(ids);
    await this.write({ accounts: [] });
  }
}
