// Runs a search plan: every request stream at once, entries handed on page by page, the cost
// estimated from the first pages and confirmed before a large search goes on. Free of `vscode`.
import type { ActivityEntry } from '../api/models';
import type { Page } from '../api/paging';
import type { QueryParameters, SearchPlan } from './plan';

export type RunState = 'running' | 'confirming' | 'done' | 'stopped' | 'failed';

export interface CostEstimate {
  /** API calls the whole search would take, the first pages included; undefined when its first pages cannot tell (a server order other than time). */
  calls: number | undefined;
  /** Calls already spent. */
  spent: number;
  /** Asked again: the search has spent OVERRUN_FACTOR times what was estimated (`calls`) and is not done. */
  overrun?: boolean;
}

/**
 * A search goes on without asking again until it has spent this many times its estimate (estimates
 * come from the first page's time span, and activity is bursty); past that, it asks again, and again
 * at each further multiple, so a server whose paging never ends cannot spend the allowance unasked.
 */
export const OVERRUN_FACTOR = 3;

export interface RunProgress {
  state: RunState;
  /** Entries handed on so far. */
  loaded: number;
  /** API calls spent so far. */
  requests: number;
  estimate?: CostEstimate;
  error?: unknown;
  /** The server repeated a page and a stream stopped early. */
  warning?: string;
}

export type StreamSource<T> = (query: QueryParameters, options: { pageSize: number; prefetch: number; signal: AbortSignal }) => AsyncIterable<Page<T>>;

export interface RunOptions {
  pageSize: number;
  /** Requests in flight at once, shared by the streams. */
  concurrency: number;
  /** Above this many estimated calls, ask before going on. */
  confirmAboveCalls: number;
  confirm(estimate: CostEstimate): Promise<boolean>;
}

export interface RunSink<T> {
  entries(batch: T[]): void;
  progress(progress: RunProgress): void;
}

/**
 * Calls a stream will take, judged from its first page: the time one page covered against the time
 * left, from `to` back (newest first) or from `from` on (oldest first). In another order (by size...)
 * a page's times say nothing of what is left, and the API counts nothing: undefined, unless the first
 * page was the last.
 */
export function estimateCalls(page: Page<ActivityEntry>, pageSize: number, plan: Pick<SearchPlan, 'from' | 'to' | 'timeOrder'>): number | undefined {
  const { from, to, timeOrder } = plan;
  if (page.received < pageSize) {
    return 1;
  }
  if (timeOrder === undefined) {
    return undefined;
  }
  const times = page.entries.map((entry) => entry.created).filter((time) => time !== undefined);
  const reached = timeOrder === 'newest' ? Math.min(to, ...times) : Math.max(from, ...times);
  const covered = Math.max(1, timeOrder === 'newest' ? to - reached : reached - from);
  const left = Math.max(0, timeOrder === 'newest' ? reached - from : to - reached);
  return 1 + Math.ceil(left / covered);
}

export class SearchRun<T extends ActivityEntry> {
  private readonly controller = new AbortController();
  private progress: RunProgress = { state: 'running', loaded: 0, requests: 0 };
  /** Calls the search may spend before it asks (again). */
  private budget = Infinity;
  private asking: Promise<boolean> | undefined;

  constructor(private readonly source: StreamSource<T>, private readonly plan: SearchPlan, private readonly options: RunOptions, private readonly sink: RunSink<T>) {}

  /** Stops the requests in flight; what was loaded stays. */
  stop(): void {
    if (this.progress.state === 'running' || this.progress.state === 'confirming') {
      this.controller.abort();
      this.report({ state: 'stopped' });
    }
  }

  get state(): RunState {
    return this.progress.state;
  }

  async run(): Promise<void> {
    const { queries } = this.plan;
    const prefetch = Math.max(1, Math.floor(this.options.concurrency / queries.length));
    const streams = queries.map((query) => this.source(query, { pageSize: this.options.pageSize, prefetch, signal: this.controller.signal })[Symbol.asyncIterator]());
    const spentBy = new Array<number>(streams.length).fill(0);
    try {
      const firsts = await Promise.all(streams.map(async (stream, index) => {
        const first = await stream.next();
        if (!first.done) {
          spentBy[index] = first.value.requests;
          this.accept(first.value, spentBy);
        }
        return first;
      }));
      if (this.stopped()) {
        return;
      }
      const perStream = firsts.map((first) => (first.done ? 0 : estimateCalls(first.value, this.options.pageSize, this.plan)));
      const calls = perStream.includes(undefined) ? undefined : perStream.reduce<number>((sum, count) => sum + count!, 0);
      const estimate = { calls, spent: this.progress.requests };
      // With no estimate, the search asks once it has spent the calls a search may spend unasked.
      this.budget = calls === undefined ? this.options.confirmAboveCalls : Math.max(this.options.confirmAboveCalls, calls * OVERRUN_FACTOR);
      if (calls !== undefined && calls > this.options.confirmAboveCalls) {
        this.report({ state: 'confirming', estimate });
        const goOn = await this.options.confirm(estimate);
        if (this.stopped()) {
          return;
        }
        if (!goOn) {
          this.controller.abort();
          this.report({ state: 'stopped' });
          return;
        }
        this.report({ state: 'running' });
      }
      await Promise.all(streams.map(async (stream, index) => {
        if (firsts[index]!.done || firsts[index]!.value!.received < this.options.pageSize) {
          return;
        }
        for (let next = await stream.next(); !next.done && !this.stopped(); next = await stream.next()) {
          spentBy[index] = next.value.requests;
          this.accept(next.value, spentBy);
          if (this.progress.requests >= this.budget && !(await this.goOnPastBudget(calls))) {
            return;
          }
        }
      }));
      if (!this.stopped()) {
        this.report({ state: 'done' });
      }
    } catch (error) {
      if (!this.stopped()) {
        this.controller.abort();
        this.report({ state: 'failed', error });
      }
    } finally {
      await Promise.allSettled(streams.map((stream) => stream.return?.()));
    }
  }

  /** Asks (once for every stream that got here) whether to go on past the budget; a yes raises it a multiple (of the unasked calls, with no estimate). */
  private goOnPastBudget(estimated: number | undefined): Promise<boolean> {
    this.asking ??= (async () => {
      this.report({ state: 'confirming', estimate: { calls: estimated, spent: this.progress.requests, overrun: true } });
      const goOn = await this.options.confirm({ calls: estimated, spent: this.progress.requests, overrun: true });
      if (this.stopped()) {
        return false;
      }
      if (!goOn) {
        this.controller.abort();
        this.report({ state: 'stopped' });
        return false;
      }
      this.budget = this.progress.requests + (estimated === undefined ? this.options.confirmAboveCalls : estimated * OVERRUN_FACTOR);
      this.report({ state: 'running' });
      return true;
    })().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  private stopped(): boolean {
    return this.progress.state === 'stopped' || this.progress.state === 'failed';
  }

  private accept(page: Page<T>, spentBy: number[]): void {
    if (this.stopped()) {
      return;
    }
    const keep = this.plan.keep;
    const entries = keep ? page.entries.filter(keep) : page.entries;
    if (entries.length > 0) {
      this.sink.entries(entries);
    }
    this.report({
      loaded: this.progress.loaded + entries.length,
      requests: spentBy.reduce((sum, spent) => sum + spent, 0),
      warning: page.warning ?? this.progress.warning,
    });
  }

  private report(change: Partial<RunProgress>): void {
    this.progress = { ...this.progress, ...change };
    this.sink.progress(this.progress);
  }
}
