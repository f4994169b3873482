import * as l10n from '@vscode/l10n';

export interface PageRequest {
  offset: number;
  limit: number;
  endDate: string | undefined;
}

export interface Page<T> {
  /** New entries only: an entry seen on an earlier page is not repeated. */
  entries: T[];
  /** Entries the server sent for this page, repeats included: fewer than the page size means the end. */
  received: number;
  /** Requests this paging has sent so far. */
  requests: number;
  /** Set on the last page when paging stopped because the server repeated itself. */
  warning?: string;
}

export interface PagingOptions {
  pageSize: number;
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
  endDate?: string;
  sort?: string;
}

const sortsNewestFirst = (sort: string | undefined) => sort === undefined || sort === '' || sort.split(',')[0]?.trim() === '-date';

/**
 * Pages through an activity endpoint, which reports no total: it ends on a short or empty page.
 *
 * Newest-first pages drift while entries arrive, so offsets alone repeat or skip entries. Instead:
 * - one page at a time, each next page asks for entries up to the oldest time already loaded
 *   (`endDate`), skipping (`offset`) those of that very time already seen;
 * - with prefetch, the first page pins the window (`endDate` = its newest entry) and the following
 *   pages are fetched by offset within it, several at once.
 * Either way entries are deduplicated by id, and a page that brings nothing new ends the paging
 * with a warning, so a server or proxy that ignores the offset cannot make it loop.
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
  const repeated = () => l10n.t('ExaVault sent a page of entries already loaded; stopped loading so as not to repeat them. The list may be incomplete.');

  try {
    const byDate = sortsNewestFirst(query.sort);
    // Other sorts cannot follow a time cursor; pin the window to now so offsets stay put.
    const pinned = query.endDate ?? (byDate ? undefined : new Date().toISOString());
    const first = await fetchCounted({ offset: query.offset ?? 0, limit, endDate: pinned });
    yield { entries: fresh(first), received: first.length, requests };
    if (first.length < limit) {
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
    for (;;) {
      if (oldest === undefined) {
        // No date to follow: plain offsets for the rest.
        yield* offsetPages(seen.size + (query.offset ?? 0), query.endDate);
        return;
      }
      const page = await fetchCounted({ offset: loadedAtOldest, limit, endDate: new Date(oldest).toISOString() });
      const entries = fresh(page);
      if (page.length > 0 && entries.length === 0) {
        yield { entries, received: page.length, requests, warning: repeated() };
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
        const promise = fetchCounted({ offset: startOffset + nextToSend * limit, limit, endDate });
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
      if (page.length > 0 && entries.length === 0) {
        yield { entries, received: page.length, requests, warning: repeated() };
        return;
      }
      yield { entries, received: page.length, requests };
      if (ended) {
        return;
      }
    }
  }
}
