import * as l10n from '@vscode/l10n';
import { ExaVaultError } from './errors';
import { ExaVaultHttp, type Credentials, type HttpOptions, type QueryValue, type RateLimitState } from './http';
import type { SessionEntry, WebhookCall } from './models';
import { normalizeSession, normalizeWebhook } from './normalize';
import { pageThrough, type Page, type PagedQuery } from './paging';
import type { AccountResponse, ListResponse, SessionEntryWire, SessionQuery, WebhookEntryWire, WebhookQuery } from './wire';

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

export interface ActivityResult<T> {
  entries: T[];
  returnedResults: number;
}

/** ExaVault's v2 API for one account: the account check and both activity logs. */
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
    return { entries: body.data.map(normalizeSession), returnedResults: body.returnedResults };
  }

  async getWebhookActivity(query: WebhookQuery = {}, signal?: AbortSignal): Promise<ActivityResult<WebhookCall>> {
    const body = await this.list<WebhookEntryWire>('/activity/webhooks', query, signal);
    return { entries: body.data.map(normalizeWebhook), returnedResults: body.returnedResults };
  }

  /** POST /webhooks/resend/{id}: the listener receives the logged call again. Never retried. */
  async resendWebhook(activityId: number, signal?: AbortSignal): Promise<void> {
    await this.http.post<unknown>(`/webhooks/resend/${encodeURIComponent(String(activityId))}`, signal);
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
      { pageSize, prefetch: options.prefetch ?? this.options.prefetch ?? 1, signal: options.signal },
    );
  }

  private async list<T>(path: string, query: object, signal: AbortSignal | undefined): Promise<ListResponse<T>> {
    const body = await this.http.get<ListResponse<T>>(path, query as Record<string, QueryValue>, signal);
    if (!Array.isArray(body.data)) {
      throw unexpectedShape();
    }
    return { ...body, returnedResults: typeof body.returnedResults === 'number' ? body.returnedResults : body.data.length };
  }
}

function unexpectedShape(): ExaVaultError {
  return new ExaVaultError('badResponse', l10n.t('ExaVault\'s answer did not have the expected shape. Check that the URL is an ExaVault API address.'));
}
