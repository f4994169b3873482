import * as vscode from 'vscode';
import { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';
import type { RateLimitState } from '../api/http';
import type { Account } from './account';
import type { AccountStore } from './accountStore';
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
  private readonly notified = new Set<string>();
  private readonly askedForSecrets = new Set<string>();
  private readonly rateLimits = new Map<string, RateLimitState>();
  private readonly rateLimitChanged = new vscode.EventEmitter<RateLimitState>();
  /** The allowance left, as the last response said. */
  readonly onDidUpdateRateLimit = this.rateLimitChanged.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: AccountStore, private readonly log: vscode.LogOutputChannel) {
    this.subscription = store.onDidChange(() => {
      this.current?.client.dispose();
      this.current = undefined;
      this.notified.clear();
    });
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
  async connect(): Promise<ActiveConnection | undefined> {
    const account = this.store.active();
    if (!account) {
      return undefined;
    }
    if (this.current?.account.id === account.id) {
      return this.current;
    }
    const credentials = await this.store.credentials(account.id);
    if (!credentials) {
      this.askForMissingSecrets(account);
      return undefined;
    }
    const client = new ExaVaultClient(new URL(account.baseUrl), credentials, {
      timeoutMs: settings.requestTimeoutMs(),
      onRateLimit: (state) => this.recordRateLimit(account.id, state),
    });
    this.current = { account, client };
    this.log.info(`Connected to ${account.label} (${account.baseUrl}).`);
    return this.current;
  }

  /** The message for a failed call; a 401 or 403 also raises its notification, once. */
  describeFailure(error: unknown, account: Account): string {
    const message = error instanceof Error ? error.message : String(error);
    this.log.warn(`${account.label}: ${message}`);
    if (error instanceof ExaVaultError && (error.kind === 'invalidCredentials' || error.kind === 'forbidden') && !this.notified.has(account.id)) {
      this.notified.add(account.id);
      const update = vscode.l10n.t('Update Credentials');
      void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', account.label, message), update).then((choice) => {
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
      vscode.l10n.t('Enter the API key and access token for {0}: they stay on each machine and are not synced.', account.label), enter,
    ).then((choice) => {
      if (choice === enter) {
        void vscode.commands.executeCommand('exavault.updateCredentials', account.id);
      }
    });
  }
}
