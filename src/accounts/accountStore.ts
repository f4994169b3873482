import * as vscode from 'vscode';
import type { Credentials } from '../api/http';
import type { Account } from './account';

const STATE_KEY = 'exavault.accounts';
const SECRET_PREFIX = 'exavault.credentials.';

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
    const saved: Account = { ...account, id: existing?.id ?? crypto.randomUUID() };
    // Secrets first: an account must never be listed with credentials that were not stored.
    await this.secrets.store(SECRET_PREFIX + saved.id, JSON.stringify(credentials));
    const { accounts } = this.read();
    await this.write({ accounts: [...accounts.filter((a) => a.id !== saved.id), saved], activeId: saved.id });
    return saved;
  }

  async setActive(id: string): Promise<void> {
    await this.write({ ...this.read(), activeId: id });
  }

  async updateCredentials(id: string, credentials: Credentials): Promise<void> {
    await this.secrets.store(SECRET_PREFIX + id, JSON.stringify(credentials));
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
    const { accounts, activeId } = this.read();
    const rest = accounts.filter((a) => a.id !== id);
    await this.write({ accounts: rest, activeId: activeId === id ? rest[0]?.id : activeId });
  }

  async removeAll(): Promise<void> {
    for (const account of this.list()) {
      await this.secrets.delete(SECRET_PREFIX + account.id);
    }
    await this.write({ accounts: [] });
  }
}
