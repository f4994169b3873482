import * as l10n from '@vscode/l10n';
import { ExaVaultError } from './errors';
import { ExaVaultHttp, type BytesOptions, type Credentials, type HttpOptions, type QueryValue, type RateLimitState } from './http';
import type { Resource, SessionEntry, WebhookCall } from './models';
import { normalizeResource, normalizeSession, normalizeWebhook } from './normalize';
import { pageThrough, type Page, type PagedQuery } from './paging';
import { addStageTime, stageTiming } from './stageTimes';
import type { AccountResponse, ListResponse, ResourceListResponse, ResourceResponse, SessionEntryWire, SessionQuery, WebhookEntryWire, WebhookQuery } from './wire';

export interface ClientOptions extends HttpOptions {
  /** Entries per request when paging; ExaVault documents no maximum, its samples use 100 and 200. */
  pageSize?: number;
  /** Pages fetched at once when paging (1: one after the other). */
  prefetch?: number;
}

export interface PageOptions {
  pageSize?: number;
  prefetch?: number;
  signal?: AbortSignal;
}

export interface AccountInfo {
  accountName: string;
  attributes: Record<string, unknown>;
}

/** Children per /resources/list call: other v2 lists cap pages at 100 (API-NOTES.md). */
const RESOURCE_PAGE_SIZE = 100;

export interface ListResourcesOptions {
  offset?: number;
  limit?: number;
  signal?: AbortSignal;
}

export interface ResourcePage {
  resources: Resource[];
  /** How many children the folder has, when ExaVault says. */
  totalResults: number | undefined;
}

export interface ActivityResult<T> {
  entries: T[];
  returnedResults: number;
}

/** ExaVault's v2 API for one account: the account check, both activity logs, and reading its files. */
export class ExaVaultClient {
  private readonly http: ExaVaultHttp;

  constructor(baseUrl: URL, credentials: Credentials, private readonly options: ClientOptions = {}) {
    this.http = new ExaVaultHttp(baseUrl, credentials, options);
  }

  get baseUrl(): URL {
    return this.http.baseUrl;
  }

  /** X-RateLimit-* of the last response: what is left of the account's daily allowance. */
  get rateLimit(): RateLimitState | undefined {
    return this.http.rateLimit;
  }

  dispose(): void {
    this.http.dispose();
  }

  /** The cheap credential check: the account's name, or an invalidCredentials error. */
  async getAccount(signal?: AbortSignal): Promise<AccountInfo> {
    const body = await this.http.get<AccountResponse>('/account', {}, signal);
    const attributes = body.data?.attributes;
    if (!attributes || typeof attributes.accountName !== 'string') {
      throw unexpectedShape();
    }
    return { accountName: attributes.accountName, attributes };
  }

  async getSessionActivity(query: SessionQuery = {}, signal?: AbortSignal): Promise<ActivityResult<SessionEntry>> {
    const body = await this.list<SessionEntryWire>('/activity/session', query, signal);
    return { entries: normalized(body.data, normalizeSession), returnedResults: body.returnedResults };
  }

  async getWebhookActivity(query: WebhookQuery = {}, signal?: AbortSignal): Promise<ActivityResult<WebhookCall>> {
    const body = await this.list<WebhookEntryWire>('/activity/webhooks', query, signal);
    return { entries: normalized(body.data, normalizeWebhook), returnedResults: body.returnedResults };
  }

  /** POST /webhooks/resend/{id}: the listener receives the logged call again. Never retried. */
  async resendWebhook(activityId: number, signal?: AbortSignal): Promise<void> {
    await this.http.post<unknown>(`/webhooks/resend/${encodeURIComponent(String(activityId))}`, signal);
  }

  /** GET /resources: a file's or folder's metadata; a notFound error when nothing is at `path`. */
  async getResource(path: string, signal?: AbortSignal): Promise<Resource> {
    const body = await this.atPath(path, () => this.http.get<ResourceResponse>('/resources', { resource: path }, signal));
    if (typeof body.data?.attributes !== 'object' || body.data.attributes === null) {
      throw unexpectedShape();
    }
    return normalizeResource(body.data);
  }

