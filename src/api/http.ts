import * as http from 'node:http';
import * as https from 'node:https';
import * as l10n from '@vscode/l10n';
import fetch, { type Response } from 'node-fetch';
import { ExaVaultError, errorForResponse, redact } from './errors';

export interface Credentials {
  apiKey: string;
  accessToken: string;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the response that said so arrived. */
  at: Date;
}

export interface HttpOptions {
  /** Per request, not per paged query. */
  timeoutMs?: number;
  /** Connections kept open per host; also bounds the requests in flight. */
  maxSockets?: number;
  /** Retries of a GET after 500, 502, 503, 504 or a dropped connection. */
  serverRetries?: number;
  /** First backoff after a server error; doubles each time, with jitter. */
  backoffMs?: number;
  /** A 429 is waited out and retried only if the wait is at most this long. */
  maxRateLimitWaitMs?: number;
  rateLimitRetries?: number;
  onRateLimit?: (state: RateLimitState) => void;
}

export type QueryValue = string | number | undefined;

export interface BytesOptions {
  signal?: AbortSignal;
  /** Refuse a body larger than this (ExaVaultError 'tooLarge'). */
  maxBytes?: number;
  /** Bytes received so far, and the total when the server announced it; from 0 again if a retry starts over. */
  onProgress?: (received: number, total: number | undefined) => void;
}

const RETRIABLE_STATUS = new Set([500, 502, 503, 504]);
const MAX_SAME_ORIGIN_REDIRECTS = 5;

/**
 * Requests to one ExaVault account: credentials in headers, keep-alive connections, a timeout
 * per request, bounded retries, and redirects followed only within the account's own origin, so the
 * API key and access token never reach another host (node-fetch would forward them).
 */
export class ExaVaultHttp {
  private readonly agent: http.Agent;
  private readonly secrets: string[];
  private lastRateLimit: RateLimitState | undefined;

