// The loaded entries of one activity log, for one account and one set of filters: first page,
// older pages on demand, newer entries merged in on refresh or handed in from outside (the watch's
// poller). Free of `vscode`, so it is tested in Node.
import type { ExaVaultError } from '../api/errors';
import { repeatedPageWarning, type Page } from '../api/paging';
import { Emitter } from '../util/event';

export type FilterValue = string | number;
export type Filters = Readonly<Record<string, FilterValue>>;

/** A paged query: the client's sessionPages or webhookPages, bound to an account. */
export type PageSource<T> = (query: Record<string, FilterValue | undefined>, options: { pageSize: number; signal: AbortSignal }) => AsyncIterable<Page<T>>;

export interface FeedEntry {
  id: number;
  /** Milliseconds since the epoch. */
  created: number | undefined;
}

export interface FeedSettings {
  /** How far back the log goes, from now. */
  windowMs: number;
  pageSize: number;
}

export type FeedActivity = 'loading' | 'loadingMore' | 'refreshing' | undefined;

/** Refresh follows new entries this many pages back at most; past that it starts over rather than leave a gap. */
const MAX_REFRESH_PAGES = 20;

const newestFirst = (a: FeedEntry, b: FeedEntry) => (b.created ?? 0) - (a.created ?? 0) || b.id - a.id;

export class ActivityFeed<T extends FeedEntry> {
  private list: T[] = [];
  private readonly ids = new Set<number>();
  private readonly changes = new Emitter<void>();
  /** Entries, filters or state changed. */
  readonly onDidChange = this.changes.event;
  private readonly accepted = new Emitter<number>();
  /** Entries handed in from outside were added: how many. */
  readonly onDidAccept = this.accepted.event;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private loaded = false;
  private currentFilters: Filters = {};
  /** Entries handed in while an operation ran: merged once it ends, so that it cannot drop or repeat them. */
  private pending: T[] = [];

  activity: FeedActivity;
  /** The last operation's failure; the entries loaded before it stay. */
  error: Error | ExaVaultError | undefined;
  /** Set when the server repeated itself and loading stopped early. */
  warning: string | undefined;
  /** Older entries may exist within the window. */
  hasMore = false;
  /** Pages this feed has received: each one spent a call of the account's allowance. */
  requests = 0;

  constructor(private readonly source: PageSource<T>, private readonly settings: () => FeedSettings, private readonly now: () => Date = () => new Date()) {}

  get entries(): readonly T[] {
    return this.list;
  }

  get filters(): Filters {
    return this.currentFilters;
  }

  /** Whether anything was loaded (or tried) yet. */
  get started(): boolean {
    return this.loaded;
  }

  /** Stops what is in flight, keeping what was loaded. */
  cancel(): void {
    this.controller?.abort();
  }

  /** Starts over with other filters; what the old ones found is gone at once, even if the new query fails. */
  async setFilters(filters: Filters): Promise<void> {
    this.currentFilters = filters;
    this.list = [];
    this.ids.clear();
    this.hasMore = false;
    await this.reload();
  }

  /**
   * Starts over: the first page of the window. Resolves once the feed is idle: when a newer start-over
   * (settings or filters that changed meanwhile) replaced this one, the caller sees its result.
   */
  async reload(): Promise<void> {
    await this.loadOnePage('loading', this.query(), true);
    await this.idle();
  }

  /** The next older page, continuing exactly where the loaded entries end (no repeats, no gaps). */
  async loadMore(): Promise<void> {
    // A start-over in flight is waited for: cancelling it would lose newer settings, and going on
    // from the entries it replaces would mix two windows.
    if (this.activity === 'loading') {
      await this.idle();
    }
    if (!this.loaded) {
      return this.reload();
    }
    // Entries without a date sort last: continue from the oldest one that has a date.
    const oldest = this.list.findLast((e) => e.created !== undefined)?.created;
    if (!this.hasMore || oldest === undefined) {
      this.hasMore = false;
      this.changes.fire();
      return;
    }
    // Entries of exactly the oldest time that are loaded come first in that window: skip them.
    const sameTime = this.list.filter((e) => e.created === oldest).length;
    await this.loadOnePage('loadingMore', { ...this.query(), endDate: new Date(oldest).toISOString(), offset: sameTime }, false);
  }

  /** One page of `query`: replaces the loaded entries (startOver) or adds to them. */
  private loadOnePage(activity: FeedActivity, query: Record<string, FilterValue | undefined>, startOver: boolean): Promise<void> {
    return this.run(activity, async (signal) => {
      const { pageSize } = this.settings();
      for await (const page of this.source(query, { pageSize, signal })) {
        this.requests++;
        // A page that arrived as a newer operation took over belongs to the old query.
        if (signal.aborted) {
          return;
        }
        if (startOver) {
          this.list = [];
          this.ids.clear();
        }
        const added = this.add(page);
        this.hasMore = page.received >= pageSize && !this.warning;
        // A full page of entries already here: the server ignored where to go on from. Say so, and offer no more.
        if (!startOver && page.received > 0 && added === 0 && !this.warning) {
          this.warning = repeatedPageWarning();
          this.hasMore = false;
        }
        return;
      }
    });
  }

