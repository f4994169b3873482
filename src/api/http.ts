import * as http from 'node:http';
import * as https from 'node:https';
import * as l10n from '@vscode/l10n';
import { REDIRECT_BODY_BYTES, Transfer, bytesReader, jsonBodyLimit, jsonLimits, receive, seconds, type BodyReader, type BytesOptions } from './bodies';
import { ExaVaultError, errorForResponse, redact, type FailedResponse } from './errors';
import { addStageTime, stageTiming } from './stageTimes';
import { exchange, type Answer } from './transport';

export type { BytesOptions } from './bodies';

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
  /**
   * Per request, not per paged query: the wait for an answer, and for a JSON answer all of it. For a
   * download, each wait for more data (BytesOptions.totalTimeoutMs bounds all of it).
   */
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
  /**
   * Told one line per request sent (each attempt and redirect hop): method, path and query, status,
   * milliseconds, bytes, the allowance left and which retry it was. Never a credential: they travel
   * in headers, which are not logged, and a query value holding one is scrubbed. The extension
   * passes its output channel's `debug`.
   */
  log?: (line: string) => void;
}

export type QueryValue = string | number | undefined;


const RETRIABLE_STATUS = new Set([500, 502, 503, 504]);
const MAX_SAME_ORIGIN_REDIRECTS = 5;

