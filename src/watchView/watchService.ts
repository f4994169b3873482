// Watching the accounts the user chose, in every window: the window holding an account's lease polls
// it and runs the rules; every window shows the incidents of the account's record (src/watch/watchRecord),
// and the other windows' sidebars take the new entries it shares (src/watch/sharedEntries).
// Nothing runs (no request, no timer) unless some account is watched, and the first poll waits an interval.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import type { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';
import type { ActivityEntry } from '../api/models';
import { settings } from '../settings';
import type { CostEstimate } from '../watch/cost';
import { AccountLease } from '../watch/lease';
import type { WatchPace } from './paceSwitch';
import { Poller, type ActivitySource, type PollerState, type WatchedEntries, type WatchedLog } from '../watch/poller';
import type { Incident } from '../watch/rules/incident';
import { appendSharedEntries, emptySharedEntries, readSharedEntries, SharedEntriesReader, sharedEntriesFile, writeSharedEntries, type SharedEntries } from '../watch/sharedEntries';
import { emptyWatchRecord, forgetWatch, readWatchRecord, recordEntries, recordPolledUpTo, resumePoints, watchRecordFile, writeWatchRecord, type WatchRecord } from '../watch/watchRecord';

/** How an account's watch stands in this window. */
export type WatchStatus =
  | { kind: 'starting' }
  /** Another window holds the lease and polls: this one shows what it finds. */
  | { kind: 'elsewhere' }
  | { kind: 'polling'; state: PollerState; cost: CostEstimate }
  | { kind: 'noCredentials' };

export interface WatchOptions {
  /** The directory the leases and records live in: the extension's global storage, shared by every window. */
  directory: string;
  /** Test switch: every window holds every lease (the control for "one window polls"). */
  leaseDisabled?: boolean;
  /** How often to poll at the shortest and to beat the lease's heartbeat: NORMAL_PACE unless a test quickens it. */
  pace: WatchPace;
  log: vscode.LogOutputChannel;
}

