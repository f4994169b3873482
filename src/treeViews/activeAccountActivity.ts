import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import { AccountActivity } from '../activity/accountActivity';
import type { PageSource } from '../activity/activityFeed';
import type { ExaVaultClient } from '../api/client';
import type { ActivityEntry } from '../api/models';
import { settings } from '../settings';
import type { Event } from '../util/event';
import type { WatchedEntries, WatchedLog } from '../watch/poller';
import { activityKindOf, entryKindOf, type ActivityKind } from '../activity/logSchema';

/** What the sidebar needs of the watch: the new entries it reads or is shared, and since when it passes on an account's. */
export interface WatchEntrySource {
  readonly onEntries: Event<WatchedEntries>;
  /** Fires whenever a watch's state changes (among other things). */
  readonly onDidChange: Event<void>;
  fedSince(accountId: string, log: WatchedLog): number | undefined;
}

export interface ActiveAccountChange {
  /** Another account (or none) is active: what was shown belongs to the one before. */
  accountChanged: boolean;
}

/**
 * The active account's entries, shared by the sidebar views: one store for the account, made anew
 * when another account becomes active. While the account is watched and auto-refresh is on, the
 * watch's new entries go into the store, and the views make no request of their own: in the window
 * that polls, its poller's; in the others, those it shares.
 */
export class ActiveAccountActivity implements vscode.Disposable {
  private store: AccountActivity | undefined;
  private readonly changes = new vscode.EventEmitter<ActiveAccountChange>();
  /** The active account changed, or its credentials did (after the clients were remade). */
  readonly onDidChange = this.changes.event;
  /** Whether the watch feeds the active account's views may have changed. */
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
          this.store.accept(activityKindOf(stream.log), entries);
        }
      }),
    ];
    this.follow(false);
  }

  /** The active account's entries; undefined without an account. */
  get current(): AccountActivity | undefined {
    return this.store;
  }

  /** Since when the watch passes on new entries of the active account's log; undefined while it does not. */
  fedSince(kind: ActivityKind): number | undefined {
    return this.store && this.watch.fedSince(this.store.accountId, entryKindOf(kind));
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