  constructor(readonly baseUrl: URL, private readonly credentials: Credentials, private readonly options: HttpOptions = {}) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 6 };
    this.agent = baseUrl.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.secrets = [credentials.apiKey, credentials.accessToken];
  }

  get rateLimit(): RateLimitState | undefined {
    return this.lastRateLimit;
  }

  dispose(): void {
    this.agent.destroy();
  }

  /** A GET, retried within bounds after a server error, a dropped connection or a short 429. */
  get<T>(path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T> {
    return this.retried(() => this.requestOnce<T>('GET', path, query, signal), signal);
  }

  /**
   * A GET whose answer is bytes (a download), retried as get() is. The timeout applies to each wait
   * for data, not to the whole download. Past `maxBytes` it stops reading (before reading, when the
   * server announces the length) and throws a tooLarge error.
   */
  getBytes(path: string, query: Record<string, QueryValue>, options: BytesOptions = {}): Promise<Uint8Array> {
    const read = (response: Response, stillReceiving: () => void) => readBytes(response, options, stillReceiving);
    return this.retried(() => this.requestOnce('GET', path, query, options.signal, read), options.signal);
  }

  private async retried<T>(attempt: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    let serverFailures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ExaVaultError)) {
          throw error;
        }
        const retriable = error.kind === 'server' || error.kind === 'network'
          || (error.kind === 'badResponse' && error.status !== undefined && RETRIABLE_STATUS.has(error.status));
        if (retriable && serverFailures < (this.options.serverRetries ?? 2)) {
          const backoff = (this.options.backoffMs ?? 250) * 2 ** serverFailures;
          serverFailures++;
          await sleep(backoff / 2 + Math.random() * backoff / 2, signal);
          continue;
        }
        if (error.kind === 'rateLimited' && rateLimitWaits < (this.options.rateLimitRetries ?? 2)) {
          const wait = (error.retryAt?.getTime() ?? Date.now() + 1000) - Date.now();
          if (wait <= (this.options.maxRateLimitWaitMs ?? 10_000)) {
            rateLimitWaits++;
            await sleep(Math.max(wait, 0), signal);
            continue;
          }
        }
        throw error;
      }
    }
  }

  private url(path: string, query: Record<string, QueryValue>): URL {
    const url = new URL(this.baseUrl.href.replace(/\/$/, '') + path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        url.searchParams.set(name, String(value));
      }
    }
    return url;
  }

  /**
   * One POST, never retried: a POST may have taken effect even when its answer was lost
   * (resending a webhook twice makes the listener receive it twice).
   */
  post<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.requestOnce<T>('POST', path, {}, signal);
  }

  /** One request; a successful answer is JSON, or whatever `readOk` makes of it (it calls `stillReceiving` as data arrives). */
  private async requestOnce<T>(method: 'GET' | 'POST', path: string, query: Record<string, QueryValue>, signal: AbortSignal | undefined,
    readOk?: (response: Response, stillReceiving: () => void) => Promise<T>): Promise<T> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let url = this.url(path, query);
    for (let hop = 0; ; hop++) {
      // One controller for the caller's cancel and the timeout (cheaper per request than AbortSignal.any,
      // which also keeps every combined signal alive as long as the caller's lives).
      const request = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        request.abort();
      }, timeoutMs);
      const cancel = () => request.abort();
      signal?.addEventListener('abort', cancel, { once: true });
      if (signal?.aborted) {
        request.abort();
      }
      let response: Response;
      let text: string;
      let read: T;
      try {
        response = await fetch(url.href, {
          method,
          headers: {
            'ev-api-key': this.credentials.apiKey,
            'ev-access-token': this.credentials.accessToken,
            accept: 'application/json',
          },
          redirect: 'manual',
          agent: this.agent,
          signal: request.signal,
        });
        this.noteRateLimit(response);
        if (response.status >= 300 && response.status < 400) {
          await response.arrayBuffer().catch(() => undefined);
        } else if (readOk && response.ok) {
          read = await readOk(response, () => timer.refresh());
        } else {
          text = await response.text();
        }
      } catch (error) {
        if (error instanceof ExaVaultError) {
          request.abort(); // stop receiving what will not be used
          throw error;
        }
        throw this.transportError(error, url, signal, timedOut, timeoutMs);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
      }
      if (response.status >= 300 && response.status < 400) {
        url = this.redirectTarget(response, url, hop);
        continue;
      }
      return readOk && response.ok ? read! : this.parse<T>(response, text!, path);
    }
  }

  private redirectTarget(response: Response, from: URL, hop: number): URL {
    const location = response.headers.get('location');
    const target = location ? new URL(location, from) : undefined;
    if (!target || target.origin !== this.baseUrl.origin) {
      throw new ExaVaultError('redirect', l10n.t('ExaVault redirected the request to another site ({0}). The API key and access token were not sent there. Check the account URL; an account moved to Files.com needs its new API URL.', target?.host ?? l10n.t('no address')), { status: response.status });
    }
    if (hop >= MAX_SAME_ORIGIN_REDIRECTS) {
      throw new ExaVaultError('redirect', l10n.t('ExaVault redirected the request too many times. Check the account URL.'), { status: response.status });
    }
    return target;
  }

  private noteRateLimit(response: Response): void {
    const limit = Number(response.headers.get('x-ratelimit-limit') ?? NaN);
    const remaining = Number(response.headers.get('x-ratelimit-remaining') ?? NaN);
    if (Number.isFinite(limit) && Number.isFinite(remaining)) {
      this.lastRateLimit = { limit, remaining, at: new Date() };
      this.options.onRateLimit?.(this.lastRateLimit);
    }
  }

  private parse<T>(response: Response, text: string, path: string): T {
    const isHtml = /text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text);
    let body: unknown;
    let parsed = false;
    if (!isHtml) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        // Judged below: a failed status keeps its meaning even with an unreadable body.
      }
    }
    if (response.ok) {
      if (!parsed || typeof body !== 'object' || body === null) {
        throw new ExaVaultError('badResponse', isHtml
          ? l10n.t('ExaVault answered with a web page instead of data (a proxy or a sign-in page). Check the account URL.')
          : l10n.t('ExaVault sent an incomplete or malformed answer. Try again; if it persists, the service may be having trouble.'), { status: response.status });
      }
      return body as T;
    }
    throw errorForResponse({ status: response.status, path, body, isHtml, retryAt: retryAt(response) }, this.secrets);
  }

  private transportError(error: unknown, url: URL, signal: AbortSignal | undefined, timedOut: boolean, timeoutMs: number): ExaVaultError {
    if (signal?.aborted) {
      return new ExaVaultError('cancelled', l10n.t('The request was cancelled.'));
    }
    if (timedOut) {
      return new ExaVaultError('timeout', l10n.t('ExaVault did not answer within {0} seconds. Check the connection, or try again later.', Number((timeoutMs / 1000).toFixed(1))));
    }
    const code = (error as { code?: string }).code;
    const reason = redact(code ?? (error instanceof Error ? error.message : String(error)), this.secrets);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new ExaVaultError('network', l10n.t('Could not find {0}. Check the account name or URL, and the network connection.', url.host), { code });
    }
    return new ExaVaultError('network', l10n.t('Could not reach ExaVault at {0} ({1}). Check the network connection, then try again.', url.host, reason), { code });
  }
}

/** A successful answer's body as bytes, checked against `maxBytes` and the announced length. */
async function readBytes(response: Response, options: BytesOptions, stillReceiving: () => void): Promise<Uint8Array> {
  const header = response.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  const maxBytes = options.maxBytes ?? Infinity;
  if (total !== undefined && total > maxBytes) {
    throw tooLarge(total, maxBytes);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  options.onProgress?.(0, total);
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    stillReceiving();
    received += chunk.length;
    if (received > maxBytes) {
      throw tooLarge(received, maxBytes);
    }
    chunks.push(chunk);
    options.onProgress?.(received, total);
  }
  if (total !== undefined && received !== total) {
    throw new ExaVaultError('badResponse', l10n.t('ExaVault sent {0} of the {1} bytes it announced. Try again.', received, total), { status: response.status });
  }
  return Buffer.concat(chunks);
}

function tooLarge(bytes: number, maxBytes: number): ExaVaultError {
  const size = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
  return new ExaVaultError('tooLarge', l10n.t('The file ({0}) is larger than the download limit ({1}).', size(bytes), size(maxBytes)), { bytes });
}

/** Retry-After, in seconds or as an HTTP date. */
function retryAt(response: Response): Date | undefined {
  const header = response.headers.get('retry-after');
  if (!header) {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return new Date(Date.now() + seconds * 1000);
  }
  const date = new Date(header);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ExaVaultError('cancelled', l10n.t('The request was cancelled.')));
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new ExaVaultError('cancelled', l10n.t('The request was cancelled.')));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