export class WatchService implements vscode.Disposable {
  private readonly watches = new Map<string, AccountWatch>();
  /** The accounts listed at the last look: one gone since was removed, and its watch's files go with it. */
  private listed = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly opened = new vscode.EventEmitter<Incident[]>();
  private readonly entriesRead = new vscode.EventEmitter<WatchedEntries>();
  /** Incidents or a watch's status changed. */
  readonly onDidChange = this.changed.event;
  /** Incidents this window's polls opened: each once, in the one window that polls its account. */
  readonly onDidOpen = this.opened.event;
  /**
   * New entries of a watched account: those this window's polls read, or in the other windows those
   * the polling window shares (the sidebar takes them instead of polling on its own).
   */
  readonly onEntries = this.entriesRead.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: AccountStore, private readonly clients: AccountClients, private readonly options: WatchOptions) {
    this.subscriptions = [
      store.onDidChange(() => this.reconcile()),
      settings.onDidChange((changed) => {
        // The poller's interval is set when it starts: start again at the new one (the lease is kept).
        if (changed('watch.intervalMinutes') || changed('watch.maxShareOfAllowance')) {
          this.watches.forEach((watch) => watch.restartPolling());
        }
      }),
    ];
    this.reconcile();
  }

  /** The watched accounts in this window, with how each stands. */
  statuses(): { account: Account; status: WatchStatus }[] {
    return [...this.watches.values()].map((watch) => ({ account: watch.account, status: watch.status }));
  }

  /** Every watched account's incidents, oldest first per account. */
  incidents(): Incident[] {
    return [...this.watches.values()].flatMap((watch) => watch.record.incidents);
  }

  /**
   * Since when onEntries passes on the new entries of the account's log (a time in ms, the same for as
   * long as nothing is missed); undefined while nothing does (the account is not watched, or no window
   * polls it). A new value means entries before it were not passed on: a view catches up once.
   */
  fedSince(accountId: string, log: WatchedLog): number | undefined {
    return this.watches.get(accountId)?.fedSince(log);
  }

  /** Resolves when no poll of this window runs (tests read the server's counts then). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.watches.values()].map((watch) => watch.whenIdle()));
  }

  /** Polls the API has been sent by this window's watches (for tests: an unwatched account costs nothing). */
  requestsSent(): number {
    return [...this.watches.values()].reduce((sum, watch) => sum + watch.requests, 0);
  }

  private reconcile(): void {
    const accounts = this.store.list();
    const listed = new Set(accounts.map((account) => account.id));
    const removed = new Set([...this.listed].filter((id) => !listed.has(id)));
    this.listed = listed;
    const watched = new Map(accounts.filter((account) => account.watched).map((account) => [account.id, account]));
    for (const [id, watch] of this.watches) {
      if (watched.get(id)?.baseUrl !== watch.account.baseUrl) {
        const stopped = watch.dispose();
        this.watches.delete(id);
        if (removed.delete(id)) {
          void stopped.then(() => this.forget(id));
        }
      }
    }
    // Removed accounts that were not watched here may have been watched before: their record stays otherwise.
    removed.forEach((id) => void this.forget(id));
    for (const account of watched.values()) {
      // The accounts or their secrets changed: a kept watch's next poll uses the credentials stored now.
      this.watches.get(account.id)?.reopenClient();
      if (!this.watches.has(account.id)) {
        this.watches.set(account.id, new AccountWatch(account, this.clients, this.store, this.options, {
          changed: () => this.changed.fire(),
          opened: (incidents) => this.opened.fire(incidents),
          entriesRead: (entries) => this.entriesRead.fire(entries),
        }));
      }
    }
    this.changed.fire();
  }

  private async forget(accountId: string): Promise<void> {
    try {
      await forgetWatch(this.options.directory, accountId);
    } catch (error) {
      this.options.log.warn(`watch: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.watches.forEach((watch) => void watch.dispose());
    this.watches.clear();
    this.changed.dispose();
    this.opened.dispose();
    this.entriesRead.dispose();
  }
}

/** One watched account in this window: its lease, and its poller while this window holds the lease. */
class AccountWatch {
  record: WatchRecord = emptyWatchRecord();
  status: WatchStatus = { kind: 'starting' };
  private readonly lease: AccountLease;
  private readonly file: string;
  private readonly entriesFile: string;
  private readonly heartbeat: NodeJS.Timeout;
  private poller: Poller | undefined;
  /** What this window's poller read, for the other windows to show: while this window polls. */
  private shared: SharedEntries = emptySharedEntries();
  /** A write of `shared` is queued: it writes what `shared` is when it runs. */
  private sharing = false;
  /** This window reading what the polling window shares, and since when per log: while another window polls. */
  private reading: { reader: SharedEntriesReader; since: Partial<Record<WatchedLog, number>> } | undefined;
  /** The client polls go through; replaced when the credentials may have changed. */
  private client: ExaVaultClient | undefined;
  /** The allowance the replaced clients last saw, until the current one has seen it. */
  private lastRateLimit: ExaVaultClient['rateLimit'];
  /** Reopenings of the client asked for: only the latest one's client is kept. */
  private reopenings = 0;
  private pollerRequests = 0;
  /** Writes one after another, never two at once. */
  private writing: Promise<void> = Promise.resolve();
  private disposed = false;
  /** The credentials were refused: the notification for that was given. */
  private refused = false;

  constructor(
    readonly account: Account,
    private readonly clients: AccountClients,
    private readonly store: AccountStore,
    private readonly options: WatchOptions,
    private readonly tell: { changed(): void; opened(incidents: Incident[]): void; entriesRead(entries: WatchedEntries): void },
  ) {
    this.lease = new AccountLease({ directory: options.directory, account: account.id, heartbeatMs: options.pace.heartbeatMs, disabled: options.leaseDisabled });
    this.file = watchRecordFile(options.directory, account.id);
    this.entriesFile = sharedEntriesFile(options.directory, account.id);
    // Other windows' findings and entries are read on this heartbeat rather than through a FileSystemWatcher: the
    // global storage is outside the workspace, where file events are not delivered on every host (web,
    // remote), and the heartbeat runs anyway. A finding shows in other windows within one heartbeat.
    this.heartbeat = setInterval(() => void this.beat(), options.pace.heartbeatMs);
    void this.beat();
  }

  get requests(): number {
    return this.pollerRequests + (this.poller?.requests ?? 0);
  }

  fedSince(log: WatchedLog): number | undefined {
    return this.poller?.since ?? this.reading?.since[log];
  }

  async whenIdle(): Promise<void> {
    await this.poller?.whenIdle();
  }

  private async beat(): Promise<void> {
    try {
      const held = this.poller ? await this.lease.renew() : await this.lease.acquire();
      if (this.disposed) {
        return;
      }
      if (held && !this.poller) {
        await this.startPolling();
      } else if (!held) {
        this.stopPolling();
        this.record = await readWatchRecord(this.file);
        await this.readShared();
        this.setStatus({ kind: 'elsewhere' });
      }
    } catch (error) {
      this.warn(error);
    }
  }

  /** A poller at the interval the settings now say, if this window polls. */
  restartPolling(): void {
    if (this.poller) {
      this.stopPolling();
      void this.startPolling();
    }
  }

  private async startPolling(): Promise<void> {
    this.reading = undefined;
    this.record = await readWatchRecord(this.file);
    // Went on from: readers that read it before see no gap.
    this.shared = await readSharedEntries(this.entriesFile) ?? emptySharedEntries();
    const opened = await this.clients.openForWatch(this.account.id);
    if (this.disposed || !opened) {
      opened?.client.dispose();
      if (!opened) {
        this.setStatus({ kind: 'noCredentials' });
      }
      return;
    }
    this.client = opened.client;
    const poller = new Poller({
      source: this.guarded(opened.client),
      intervalMs: settings.watchIntervalMs(this.options.pace.shortestIntervalMs),
      maxShareOfAllowance: settings.watchMaxShareOfAllowance(),
      // What was logged while no window polled (a reload, a handover) is read, not skipped.
      resumeAfter: resumePoints(this.record),
    });
    this.poller = poller;
    poller.onEntries(({ stream, entries }) => {
      this.take(entries);
      // A filtered stream is not the whole log: the sidebar takes only whole logs.
      if (!stream.filters) {
        this.share(stream.log, entries);
      }
      this.tell.entriesRead({ accountId: this.account.id, stream, entries });
    });
    poller.onPolledUpTo(({ stream, time }) => {
      if (!stream.filters) {
        this.save(recordPolledUpTo(this.record, stream.log, time));
      }
    });
    poller.onState((state) => this.stateChanged(state));
    poller.start();
    this.setStatus({ kind: 'polling', state: poller.state, cost: poller.cost });
  }

  /**
   * A client opened with the credentials stored now, for the next poll: Update Credentials must not
   * leave the watch polling with the replaced ones until they are refused. The poller (and what it
   * read) is kept; the old client is closed once the poll it may be serving ends.
   */
  reopenClient(): void {
    const poller = this.poller;
    if (!poller) {
      return;
    }
    const reopening = ++this.reopenings;
    void this.clients.openForWatch(this.account.id).then((opened) => {
      if (this.poller !== poller || reopening !== this.reopenings || !opened) {
        // Stopped meanwhile, or a later reopening read the credentials after this one; or they were
        // removed, and the next heartbeat says so.
        opened?.client.dispose();
        return;
      }
      const old = this.client;
      this.lastRateLimit = old?.rateLimit ?? this.lastRateLimit;
      this.client = opened.client;
      void poller.whenIdle().then(() => old?.dispose());
    });
  }

  /** The current client, with the one notification for refused credentials that every other call gives. */
  private guarded(first: ExaVaultClient): ActivitySource {
    const told = async <T>(call: Promise<T>): Promise<T> => {
      try {
        return await call;
      } catch (error) {
        if (error instanceof ExaVaultError && (error.kind === 'invalidCredentials' || error.kind === 'forbidden')) {
          this.refused = true;
          this.clients.describeFailure(error, this.account);
        }
        throw error;
      }
    };
    // Only a stopped watch has none, and its poller sends nothing more.
    const current = (): ExaVaultClient => this.client ?? first;
    const rateLimit = () => this.client?.rateLimit ?? this.lastRateLimit;
    return {
      getSessionActivity: (query, signal) => told(current().getSessionActivity(query, signal)),
      getWebhookActivity: (query, signal) => told(current().getWebhookActivity(query, signal)),
      get rateLimit() {
        return rateLimit();
      },
    };
  }

  private take(entries: readonly ActivityEntry[]): void {
    const { record, opened } = recordEntries(this.record, entries, settings.watchThresholds(), this.account.id);
    this.save(record);
    this.tell.changed();
    if (opened.length > 0) {
      this.tell.opened(opened);
    }
  }

  private save(record: WatchRecord): void {
    this.record = record;
    this.writing = this.writing.then(() => writeWatchRecord(this.file, record)).catch((error: unknown) => this.warn(error));
  }

  private share(log: WatchedLog, entries: readonly ActivityEntry[]): void {
    this.shared = appendSharedEntries(this.shared, log, entries);
    if (this.sharing) {
      return;
    }
    this.sharing = true;
    this.writing = this.writing.then(() => {
      this.sharing = false;
      return writeSharedEntries(this.entriesFile, this.shared);
    }).catch((error: unknown) => this.warn(error));
  }

  /** Passes on the entries the polling window shared since the last read, as this window's poller would. */
  private async readShared(): Promise<void> {
    const reading = this.reading ??= { reader: new SharedEntriesReader(this.entriesFile), since: {} };
    const { entries, missed } = await reading.reader.read();
    if (this.disposed || this.reading !== reading) {
      return;
    }
    for (const log of missed) {
      // Entries this window never got (from before its first read, or dropped by the file's bound
      // before it read them): fed anew from now, its views do one refresh of their own.
      reading.since[log] = Math.max(Date.now(), (reading.since[log] ?? 0) + 1);
    }
    for (const [log, read] of Object.entries(entries) as [WatchedLog, ActivityEntry[]][]) {
      if (read.length > 0) {
        this.tell.entriesRead({ accountId: this.account.id, stream: { log }, entries: read });
      }
    }
  }

  private stateChanged(state: PollerState): void {
    if (!this.poller) {
      return;
    }
    this.setStatus({ kind: 'polling', state, cost: this.poller.cost });
    if (state.kind === 'stopped') {
      this.stopPolling();
      // Refused credentials were told by their own notification; anything else that ends watching is told here.
      if (!this.refused) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Stopped watching {0}: {1}', plainText(this.account.label), plainText(state.message, MESSAGE_LENGTH)));
      }
      // Watching stays off until the user turns it on again.
      void this.store.setWatched(this.account.id, false);
    }
  }

  private stopPolling(): void {
    this.pollerRequests += this.poller?.requests ?? 0;
    this.poller?.dispose();
    this.poller = undefined;
    this.client?.dispose();
    this.client = undefined;
  }

  private setStatus(status: WatchStatus): void {
    this.status = status;
    this.tell.changed();
  }

  /** A read, a write or the lease failed: the watch goes on, and the log says why. */
  private warn(error: unknown): void {
    this.options.log.warn(`${this.account.label}: watch: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Resolves once the last record is written and the lease given up. */
  dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.heartbeat);
    this.stopPolling();
    return this.writing.then(() => this.lease.release()).catch((error: unknown) => this.warn(error));
  }
}
