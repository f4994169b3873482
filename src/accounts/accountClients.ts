import * as vscode from 'vscode';
import type { Account } from './account';
import type { AccountStore } from './accountStore';
import type { Connection } from './connection';
import type { ExaVaultClient } from '../api/client';

export interface AccountClient {
  account: Account;
  client: ExaVaultClient;
}

/**
 * A client per account in use by files or query panels: any account's, not only the active one's.
 * Clients are remade when accounts, secrets or the timeout setting change.
 */
export class AccountClients implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<AccountClient | undefined>>();
  private readonly retired = new vscode.EventEmitter<void>();
  /** Accounts or their secrets changed: what was learnt with the old clients may no longer hold. */
  readonly onDidRetire = this.retired.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: AccountStore, private readonly connection: Connection) {
    this.subscription = vscode.Disposable.from(
      store.onDidChange(() => this.retireAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('exavault.requestTimeoutSeconds')) {
          this.retireAll();
        }
      }),
    );
  }

  /** The account's client; undefined when the account is gone or has no secrets on this machine (the user is asked for them once). */
  get(accountId: string): Promise<AccountClient | undefined> {
    let client = this.clients.get(accountId);
    if (!client) {
      const account = this.store.list().find((candidate) => candidate.id === accountId);
      client = account ? this.connection.openClient(account).then((opened) => opened && { account, client: opened }) : Promise.resolve(undefined);
      this.clients.set(accountId, client);
    }
    return client;
  }

  /** The account's own message for a failed call (a refused key or token also gets its notification, once). */
  describeFailure(error: unknown, account: Account): string {
    return this.connection.describeFailure(error, account);
  }

  // A download may still be running on an old client: let it finish before closing its connections.
  private retireAll(): void {
    const old = [...this.clients.values()];
    this.clients.clear();
    setTimeout(() => old.forEach((client) => void client.then((opened) => opened?.client.dispose())), 60_000).unref();
    this.retired.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.retired.dispose();
    this.clients.forEach((client) => void client.then((opened) => opened?.client.dispose()));
    this.clients.clear();
  }
}