  /**
   * Merges entries that arrived since the newest loaded one; resolves with how many are new. While
   * something else is loading it waits for that instead: a refresh never cancels what the user asked for.
   */
  async refresh(): Promise<number> {
    if (this.controller) {
      await this.idle();
      return 0;
    }
    if (!this.loaded || this.list.length === 0) {
      const before = this.list.length;
      await this.reload();
      return this.list.length - before;
    }
    let added = 0;
    await this.run('refreshing', async (signal) => {
      const { pageSize } = this.settings();
      const fresh: T[] = [];
      let reachedLoaded = false;
      let pages = 0;
      for await (const page of this.source(this.query(), { pageSize, signal })) {
        this.requests++;
        const unseen = page.entries.filter((e) => !this.ids.has(e.id));
        reachedLoaded = unseen.length < page.entries.length || page.received < pageSize;
        fresh.push(...unseen);
        if (reachedLoaded || ++pages >= MAX_REFRESH_PAGES) {
          break;
        }
      }
      if (!reachedLoaded) {
        // More arrived than a refresh follows: keep only the newest, and let "Load more" go on from them.
        this.list = [];
        this.ids.clear();
        this.hasMore = true;
      }
      added = this.insert(fresh);
    });
    return added;
  }

  /**
   * Merges entries read elsewhere (the unfiltered log, in any order); those new here are announced by
   * onDidAccept. Taken only while the feed is unfiltered and loaded: a filtered feed's query would
   * have to be applied here again, and an unloaded one loads them on its own. Entries older than the
   * window are left out, and so are those older than the oldest loaded while older pages remain:
   * "Load more" goes on from the oldest loaded, and brings them.
   */
  accept(entries: readonly T[]): void {
    if (Object.keys(this.currentFilters).length > 0 || !this.loaded) {
      return;
    }
    if (this.controller) {
      this.pending.push(...entries);
      return;
    }
    const start = this.now().getTime() - this.settings().windowMs;
    const oldest = this.hasMore ? this.list.findLast((e) => e.created !== undefined)?.created ?? Infinity : -Infinity;
    const added = this.insert(entries.filter((e) => (e.created === undefined ? !this.hasMore : e.created >= Math.max(start, oldest))));
    // Loaded entries the window has moved past go: the feed stays bounded while entries keep coming.
    const aged = this.list.filter((e) => e.created !== undefined && e.created < start);
    if (aged.length > 0) {
      aged.forEach((e) => this.ids.delete(e.id));
      this.list = this.list.filter((e) => e.created === undefined || e.created >= start);
    }
    if (added > 0 || aged.length > 0) {
      this.changes.fire();
    }
    if (added > 0) {
      this.accepted.fire(added);
    }
  }

  private query(): Record<string, FilterValue | undefined> {
    return { ...this.currentFilters, startDate: new Date(this.now().getTime() - this.settings().windowMs).toISOString() };
  }

  /** Adds the page's entries not loaded yet; returns how many. */
  private add(page: Page<T>): number {
    this.warning = page.warning;
    return this.insert(page.entries);
  }

  /** Adds the entries not loaded yet (once each, however often they come); returns how many. */
  private insert(entries: readonly T[]): number {
    const unseen: T[] = [];
    for (const entry of entries) {
      if (!this.ids.has(entry.id)) {
        this.ids.add(entry.id);
        unseen.push(entry);
      }
    }
    this.list = mergeNewestFirst(this.list, unseen.sort(newestFirst));
    return unseen.length;
  }

  private acceptPending(): void {
    if (!this.controller && this.pending.length > 0) {
      const pending = this.pending;
      this.pending = [];
      this.accept(pending);
    }
  }

  /** Resolves when nothing runs, however many operations took over from one another meanwhile. */
  private async idle(): Promise<void> {
    for (let running = this.running; running; running = running === this.running ? undefined : this.running) {
      await running;
    }
  }

  private run(activity: FeedActivity, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.running = this.runNow(activity, work);
    return this.running;
  }

  private async runNow(activity: FeedActivity, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.activity = activity;
    this.changes.fire();
    try {
      await work(controller.signal);
      this.error = undefined;
    } catch (error) {
      if (!controller.signal.aborted) {
        this.error = error instanceof Error ? error : new Error(String(error));
      }
    } finally {
      this.loaded = true;
      if (this.controller === controller) {
        this.activity = undefined;
        this.controller = undefined;
      }
      this.changes.fire();
      this.acceptPending();
    }
  }
}

/** Merges two lists sorted newest first into one, in linear time. */
export function mergeNewestFirst<T extends FeedEntry>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) {
    return a as T[];
  }
  const merged: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    merged[k++] = newestFirst(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  }
  while (i < a.length) {
    merged[k++] = a[i++]!;
  }
  while (j < b.length) {
    merged[k++] = b[j++]!;
  }
  return merged;
}
