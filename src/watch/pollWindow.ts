// What one watched log asks for at each poll, and which of its entries were already passed on. Pure:
// the poller sends the requests and hands back the pages.
import * as l10n from '@vscode/l10n';
import { repeatedPageWarning } from '../api/paging';

/**
 * Each poll starts this far before the newest entry passed on. Entries are logged to the second, so
 * more can arrive in a second already seen; and a log may be written late (an upload is logged when
 * it ends, a webhook call when the listener answers, up to the call's timeout). A minute covers
 * both; what it re-reads is recognised by id, and costs no extra call while it fits in a page.
 */
export const POLL_OVERLAP_MS = 60_000;

/**
 * How far back a watch resuming from an earlier one's newest entry (after a reload, or another window
 * taking the account over) reads at most. A handover takes seconds, and the rules look back minutes
 * by default; an hour covers a long reload and a rule set to look back longer, and a record left a
 * week ago reads one hour (a page or a few), not the week.
 */
export const MAX_RESUME_LOOK_BACK_MS = 60 * 60_000;

/**
 * Oldest first, so the cursor only moves forward: a poll that stops at its page cap leaves no gap
 * (the next goes on exactly where it stopped), and entries reach the rules in the order they happened.
 * Newest first would have to come back for the older part of a capped poll, with offsets drifting as
 * entries arrive; oldest first, arrivals land after the page being read.
 */
export const POLL_SORT = 'date';

/** Ids remembered at most: past this the oldest are forgotten first (entries without a time are the only ones kept long). */
export const MAX_REMEMBERED_IDS = 20_000;

export interface Timed {
  id: number;
  /** Milliseconds since the epoch; undefined when the entry has no readable time. */
  created: number | undefined;
}

export interface WindowRequest {
  startDate: string;
  offset: number;
  limit: number;
  sort: typeof POLL_SORT;
}

export interface PollLimits {
  pageSize: number;
  /** Pages one poll reads at most; past it the poll is behind and the next one continues. */
  maxPages: number;
}

export interface WindowOptions {
  /** Entries before this are not new (when watching started); never asked for. */
  since: number;
  /**
   * The newest entry time an earlier watch of this log passed on (one that stopped: a reload, a
   * handover): the first poll starts from it less the overlap, so what was logged while no one
   * polled is read; never before `since`. What it reads again is the earlier watch's to recognise.
   */
  resumeAfter?: number;
  overlapMs?: number;
  maxRememberedIds?: number;
}

/** Where a poll that stopped at its page cap left off: the next poll continues exactly there. */
interface Resume {
  start: number;
  offset: number;
}

/** The state of one watched log across polls: the newest time passed on and the ids recently passed on. */
export class PollWindow<T extends Timed> {
  private newest: number;
  private resume: Resume | undefined;
  /** Id → time, in the order passed on. */
  private readonly passedOn = new Map<number, number | undefined>();
  private readonly overlapMs: number;
  private readonly maxRemembered: number;

  constructor(private readonly options: WindowOptions) {
    this.newest = Math.max(options.since, options.resumeAfter ?? -Infinity);
    this.overlapMs = options.overlapMs ?? POLL_OVERLAP_MS;
    this.maxRemembered = options.maxRememberedIds ?? MAX_REMEMBERED_IDS;
  }

  /** The newest entry time passed on, or where it resumed (`since`, or `resumeAfter`) before any. */
  get newestTime(): number {
    return this.newest;
  }

  /** How many ids are remembered now. */
  get remembered(): number {
    return this.passedOn.size;
  }

  /** A new poll: request its pages one by one with next(), and hand each page to accept(). */
  startPoll(limits: PollLimits): PollRun<T> {
    const start = this.resume ?? { start: Math.max(this.options.since, this.newest - this.overlapMs), offset: 0 };
    return new PollRun(this, limits, start);
  }

  /** @internal Entries of a page not passed on before, now remembered as passed on. */
  takeUnseen(page: readonly T[]): T[] {
    const unseen: T[] = [];
    for (const entry of page) {
      if (!this.passedOn.has(entry.id)) {
        this.passedOn.set(entry.id, entry.created);
        unseen.push(entry);
        if (entry.created !== undefined && entry.created > this.newest) {
          this.newest = entry.created;
        }
      }
    }
    return unseen;
  }

  /** @internal The poll ended: caught up (no resume) or stopped at its cap. Forgets ids no request can bring back. */
  finish(resume: Resume | undefined): void {
    this.resume = resume;
    const earliest = resume?.start ?? Math.max(this.options.since, this.newest - this.overlapMs);
    for (const [id, created] of this.passedOn) {
      if (created !== undefined && created < earliest) {
        this.passedOn.delete(id);
      }
    }
    for (const id of this.passedOn.keys()) {
      if (this.passedOn.size <= this.maxRemembered) {
        break;
      }
      this.passedOn.delete(id);
    }
  }
}

/** One poll of one log: the pages to request, oldest first, until caught up, at the cap, or stuck. */
export class PollRun<T extends Timed> {
  private request: WindowRequest | undefined;
  private pages = 0;
  private previousIds: string | undefined;
  /** Set when this poll stopped at its page cap: there is more, the next poll continues. */
  behind = false;
  /** Set when the server's pages made no progress (repeated, or outside the window asked for). */
  warning: string | undefined;

  constructor(private readonly window: PollWindow<T>, private readonly limits: PollLimits, from: Resume) {
    this.request = windowRequest(from, limits.pageSize);
  }

  /** The next page to ask for; undefined once the poll is over. */
  next(): WindowRequest | undefined {
    return this.request;
  }

  /** The page answering next()'s request; returns its entries not passed on before, oldest first. */
  accept(page: readonly T[]): T[] {
    const request = this.request;
    if (!request) {
      throw new Error('accept() after the poll ended');
    }
    this.pages++;
    const start = Date.parse(request.startDate);
    if (page.some(({ created }) => created !== undefined && created < start)) {
      this.end(undefined, l10n.t('ExaVault sent entries older than the time asked for; stopped reading them until the next check.'));
      return [];
    }
    const ids = page.map(({ id }) => id).join(',');
    if (page.length > 0 && ids === this.previousIds) {
      this.end(undefined, repeatedPageWarning());
      return [];
    }
    this.previousIds = ids;
    const unseen = this.window.takeUnseen(page);
    if (page.length < this.limits.pageSize) {
      this.end(undefined, undefined);
      return unseen;
    }
    const following = followingPage(request, start, page);
    if (this.pages >= this.limits.maxPages) {
      this.behind = true;
      this.end(following, undefined);
    } else {
      this.request = windowRequest(following, this.limits.pageSize);
    }
    return unseen;
  }

  private end(resume: Resume | undefined, warning: string | undefined): void {
    this.request = undefined;
    this.warning = warning;
    this.window.finish(resume);
  }
}

/**
 * After a full page: from the time of its newest entry, skipping those of that very time already read
 * (ascending order puts them first). A page without times goes on by offset from the same start.
 */
function followingPage(request: WindowRequest, start: number, page: readonly Timed[]): Resume {
  const last = page.findLast(({ created }) => created !== undefined)?.created;
  if (last === undefined) {
    return { start, offset: request.offset + page.length };
  }
  const atLast = page.filter(({ created }) => created === last).length;
  return { start: last, offset: (last === start ? request.offset : 0) + atLast };
}

function windowRequest(from: Resume, limit: number): WindowRequest {
  return { startDate: new Date(from.start).toISOString(), offset: from.offset, limit, sort: POLL_SORT };
}
