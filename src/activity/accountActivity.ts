// The entries of one account that the sidebar shows: one feed per log, shared by whoever reads the
// account's activity in this window, and fed either by its own requests or by entries read elsewhere
// (the watch's poller). Free of `vscode`, so it is tested in Node.
import type { ActivityEntry, SessionEntry, WebhookCall } from '../api/models';
import { Emitter } from '../util/event';
import { ActivityFeed, type FeedSettings, type PageSource } from './activityFeed';
import type { ActivityKind } from './logSchema';

export interface AccountSources {
  sessions: PageSource<SessionEntry>;
  webhooks: PageSource<WebhookCall>;
}

/** Entries of a log handed in from outside that were new to its feed. */
export interface AcceptedEntries {
  kind: ActivityKind;
  added: number;
}

export class AccountActivity {
  readonly sessions: ActivityFeed<SessionEntry>;
  readonly webhooks: ActivityFeed<WebhookCall>;
  private readonly accepted = new Emitter<AcceptedEntries>();
  /** Entries handed in through accept() were added to a log's feed. */
  readonly onDidAccept = this.accepted.event;

  constructor(readonly accountId: string, sources: AccountSources, settings: () => FeedSettings, now: () => Date = () => new Date()) {
    this.sessions = new ActivityFeed(sources.sessions, settings, now);
    this.webhooks = new ActivityFeed(sources.webhooks, settings, now);
    this.sessions.onDidAccept((added) => this.accepted.fire({ kind: 'sessions', added }));
    this.webhooks.onDidAccept((added) => this.accepted.fire({ kind: 'webhooks', added }));
  }

  /** The feed of one log. */
  log(kind: ActivityKind): ActivityFeed<ActivityEntry> {
    return kind === 'sessions' ? this.sessions : this.webhooks;
  }

  /** Merges new entries of a log read elsewhere: deduplicated by id, newest first, within the window. */
  accept(kind: ActivityKind, entries: readonly ActivityEntry[]): void {
    if (kind === 'sessions') {
      this.sessions.accept(entries.filter((entry): entry is SessionEntry => entry.kind === 'session'));
    } else {
      this.webhooks.accept(entries.filter((entry): entry is WebhookCall => entry.kind === 'webhook'));
    }
  }

  /** Stops what either feed has in flight: the account's activity is no longer shown. */
  dispose(): void {
    this.sessions.cancel();
    this.webhooks.cancel();
    this.accepted.dispose();
  }
}
