// Watching one account: both logs (or the filtered streams asked for) polled every interval for what
// is new, passed on to whoever listens (the rules, the sidebar). Plain Node: the clock and the timers
// are injected, so tests drive time.
import * as l10n from '@vscode/l10n';
import type { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';
import type { ActivityEntry } from '../api/models';
import { Emitter } from '../util/event';
import { estimateCost, intervalWithinShare, type CostEstimate } from './cost';
import { MAX_RESUME_LOOK_BACK_MS, PollWindow, type PollRun, type WindowRequest } from './pollWindow';
import { realTimers, type Timers } from '../util/timers';

export type WatchedLog = 'session' | 'webhook';

/** One log, with the server filters a caller asks for (`{ type: 'PASS' }`): one request a poll when quiet. */
export interface WatchStream {
  log: WatchedLog;
  filters?: Readonly<Record<string, string | number>>;
}

/** What the poller needs of a client. Give it one that does not wait out 429s itself (rateLimitRetries: 0): the poller backs off. */
export type ActivitySource = Pick<ExaVaultClient, 'getSessionActivity' | 'getWebhookActivity' | 'rateLimit'>;

export interface PollerOptions {
  source: ActivitySource;
  /** The interval asked for; stretched when it would spend more than maxShareOfAllowance. */
  intervalMs: number;
  maxShareOfAllowance?: number;
  /** Default: both logs, unfiltered. */
  streams?: readonly WatchStream[];
  pageSize?: number;
  /** Pages a stream reads at most in one poll. */
  maxPagesPerPoll?: number;
  /** The longest wait between tries after a 429 without Retry-After, or while offline. */
  maxBackoffMs?: number;
  overlapMs?: number;
  /**
   * Per log, how far an earlier watch of the account got (the later of the newest entry it passed on
   * and the time its last complete poll covered): polls resume from there (less the overlap, at most
   * MAX_RESUME_LOOK_BACK_MS back) rather than from now. A log without one starts from now: its
   * history before watching started is not new.
   */
  resumeAfter?: Partial<Record<WatchedLog, number>>;
  clock?: () => number;
  timers?: Timers;
}

export interface NewEntries {
  stream: WatchStream;
  /** Oldest first, none passed on before. */
  entries: ActivityEntry[];
  /** This poll stopped at its page cap: more are waiting, the next poll continues. */
  behind: boolean;
  /** The server's pages made no progress; paging stopped until the next poll. */
  warning?: string;
}

/** A poll of a stream read everything up to `time` (when it started): entries logged late are the overlap's to bring. */
export interface PolledUpTo {
  stream: WatchStream;
  time: number;
}

/** New entries of one account's stream, as a watch passes them on to whoever shows them. */
export interface WatchedEntries extends Pick<NewEntries, 'stream' | 'entries'> {
  accountId: string;
}

export type PollerState =
  | { kind: 'watching' }
  | { kind: 'rateLimited'; message: string; nextTry: number }
  | { kind: 'offline'; message: string; nextTry: number }
  | { kind: 'failing'; message: string; nextTry: number }
  /** Final: the credentials were refused, or the account cannot be watched. */
  | { kind: 'stopped'; message: string };

const DEFAULT_STREAMS: readonly WatchStream[] = [{ log: 'session' }, { log: 'webhook' }];
const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES_PER_POLL = 10;
const DEFAULT_MAX_BACKOFF_MS = 60 * 60 * 1000;
/**
 * Calls per poll are averaged over this many polls for the cost: enough that one burst barely moves
 * the interval, few enough that a lasting change of pace is followed within the hour.
 */
const CALLS_AVERAGED_OVER = 12;

/** Failures that end watching: trying again cannot help until the user changes something. */
const FINAL: ReadonlySet<string> = new Set(['invalidCredentials', 'forbidden', 'activityRetired', 'badRequest']);
const OFFLINE: ReadonlySet<string> = new Set(['network', 'timeout']);

export class Poller {
  private readonly entriesEmitter = new Emitter<NewEntries>();
  private readonly stateEmitter = new Emitter<PollerState>();
  private readonly polledEmitter = new Emitter<PolledUpTo>();
  /** New entries of a stream, a page at a time. */
  readonly onEntries = this.entriesEmitter.event;
  /** The state changed (fired once per change: a stop is said once). */
  readonly onState = this.stateEmitter.event;
  /** A stream's poll caught up (not stopped at its page cap nor by a stuck server), after its entries were passed on. */
  readonly onPolledUpTo = this.polledEmitter.event;

  private readonly streams: readonly WatchStream[];
  private readonly windows: PollWindow<ActivityEntry>[];
  private readonly clock: () => number;
  private readonly timers: Timers;
  private current: PollerState = { kind: 'watching' };
  private timer: unknown;
  private running: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private failuresInARow = 0;
  private disposed = false;
  private started = false;
  /** Calls per stream of recent polls, for the cost. */
  private readonly recentCalls: number[] = [];
  /** Calls sent since start. */
  requests = 0;
  /** When the poller was made: a view it feeds catches up once to here on its own (see AutoRefresh). */
  readonly since: number;

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.streams = options.streams ?? DEFAULT_STREAMS;
    const now = this.clock();
    this.since = now;
    this.windows = this.streams.map(({ log }) => {
      const resumeAfter = options.resumeAfter?.[log];
      return resumeAfter === undefined
        ? new PollWindow<ActivityEntry>({ since: now, overlapMs: options.overlapMs })
        : new PollWindow<ActivityEntry>({ since: now - MAX_RESUME_LOOK_BACK_MS, resumeAfter, overlapMs: options.overlapMs });
    });
  }

  get state(): PollerState {
    return this.current;
  }

  /** The interval polled at: the one asked for, stretched to keep within the share of the allowance. */
  get intervalMs(): number {
    return intervalWithinShare({ ...this.costInput(this.options.intervalMs), maxShare: this.options.maxShareOfAllowance });
  }

  /** What watching costs at the interval polled at, from the allowance last seen and the calls recent polls made. */
  get cost(): CostEstimate {
    return estimateCost(this.costInput(this.intervalMs));
  }

  /** Schedules the first poll one interval from now: starting sends nothing. */
  start(): void {
    if (this.started || this.disposed) {
      return;
    }
    this.started = true;
    this.schedule(this.intervalMs);
  }

  /** Resolves when no poll is running (the next one, if any, scheduled). */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.entriesEmitter.dispose();
    this.stateEmitter.dispose();
    this.polledEmitter.dispose();
  }

  private costInput(intervalMs: number) {
    const calls = this.recentCalls;
    const callsPerPoll = calls.length === 0 ? 1 : calls.reduce((sum, n) => sum + n, 0) / calls.length;
    return { intervalMs, streams: this.streams.length, dailyAllowance: this.options.source.rateLimit?.limit, callsPerPoll };
  }

  private schedule(ms: number): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.running = this.pollThenSchedule();
    }, ms);
  }

  /** One poll of every stream, then the next one scheduled: never two at once. */
  private async pollThenSchedule(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    let calls = 0;
    try {
      for (const [index, stream] of this.streams.entries()) {
        calls += await this.pollStream(stream, this.windows[index]!, controller.signal);
      }
      if (this.disposed) {
        return;
      }
      this.noteCalls(calls / this.streams.length);
      this.failuresInARow = 0;
      this.setState({ kind: 'watching' });
      this.schedule(this.intervalMs);
    } catch (error) {
      if (this.disposed) {
        return;
      }
      this.failed(error);
    } finally {
      this.controller = undefined;
    }
  }

  /** Reads a stream's new pages, passing each on as it comes; returns the calls it sent. */
  private async pollStream(stream: WatchStream, window: PollWindow<ActivityEntry>, signal: AbortSignal): Promise<number> {
    const run = window.startPoll({ pageSize: this.options.pageSize ?? DEFAULT_PAGE_SIZE, maxPages: this.options.maxPagesPerPoll ?? DEFAULT_MAX_PAGES_PER_POLL });
    const startedAt = this.clock();
    let calls = 0;
    for (let request = run.next(); request; request = run.next()) {
      calls++;
      this.requests++;
      const page = await this.fetch(stream, request, signal);
      if (this.disposed) {
        return calls;
      }
      this.pass(stream, run, run.accept(page));
    }
    if (!run.behind && run.warning === undefined) {
      this.polledEmitter.fire({ stream, time: startedAt });
    }
    return calls;
  }

  private pass(stream: WatchStream, run: PollRun<ActivityEntry>, entries: ActivityEntry[]): void {
    const ended = run.next() === undefined;
    const warning = ended ? run.warning : undefined;
    if (entries.length > 0 || warning) {
      this.entriesEmitter.fire({ stream, entries, behind: ended && run.behind, ...(warning ? { warning } : {}) });
    }
  }

  private async fetch(stream: WatchStream, request: WindowRequest, signal: AbortSignal): Promise<ActivityEntry[]> {
    const query = { ...stream.filters, ...request };
    const source = this.options.source;
    return stream.log === 'session'
      ? (await source.getSessionActivity(query, signal)).entries
      : (await source.getWebhookActivity(query, signal)).entries;
  }

  private noteCalls(callsPerStream: number): void {
    this.recentCalls.push(callsPerStream);
    if (this.recentCalls.length > CALLS_AVERAGED_OVER) {
      this.recentCalls.shift();
    }
  }

  private failed(error: unknown): void {
    const kind = error instanceof ExaVaultError ? error.kind : undefined;
    const message = error instanceof Error ? error.message : String(error);
    if (kind !== undefined && FINAL.has(kind)) {
      this.setState({ kind: 'stopped', message });
      return;
    }
    this.failuresInARow++;
    const interval = this.intervalMs;
    const backoff = Math.min(this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, interval * 2 ** (this.failuresInARow - 1));
    const now = this.clock();
    if (kind === 'rateLimited') {
      const retryAfter = error instanceof ExaVaultError ? error.retryAfterMs : undefined;
      // The server said when: wait that long, and at least an interval. Else double the wait each time.
      const wait = retryAfter === undefined ? backoff : Math.max(interval, retryAfter);
      this.setState({ kind: 'rateLimited', message: l10n.t('Watching paused: the account\'s API allowance is used up. {0}', message), nextTry: now + wait });
      this.schedule(wait);
    } else if (kind !== undefined && OFFLINE.has(kind)) {
      this.setState({ kind: 'offline', message: l10n.t('Watching paused: ExaVault cannot be reached. It resumes when it answers. {0}', message), nextTry: now + backoff });
      this.schedule(backoff);
    } else {
      this.setState({ kind: 'failing', message, nextTry: now + backoff });
      this.schedule(backoff);
    }
  }

  private setState(state: PollerState): void {
    const before = this.current;
    this.current = state;
    // Said once per change; a pause that goes on (a second 429 or failed probe) is said again with its next try.
    if (before.kind === 'watching' && state.kind === 'watching') {
      return;
    }
    if (before.kind === 'stopped') {
      return;
    }
    this.stateEmitter.fire(state);
  }
}
