import * as l10n from '@vscode/l10n';

export interface PageRequest {
  offset: number;
  limit: number;
  endDate: string | undefined;
  /** Always sent: the API documents no default order. */
  sort: string;
}

export interface Page<T> {
  /** New entries only: an entry seen on an earlier page is not repeated. */
  entries: T[];
  /** Entries the server sent for this page, repeats included: fewer than the page size means the end. */
  received: number;
  /** Requests this paging has sent so far. */
  requests: number;
  /** Set on the last page when paging stopped because it made no progress (the server repeated itself, or worse). */
  warning?: string;
}

export interface PagingOptions {
  pageSize: number;
  /** The window's start, when the query has one: an entry older than it is outside what was asked for. */
  startDate?: string;
  /** Pages requested at once; 1 pages one after the other. */
  prefetch?: number;
  signal?: AbortSignal;
}

interface Dated {
  id: number;
  /** Milliseconds since the epoch. */
  created: number | undefined;
}

type FetchPage<T> = (request: PageRequest, signal: AbortSignal) => Promise<T[]>;

/** The query fields paging works with; the rest of the query passes through untouched. */
export interface PagedQuery {
  offset?: number;
  startDate?: string;
  endDate?: string;
  sort?: string;
}

/** The order paging relies on unless the query asks for another; sent on every request, since the API promises no default. */
export const NEWEST_FIRST = '-date';

const sortsNewestFirst = (sort: string) => sort.split(',')[0]?.trim() === NEWEST_FIRST;

/** What the user reads when a page brought only entries already loaded. */
export const repeatedPageWarning = (): string =>
  l10n.t('ExaVault sent a page of entries already loaded; stopped loading so as not to repeat them. The list may be incomplete.');

/**
 * Newest first, this many full pages in a row that bring nothing older than the page before mean the
 * cursor is stuck (a server sending new ids at the same time forever). Entries are logged to the
 * second, so a real burst in one second fills a few pages, never this many.
 */
export const STUCK_PAGES = 50;

/**
 * Pages through an activity endpoint, which reports no total: it ends on a short or empty page.
 *
 * Newest-first pages drift while entries arrive, so offsets alone repeat or skip entries. Instead:
 * - one page at a time, each next page asks for entries up to the oldest time already loaded
 *   (`endDate`), skipping (`offset`) those of that very time already seen;
 * - with prefetch, the first page pins the window (`endDate` = its newest entry) and the following
 *   pages are fetched by offset within it, several at once.
 * Either way entries are deduplicated by id, and paging that makes no progress ends with a warning,
 * so a server or proxy that ignores the offset or the window cannot make it loop: a page that brings
 * nothing new, a page with entries outside the window asked for, a cursor that does not move, or
 * (newest first) STUCK_PAGES full pages in a row with nothing older.
 */
