// The latest /api/v2 requests with their query, so a test can tell callers apart by what they ask
// (a watch's `startDate`, say) where counts alone cannot. Bounded: a benchmark's millions of requests
// keep only the latest.

export interface LoggedRequest {
  path: string;
  query: Record<string, string>;
}

/** Requests kept; older ones are dropped first. */
export const MAX_LOGGED_REQUESTS = 10_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly max = MAX_LOGGED_REQUESTS) {}

  record(url: URL): void {
    this.entries.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    if (this.entries.length > this.max) {
      this.entries.splice(0, this.entries.length - this.max);
    }
  }

  /** Oldest first. */
  list(): LoggedRequest[] {
    return this.entries.map((entry) => ({ path: entry.path, query: { ...entry.query } }));
  }

  clear(): void {
    this.entries = [];
  }
}
