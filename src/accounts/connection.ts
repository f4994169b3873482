import * as vscode from 'vscode';
import { resolveBaseUrl } from '../api/baseUrl';
import { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';
import type { Credentials, RateLimitState } from '../api/http';
import type { Account } from './account';
import type { AccountStore } from './accountStore';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { settings } from '../settings';

export interface ActiveConnection {
  account: Account;
  client: ExaVaultClient;
}

/**
 * The client for the active account, remade when the account or its secrets change, and the one
 * place that tells the user about refused credentials: one notification per account for a 401 or
 * 403 (not one per call), until the credentials change.
 */
export class Connection implements vscode.Disposable {
  private current: ActiveConnection | undefined;
  private connecting: { accountId: string; promise: Promise<ActiveConnection | undefined> } | undefined;
  private readonly notified = new Set<string>();
  private readonly askedForSecrets = new Set<string>();
  private readonly rateLimits = new Map<string, RateLimitState>();
  private readonly rateLimitChanged = new vscode.EventEmitter<RateLimitState>();
  /** The allowance left, as the last response said. */
  readonly onDidUpdateRateLimit = this.rateLimitChanged.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: AccountStore, private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.Disposable.from(
      // The account or its secrets may have changed (here or in another window): connect afresh.
      store.onDidChange(() => {
        this.retire();
        this.notified.clear();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('exavault.requestTimeoutSeconds')) {
          this.retire();
        }
      }),
    );
  }

  // The old client may still be answering a request (a resend, say): let it finish before closing its connections.
  private retire(): void {
    const old = this.current;
    this.current = undefined;
    this.connecting = undefined;
    if (old) {
      setTimeout(() => old.client.dispose(), 60_000).unref();
    }
  }

  dispose(): void {
    this.current?.client.dispose();
    this.subscription.dispose();
    this.rateLimitChanged.dispose();
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

  /** The active account's client; undefined (after asking once for missing secrets) when there is none. */
  connect(): Promise<ActiveConnection | undefined> {
    const account = this.store.active();
    if (!account) {
      return Promise.resolve(undefined);
    }
    if (this.current?.account.id === account.id) {
      return Promise.resolve(this.current);
    }
    // Both views connect at once: one client for both.
    if (this.connecting?.accountId !== account.id) {
      const promise = this.open(account);
      this.connecting = { accountId: account.id, promise };
    }
    return this.connecting.promise;
  }

  private async open(account: Account): Promise<ActiveConnection | undefined> {
    const credentials = await this.store.credentials(account.id);
    if (!credentials) {
      this.askForMissingSecrets(account);
      this.connecting = undefined;
      return undefined;
    }
    if (this.store.active()?.id !== account.id) {
      return undefined; // switched meanwhile
    }
    const client = this.createClient(account, credentials);
    this.current = { account, client };
    this.connecting = undefined;
    this.log.info(`Connected to ${account.label} (${account.baseUrl}).`);
    return this.current;
  }

  /** A client of its own for long work on one account (a panel's search); the caller disposes it. Undefined when the account has no secrets here. */
  async openClient(account: Account): Promise<ExaVaultClient | undefined> {
    const credentials = await this.store.credentials(account.id);
    if (!credentials) {
      this.askForMissingSecrets(account);
      return undefined;
    }
    return this.createClient(account, credentials);
  }

  private createClient(account: Account, credentials: Credentials): ExaVaultClient {
    // Synced state is not trusted blindly: the same https (or loopback) rule as when it was added.
    return new ExaVaultClient(resolveBaseUrl(account.baseUrl), credentials, {
      timeoutMs: settings.requestTimeoutMs(),
      onRateLimit: (state) => this.recordRateLimit(account.id, state),
      // One line per request (no credential in it), seen with the output channel at Debug level.
      log: (line) => this.log.debug(`${account.label}: ${line}`),
    });
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
}
