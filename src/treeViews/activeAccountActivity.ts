import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import { AccountActivity } from '../activity/accountActivity';
import type { PageSource } from '../activity/activityFeed';
import type { ExaVaultClient } from '../api/client';
import type { ActivityEntry } from '../api/models';
import { settings } from '../settings';
import type { Event } from '../util/event';
import type { WatchedEntries } from '../watch/poller';

/** What the sidebar needs of the watch: the entries its polls read, and whether this window polls an account. */
export interface WatchEntrySource {
  readonly onEntries: Event<WatchedEntries>;
  /** Fires whenever a watch's state changes (among other things). */
  readonly onDidChange: Event<void>;
  pollingSince(accountId: string): number | undefined;
}

export interface ActiveAccountChange {
  /** Another account (or none) is active: what was shown belongs to the one before. */
  accountChanged: boolean;
}

/**
 * The active account's entries, shared by the sidebar views: one store for the account, made anew
 * when another account becomes active. While this window's watch polls the account and auto-refresh
 * is on, the poller's new entries go into the store, and the views make no request of their own.
 *
 * A window that does not hold the account's lease auto-refreshes on its own, as when the account is
 * not watched: the lease holder keeps no entries for others to read, only the incidents.
 */
export class ActiveAccountActivity implements vscode.Disposable {
  private store: AccountActivity | undefined;
  private readonly changes = new vscode.EventEmitter<ActiveAccountChange>();
  /** The active account changed, or its credentials did (after the clients were remade). */
  readonly onDidChange = this.changes.event;
  /** Whether this window polls the active account may have changed. */
  readonly onDidChangeWatch: Event<void>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly accounts: AccountStore, private readonly clients: AccountClients, private readonly watch: WatchEntrySource) {
    this.onDidChangeWatch = watch.onDidChange;
    this.subscriptions = [
      clients.onDidRetire((reason) => {
        if (reason === 'accounts') {
          this.follow();
        }
      }),
      watch.onEntries(({ accountId, stream, entries }) => {
        // Auto-refresh is what lets the views change on their own; a filtered stream is not the whole log.
        if (accountId === this.store?.accountId && !stream.filters && settings.autoRefreshMs() > 0) {
          this.store.accept(stream.log === 'session' ? 'sessions' : 'webhooks', entries);
        }
      }),
    ];
    this.follow(false);
  }

  /** The active account's entries; undefined without an account. */
  get current(): AccountActivity | undefined {
    return this.store;
  }

  /** Since when this window's watch passes on the active account's new entries; undefined while it does not. */
  pollingSince(): number | undefined {
    return this.store && this.watch.pollingSince(this.store.accountId);
  }

  dispose(): void {
    this.store?.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changes.dispose();
  }

  private follow(announce = true): void {
    const account = this.accounts.active();
    const accountChanged = account?.id !== this.store?.accountId;
    if (accountChanged) {
      this.store?.dispose();
      const sources = {
        sessions: this.source((client, query, options) => client.sessionPages(query, options)),
        webhooks: this.source((client, query, options) => client.webhookPages(query, options)),
      };
      this.store = account ? new AccountActivity(account.id, sources, () => ({ windowMs: settings.timeWindowMs(), pageSize: settings.pageSize() })) : undefined;
    }
    if (announce) {
      this.changes.fire({ accountChanged });
    }
  }

  /** A log's pages from the active account's client. */
  private source<T extends ActivityEntry>(pages: (client: ExaVaultClient, ...args: Parameters<PageSource<T>>) => ReturnType<PageSource<T>>): PageSource<T> {
    const { clients } = this;
    return async function* (query, options) {
      const active = await clients.active();
      if (!active) {
        throw new Error(vscode.l10n.t('The API key and access token of this account are not on this machine. Run "ExaVault: Update Credentials".'));
      }
      yield* pages(active.client, query, options);
    };
  }
}