/**
 * Requests to one ExaVault account: credentials in headers, keep-alive connections, a timeout
 * per request, bounded retries, and redirects followed only within the account's own origin, so the
 * API key and access token never reach another host.
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
    return this.retried((retry) => this.requestOnce<T>('GET', path, query, signal, retry), signal);
  }

  /**
   * A GET whose answer is bytes (a download), retried as get() is. The timeout applies to each wait
   * for data, and `totalTimeoutMs` to the whole transfer. Past `maxBytes` it stops reading (before
   * reading, when the server announces the length) and throws a tooLarge error.
   */
  getBytes(path: string, query: Record<string, QueryValue>, options: BytesOptions = {}): Promise<Uint8Array> {
    const reader = bytesReader(options, this.options.timeoutMs ?? 30_000);
    return this.retried((retry) => this.requestOnce('GET', path, query, options.signal, retry, reader), options.signal);
  }

  /** Runs `attempt` (told how many retries came before it) until it succeeds or a failure is final. */
  private async retried<T>(attempt: (retry: number) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    let serverFailures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      try {
        return await attempt(serverFailures + rateLimitWaits);
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
    return this.requestOnce<T>('POST', path, {}, signal, 0);
  }

  /**
   * One request (the `retry`-th after the first); a successful answer is JSON, or whatever `reader`
   * makes of it. Every body is read within bounds (see receive), and each hop is logged.
   */
  private async requestOnce<T>(method: 'GET' | 'POST', path: string, query: Record<string, QueryValue>, signal: AbortSignal | undefined,
    retry: number, reader?: BodyReader<T>): Promise<T> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const maxJsonBytes = jsonBodyLimit(query);
    let url = this.url(path, query);
    for (let hop = 0; ; hop++) {
      // One controller for the caller's cancel and the deadlines (cheaper per request than AbortSignal.any,
      // which also keeps every combined signal alive as long as the caller's lives).
      const transfer = new Transfer(timeoutMs, reader?.totalMs, reader !== undefined, signal);
      let response: Answer | undefined;
      let failure: ExaVaultError | undefined;
      let text: string;
      let read: T;
      try {
        response = await exchange(url, {
          method,
          headers: {
            'ev-api-key': this.credentials.apiKey,
            'ev-access-token': this.credentials.accessToken,
            // A download's answer is the file (octet-stream, or a zip for several); a strict server refuses
            // it to a client that accepts JSON alone. Errors still come as JSON.
            accept: reader ? 'application/octet-stream, application/zip, application/json;q=0.5' : 'application/json',
            'accept-encoding': 'gzip',
          },
          agent: this.agent,
          signal: transfer.signal,
        });
        transfer.answered();
        this.noteRateLimit(response);
        if (response.status >= 300 && response.status < 400) {
          const status = response.status;
          await receive(response, transfer, jsonLimits(REDIRECT_BODY_BYTES, status)).catch(() => transfer.abort());
        } else if (reader && response.ok) {
          read = await reader.read(response, transfer);
        } else {
          text = new TextDecoder().decode(await receive(response, transfer, jsonLimits(maxJsonBytes, response.status)));
        }
      } catch (error) {
        failure = error instanceof ExaVaultError ? error : this.transportError(error, url, signal, transfer);
        transfer.abort(); // stop receiving what will not be used
        throw failure;
      } finally {
        transfer.end();
        this.logRequest(method, url, response, transfer, retry, failure);
      }
      if (response.status >= 300 && response.status < 400) {
        url = this.redirectTarget(response, url, hop);
        continue;
      }
      return reader && response.ok ? read! : this.parse<T>(response, text!, path);
    }
  }

  /** One line for the log: what was asked (no credential in it) and what came back. */
  private logRequest(method: string, url: URL, response: Answer | undefined, transfer: Transfer, retry: number, failure: ExaVaultError | undefined): void {
    const log = this.options.log;
    if (!log) {
      return;
    }
    const ms = Math.round(transfer.elapsedMs());
    let line = `${method} ${this.describeTarget(url)} → `;
    if (response) {
      line += `${response.status} in ${ms} ms, ${transfer.decoded} bytes`;
      if (transfer.encoded !== transfer.decoded) {
        line += ` (${transfer.encoded} on the wire)`;
      }
      const remaining = response.headers.get('x-ratelimit-remaining');
      if (remaining !== null && /^\d+$/.test(remaining)) {
        line += `, allowance left ${remaining}`;
      }
      if (failure) {
        line += `, failed: ${failure.kind}`;
      }
    } else {
      line += `${failure?.kind ?? 'failed'} after ${ms} ms`;
    }
    if (retry > 0) {
      line += `, retry ${retry}`;
    }
    try {
      log(line);
    } catch {
      // A log that fails must not fail the request.
    }
  }

  /**
   * The path (below the API's base) and query of `url`, readable (not percent-encoded), with any
   * credential a query value holds scrubbed and control characters escaped (a name with a line break
   * cannot forge a log line).
   */
  private describeTarget(url: URL): string {
    const base = this.baseUrl.pathname.replace(/\/$/, '');
    const pathname = base && url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : url.pathname;
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      path = pathname;
    }
    const query = [...url.searchParams].map(([name, value]) => `${name}=${value}`).join('&');
    return redact(query ? `${path}?${query}` : path, this.secrets)
      .replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }

  private redirectTarget(response: Answer, from: URL, hop: number): URL {
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

  private noteRateLimit(response: Answer): void {
    const limit = Number(response.headers.get('x-ratelimit-limit') ?? NaN);
    const remaining = Number(response.headers.get('x-ratelimit-remaining') ?? NaN);
    if (Number.isFinite(limit) && Number.isFinite(remaining)) {
      this.lastRateLimit = { limit, remaining, at: new Date() };
      this.options.onRateLimit?.(this.lastRateLimit);
    }
  }

  private parse<T>(response: Answer, text: string, path: string): T {
    const isHtml = /text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text);
    let body: unknown;
    let parsed = false;
    if (!isHtml) {
      try {
        const startedAt = stageTiming ? performance.now() : 0;
        body = JSON.parse(text);
        parsed = true;
        if (stageTiming) {
          addStageTime('parse', startedAt);
        }
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
    throw errorForResponse({ status: response.status, path, body, isHtml, ...retryAfter(response) }, this.secrets);
  }

  private transportError(error: unknown, url: URL, signal: AbortSignal | undefined, transfer: Transfer): ExaVaultError {
    if (signal?.aborted) {
      return new ExaVaultError('cancelled', l10n.t('The request was cancelled.'));
    }
    switch (transfer.expired) {
      case 'answer':
        return new ExaVaultError('timeout', l10n.t('ExaVault did not answer within {0} seconds. Check the connection, or try again later.', seconds(transfer.waitMs)));
      case 'idle':
        return new ExaVaultError('timeout', l10n.t('ExaVault stopped sending for {0} seconds, so the download was stopped. Check the connection, or try again later.', seconds(transfer.waitMs)));
      case 'total':
        return new ExaVaultError('timeout', l10n.t('ExaVault did not finish sending the file within {0} seconds (the time allowed for its size), so the download was stopped. Check the connection, or try again later.', seconds(transfer.totalMs ?? 0)));
      default:
        break;
    }
    const code = (error as { code?: string }).code;
    const reason = redact(code ?? (error instanceof Error ? error.message : String(error)), this.secrets);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new ExaVaultError('network', l10n.t('Could not find {0}. Check the account name or URL, and the network connection.', url.host), { code });
    }
    return new ExaVaultError('network', l10n.t('Could not reach ExaVault at {0} ({1}). Check the network connection, then try again.', url.host, reason), { code });
  }
}

/**
 * Retry-After, in seconds or as an HTTP date: when, and how long from now (exact for seconds, so a
 * caller on a clock of its own can wait that long).
 */
function retryAfter(response: Answer): Pick<FailedResponse, 'retryAt' | 'retryAfterMs'> {
  const header = response.headers.get('retry-after');
  if (!header) {
    return {};
  }
  const now = Date.now();
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return { retryAt: new Date(now + seconds * 1000), retryAfterMs: seconds * 1000 };
  }
  const date = new Date(header);
  return Number.isNaN(date.getTime()) ? {} : { retryAt: date, retryAfterMs: Math.max(0, date.getTime() - now) };
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