  /** GET /resources/list: one page of a folder's children, in ExaVault's order (folders first, then by name). */
  async listResources(path: string, options: ListResourcesOptions = {}): Promise<ResourcePage> {
    const query = { resource: path, offset: options.offset, limit: options.limit };
    const body = await this.atPath(path, () => this.http.get<ResourceListResponse>('/resources/list', query, options.signal));
    if (!Array.isArray(body.data)) {
      throw unexpectedShape();
    }
    return { resources: body.data.map((wire) => normalizeResource(wire, path)), totalResults: typeof body.totalResults === 'number' ? body.totalResults : undefined };
  }

  /** Every child of a folder, a page at a time (one call each) until the count is reached or a page comes back short. */
  async listAllResources(path: string, options: { pageSize?: number; signal?: AbortSignal } = {}): Promise<Resource[]> {
    const limit = options.pageSize ?? RESOURCE_PAGE_SIZE;
    const found = new Map<string, Resource>();
    for (let offset = 0; ;) {
      const { resources, totalResults } = await this.listResources(path, { offset, limit, signal: options.signal });
      const before = found.size;
      resources.forEach((resource) => found.set(resource.path, resource));
      offset += resources.length;
      // A server may cap pages below `limit`: the count, when given, says whether more are left. A page
      // with nothing new ends it too (a proxy ignoring offset would loop).
      const more = totalResults !== undefined ? found.size < totalResults : resources.length === limit;
      if (!more || found.size === before) {
        return [...found.values()];
      }
    }
  }

  /** GET /resources/download of one file: its bytes, with progress, a size cap (a tooLarge error) and cancellation. */
  download(path: string, options: BytesOptions = {}): Promise<Uint8Array> {
    return this.atPath(path, () => this.http.getBytes('/resources/download', { 'resources[]': path }, options));
  }

  /** Every session entry the query selects, a page at a time, newest first unless `sort` says otherwise. */
  sessionPages(query: SessionQuery = {}, options: PageOptions = {}): AsyncGenerator<Page<SessionEntry>> {
    return this.pages(query, options, (q, signal) => this.getSessionActivity(q, signal));
  }

  webhookPages(query: WebhookQuery = {}, options: PageOptions = {}): AsyncGenerator<Page<WebhookCall>> {
    return this.pages(query, options, (q, signal) => this.getWebhookActivity(q, signal));
  }

  private pages<Q extends PagedQuery, T extends SessionEntry | WebhookCall>(
    query: Q,
    options: PageOptions,
    fetch: (query: Q, signal: AbortSignal) => Promise<ActivityResult<T>>,
  ): AsyncGenerator<Page<T>> {
    const pageSize = options.pageSize ?? this.options.pageSize ?? 100;
    return pageThrough(
      async (request, signal) => (await fetch({ ...query, ...request }, signal)).entries,
      query,
      { pageSize, prefetch: options.prefetch ?? this.options.prefetch ?? 1, signal: options.signal, startDate: query.startDate },
    );
  }

  /** Runs a call about `path`, naming the path when ExaVault says there is nothing there. */
  private async atPath<T>(path: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ExaVaultError && error.kind === 'notFound') {
        throw new ExaVaultError('notFound', l10n.t('There is no file or folder {0} in this ExaVault account. It may have been deleted, moved or renamed.', path), error.details);
      }
      throw error;
    }
  }

  private async list<T>(path: string, query: object, signal: AbortSignal | undefined): Promise<ListResponse<T>> {
    const body = await this.http.get<ListResponse<T>>(path, query as Record<string, QueryValue>, signal);
    if (!Array.isArray(body.data)) {
      throw unexpectedShape();
    }
    return { ...body, returnedResults: typeof body.returnedResults === 'number' ? body.returnedResults : body.data.length };
  }
}

/** A page's wire entries as models (timed as the load's normalising stage when stage times are taken). */
function normalized<W, T>(wire: readonly W[], normalize: (entry: W) => T): T[] {
  const startedAt = stageTiming ? performance.now() : 0;
  const entries = wire.map(normalize);
  if (stageTiming) {
    addStageTime('normalize', startedAt);
  }
  return entries;
}

function unexpectedShape(): ExaVaultError {
  return new ExaVaultError('badResponse', l10n.t('ExaVault\'s answer did not have the expected shape. Check that the URL is an ExaVault API address.'));
}
