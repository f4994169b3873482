import * as vscode from 'vscode';
import { resolveBaseUrl } from '../api/baseUrl';
import { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';
import type { Credentials, RateLimitState } from '../api/http';
import type { Account } from './account';
import type { AccountStore } from './accountStore';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { settings } from '../settings';

export interface AccountClient {
  account: Account;
  client: ExaVaultClient;
}

/** Why the clients were remade: the accounts or their secrets changed, or the request timeout did. */
export type RetireReason = 'accounts' | 'timeout';

/**
 * The one owner of API clients: one per account in use (by the sidebar, query panels or files), any
 * account's, remade when accounts, secrets or the timeout setting change. It is also the one place
 * that tells the user about refused credentials: one notification per account for a 401 or 403 (not
 * one per call), until the credentials change.
 */
export class AccountClients implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<AccountClient | undefined>>();
  private readonly notified = new Set<string>();
  private readonly askedForSecrets = new Set<string>();
  private readonly rateLimits = new Map<string, RateLimitState>();
  private readonly rateLimitChanged = new vscode.EventEmitter<RateLimitState>();
  /** The allowance left, as the last response said. */
  readonly onDidUpdateRateLimit = this.rateLimitChanged.event;
  private readonly retired = new vscode.EventEmitter<RetireReason>();
  /** Every client was remade: what was learnt with the old ones may no longer hold. */
  readonly onDidRetire = this.retired.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: AccountStore, private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.Disposable.from(
      // The accounts or their secrets may have changed (here or in another window): connect afresh.
      store.onDidChange(() => {
        this.notified.clear();
        this.retireAll('accounts');
      }),
      settings.onDidChange((changed) => {
        if (changed('requestTimeoutSeconds')) {
          this.retireAll('timeout');
        }
      }),
    );
  }

  /** The account's client; undefined when the account is gone or has no secrets on this machine (the user is asked for them once). */
  get(accountId: string): Promise<AccountClient | undefined> {
    let client = this.clients.get(accountId);
    if (!client) {
      const account = this.store.list().find((candidate) => candidate.id === accountId);
      client = account ? this.open(account) : Promise.resolve(undefined);
      this.clients.set(accountId, client);
    }
    return client;
  }

  /** The active account's client; undefined when there is none, or when another account became active meanwhile. */
  async active(): Promise<AccountClient | undefined> {
    const account = this.store.active();
    const opened = account && await this.get(account.id);
    return opened && this.store.active()?.id === opened.account.id ? opened : undefined;
  }

  private async open(account: Account): Promise<AccountClient | undefined> {
    const credentials = await this.store.credentials(account.id);
    if (!credentials) {
      this.askForMissingSecrets(account);
      return undefined;
    }
    this.log.info(`Connected to ${account.label} (${account.baseUrl}).`);
    return { account, client: this.createClient(account, credentials) };
  }

  /**
   * A client of the account's own for the watch, which the caller disposes: a 429 is not waited out
   * (the poller backs off itself), and no other request waits behind its polls. Undefined when the
   * account is gone or has no secrets on this machine.
   */
  async openForWatch(accountId: string): Promise<AccountClient | undefined> {
    const account = this.store.list().find((candidate) => candidate.id === accountId);
    const credentials = account && await this.store.credentials(account.id);
    return account && credentials ? { account, client: this.createClient(account, credentials, { rateLimitRetries: 0 }) } : undefined;
  }

  private createClient(account: Account, credentials: Credentials, options: { rateLimitRetries?: number } = {}): ExaVaultClient {
    // Synced state is not trusted blindly: the same https (or loopback) rule as when it was added.
    return new ExaVaultClient(resolveBaseUrl(account.baseUrl), credentials, {
      ...options,
      timeoutMs: settings.requestTimeoutMs(),
      onRateLimit: (state) => this.recordRateLimit(account.id, state),
      // One line per request (no credential in it), seen with the output channel at Debug level.
      log: (line) => this.log.debug(`${account.label}: ${line}`),
    });
  }

  /** What the last response for the account said of its allowance. */
  rateLimitFor(accountId: string): RateLimitState | undefined {
    return this.rateLimits.get(accountId);
  }

  /** For responses to other clients of the account, such as the credential check. */
  recordRateLimit(accountId: string, state: RateLimitState): void {
    this.rateLimits.set(accountId, state);
    this.rateLimitChanged.fire(state);
  }

  /** The message for a failed call; a 401 or 403 also raises its notification, once. */
  describeFailure(error: unknown, account: Account): string {
    const message = error instanceof Error ? error.message : String(error);
    this.log.warn(`${account.label}: ${message}`);
    if (error instanceof ExaVaultError && (error.kind === 'invalidCredentials' || error.kind === 'forbidden') && !this.notified.has(account.id)) {
      this.notified.add(account.id);
      const update = vscode.l10n.t('Update Credentials');
      void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', plainText(account.label), plainText(message, MESSAGE_LENGTH)), update).then((choice) => {
        if (choice === update) {
          void vscode.commands.executeCommand('exavault.updateCredentials', account.id);
        }
      });
    }
    return message;
  }

  // Accounts arrive through Settings Sync without secrets: ask once, rather than fail on every call.
  private askForMissingSecrets(account: Account): void {
    if (this.askedForSecrets.has(account.id)) {
      return;
    }
    this.askedForSecrets.add(account.id);
    const enter = vscode.l10n.t('Enter Credentials');
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Enter the API key and access token for {0}: they stay on each machine and are not synced.', plainText(account.label)), enter,
    ).then((choice) => {
      if (choice === enter) {
        void vscode.commands.executeCommand('exavault.updateCredentials', account.id);
      }
    });
  }

  // A request (a resend, a download) may still be running on an old client: let it finish before closing its connections.
  private retireAll(reason: RetireReason): void {
    const old = [...this.clients.values()];
    this.clients.clear();
    setTimeout(() => old.forEach((client) => void client.then((opened) => opened?.client.dispose())), 60_000).unref();
    this.retired.fire(reason);
  }

  dispose(): void {
    this.subscription.dispose();
    this.retired.dispose();
    this.rateLimitChanged.dispose();
    this.clients.forEach((client) => void client.then((opened) => opened?.client.dispose()));
    this.clients.clear();
  }
}