export async function* pageThrough<T extends Dated>(fetchPage: FetchPage<T>, query: PagedQuery, options: PagingOptions): AsyncGenerator<Page<T>> {
  const limit = options.pageSize;
  const prefetch = Math.max(1, Math.floor(options.prefetch ?? 1));
  const controller = new AbortController();
  const abortFromCaller = () => controller.abort();
  options.signal?.addEventListener('abort', abortFromCaller, { once: true });
  if (options.signal?.aborted) {
    controller.abort();
  }
  const seen = new Set<number>();
  let requests = 0;
  const fetchCounted = (request: PageRequest) => {
    requests++;
    return fetchPage(request, controller.signal);
  };
  const fresh = (entries: T[]) => {
    const unseen: T[] = [];
    for (const entry of entries) {
      if (!seen.has(entry.id)) {
        seen.add(entry.id);
        unseen.push(entry);
      }
    }
    return unseen;
  };
  const outside = () => l10n.t('ExaVault sent entries outside the time range asked for; stopped loading. The list may be incomplete.');
  const stuck = () => l10n.t('ExaVault kept sending new entries of the same time without going further back; stopped after {0} such pages. The list may be incomplete.', STUCK_PAGES);
  const sort = query.sort || NEWEST_FIRST;
  const byDate = sortsNewestFirst(sort);
  const windowStart = options.startDate === undefined ? -Infinity : Date.parse(options.startDate);
  // Newest first: how many full pages in a row brought nothing older than the oldest time seen.
  let oldestSeen = Infinity;
  let pagesWithNothingOlder = 0;
  /** Why this page (fetched up to `endDate`) shows the paging makes no progress, if it does. */
  const noProgress = (page: T[], endDate: string | undefined): string | undefined => {
    const windowEnd = endDate === undefined ? Infinity : Date.parse(endDate);
    if (page.some(({ created }) => created !== undefined && (created > windowEnd || created < windowStart))) {
      return outside();
    }
    if (!byDate || page.length < limit) {
      return undefined;
    }
    const oldest = page.reduce((min, { created }) => (created === undefined ? min : Math.min(min, created)), Infinity);
    pagesWithNothingOlder = oldest < oldestSeen ? 0 : pagesWithNothingOlder + 1;
    oldestSeen = Math.min(oldestSeen, oldest);
    return pagesWithNothingOlder >= STUCK_PAGES ? stuck() : undefined;
  };

  try {
    // Other sorts cannot follow a time cursor; pin the window to now so offsets stay put.
    const pinned = query.endDate ?? (byDate ? undefined : new Date().toISOString());
    const first = await fetchCounted({ offset: query.offset ?? 0, limit, endDate: pinned, sort });
    const warning = noProgress(first, pinned);
    yield { entries: fresh(first), received: first.length, requests, ...(warning ? { warning } : {}) };
    if (first.length < limit || warning) {
      return;
    }
    if (prefetch > 1 || !byDate) {
      const newest = first[0]?.created;
      const window = pinned ?? (newest === undefined ? undefined : new Date(newest).toISOString());
      yield* offsetPages(first.length + (query.offset ?? 0), window);
    } else {
      yield* cursorPages(first);
    }
  } finally {
    options.signal?.removeEventListener('abort', abortFromCaller);
    controller.abort();
  }

  async function* cursorPages(firstPage: T[]): AsyncGenerator<Page<T>> {
    // How many distinct entries of the oldest time are loaded: the next window skips exactly those.
    let oldest: number | undefined;
    let loadedAtOldest = 0;
    const advance = (entries: T[]) => {
      for (const { created } of entries) {
        if (created !== undefined && created === oldest) {
          loadedAtOldest++;
        } else {
          oldest = created;
          loadedAtOldest = 1;
        }
      }
    };
    advance(firstPage);
    let previous: string | undefined;
    for (;;) {
      if (oldest === undefined) {
        // No date to follow: plain offsets for the rest.
        yield* offsetPages(seen.size + (query.offset ?? 0), query.endDate);
        return;
      }
      const request = { offset: loadedAtOldest, limit, endDate: new Date(oldest).toISOString(), sort };
      const key = `${request.endDate} ${request.offset}`;
      if (key === previous) {
        yield { entries: [], received: 0, requests, warning: repeatedPageWarning() };
        return;
      }
      previous = key;
      const page = await fetchCounted(request);
      const entries = fresh(page);
      const warning = page.length > 0 && entries.length === 0 ? repeatedPageWarning() : noProgress(page, request.endDate);
      if (warning) {
        advance(entries);
        yield { entries, received: page.length, requests, warning };
        return;
      }
      advance(entries);
      yield { entries, received: page.length, requests };
      if (page.length < limit) {
        return;
      }
    }
  }

  async function* offsetPages(startOffset: number, endDate: string | undefined): AsyncGenerator<Page<T>> {
    const inFlight = new Map<number, Promise<T[]>>();
    let nextToSend = 0;
    let nextToYield = 0;
    let ended = false;
    for (;;) {
      while (!ended && inFlight.size < prefetch) {
        const promise = fetchCounted({ offset: startOffset + nextToSend * limit, limit, endDate, sort });
        promise.catch(() => undefined); // awaited in order below; an unawaited failure after the end is moot
        inFlight.set(nextToSend++, promise);
      }
      const pending = inFlight.get(nextToYield);
      if (!pending) {
        return;
      }
      const page = await pending;
      inFlight.delete(nextToYield++);
      if (page.length < limit) {
        ended = true;
      }
      const entries = fresh(page);
      const warning = page.length > 0 && entries.length === 0 ? repeatedPageWarning() : noProgress(page, endDate);
      if (warning) {
        yield { entries, received: page.length, requests, warning };
        return;
      }
      yield { entries, received: page.length, requests };
      if (ended) {
        return;
      }
    }
  }
}
