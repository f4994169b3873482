import * as http from 'node:http';
import * as https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
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

export interface BytesOptions {
  signal?: AbortSignal;
  /** Refuse a body larger than this (ExaVaultError 'tooLarge'). */
  maxBytes?: number;
  /**
   * The whole transfer, from sending the request to the last byte (a 'timeout' past it); the
   * client's timeoutMs bounds each wait for data. Default: the client's timeoutMs plus the time the
   * file takes at MIN_DOWNLOAD_BYTES_PER_SECOND (its announced length, else maxBytes).
   */
  totalTimeoutMs?: number;
  /**
   * Bytes of the file received so far, and its size when the server announced it (not when the
   * server compressed it: the announced length is then of the compressed bytes); from 0 again if a
   * retry starts over.
   */
  onProgress?: (received: number, total: number | undefined) => void;
}

const RETRIABLE_STATUS = new Set([500, 502, 503, 504]);
const MAX_SAME_ORIGIN_REDIRECTS = 5;

/*
 * How much of a JSON answer is read. The server decides a body's size; the client decides what it
 * accepts, before decompressing and after (400 KB of gzip can expand to 400 MB), and stops reading
 * past it. The bound follows the page size the request asked for (its `limit`). A session entry is
 * about half a kilobyte and a webhook call about 3 KB with its v2 details; what varies is the
 * listener's response body a webhook call carries, whose size ExaVault does not document. 64 KiB an
 * entry leaves room for a listener's whole error page in every entry of a page, and still keeps a
 * page of 1000 entries (the largest page size setting) under 65 MiB.
 */
const JSON_BYTES_PER_ENTRY = 64 * 1024;
/** The envelope of a page, and answers that are not pages (the account, a file's metadata, an error). */
const JSON_BYTES_BASE = 1024 * 1024;
/** Entries assumed when a request names no limit: a v2 list's usual page (other v2 lists cap at 100). */
const DEFAULT_PAGE_ENTRIES = 100;
/** A larger limit counts as this many entries (the page size setting's maximum): no request lifts the bound. */
const MAX_PAGE_ENTRIES = 1000;
/** A redirect's body is not used: a little is drained to keep the connection, no more. */
const REDIRECT_BODY_BYTES = 64 * 1024;
/**
 * A download slower than this overall (64 kbit/s, a poor mobile link) is given up with a 'timeout',
 * so that one that trickles forever ends: a file of 1 MB gets the request timeout plus about two
 * minutes; 50 MB, the default largest file, under two hours. Every download can also be cancelled.
 */
const MIN_DOWNLOAD_BYTES_PER_SECOND = 8 * 1024;
/** What the whole-transfer bound assumes when neither a length nor maxBytes bounds a download. */
const UNBOUNDED_DOWNLOAD_BYTES = 1024 * 1024 * 1024;
/** Longer timers fire at once in Node: the longest a bound can be. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The most bytes of JSON accepted for a request with this query (see JSON_BYTES_PER_ENTRY). */
function jsonBodyLimit(query: Record<string, QueryValue>): number {
  const limit = Number(query.limit);
  const entries = Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE_ENTRIES) : DEFAULT_PAGE_ENTRIES;
  return JSON_BYTES_BASE + entries * JSON_BYTES_PER_ENTRY;
}

/** How a successful answer's body is read, when it is not JSON (a download). */
interface BodyReader<T> {
  read(response: Response, transfer: Transfer): Promise<T>;
  /** The bound on the whole transfer; without it, timeoutMs bounds the whole request. */
  totalMs?: number;
}

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
      let response: Response | undefined;
      let failure: ExaVaultError | undefined;
      let text: string;
      let read: T;
      try {
        response = await fetch(url.href, {
          method,
          headers: {
            'ev-api-key': this.credentials.apiKey,
            'ev-access-token': this.credentials.accessToken,
            // A download's answer is the file (octet-stream, or a zip for several); a strict server refuses
            // it to a client that accepts JSON alone. Errors still come as JSON.
            accept: reader ? 'application/octet-stream, application/zip, application/json;q=0.5' : 'application/json',
            'accept-encoding': 'gzip',
          },
          redirect: 'manual',
          // Decompressed in receive(), where the bytes before and after are counted and bounded.
          compress: false,
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
  private logRequest(method: string, url: URL, response: Response | undefined, transfer: Transfer, retry: number, failure: ExaVaultError | undefined): void {
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

/** Seconds for a message, to a tenth. */
function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(1));
}

/**
 * One request's cancel (the caller's signal, or a deadline), its deadlines, and the bytes its body
 * took on the wire and after decompression. Deadlines: the wait for the answer (`waitMs`); for a
 * download, each wait for more data (`waitMs` again, from the last bytes) and the whole transfer
 * (`totalMs`, from the start); a JSON answer has `waitMs` for all of it.
 */
class Transfer {
  private readonly controller = new AbortController();
  private readonly started = performance.now();
  private readonly wait: ReturnType<typeof setTimeout>;
  private total: ReturnType<typeof setTimeout> | undefined;
  private hasAnswer = false;
  private readonly cancel = () => this.controller.abort();
  /** Which deadline passed, if one did. */
  expired: 'answer' | 'idle' | 'total' | undefined;
  totalMs: number | undefined;
  /** Body bytes as they came over the wire, and once decompressed. */
  encoded = 0;
  decoded = 0;

  constructor(readonly waitMs: number, totalMs: number | undefined, private readonly idle: boolean, private readonly callerSignal: AbortSignal | undefined) {
    this.wait = setTimeout(() => this.expire(this.hasAnswer && this.idle ? 'idle' : 'answer'), Math.min(waitMs, MAX_TIMER_MS));
    if (totalMs !== undefined) {
      this.bound(totalMs);
    }
    callerSignal?.addEventListener('abort', this.cancel, { once: true });
    if (callerSignal?.aborted) {
      this.controller.abort();
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** The answer's status and headers are in. */
  answered(): void {
    this.hasAnswer = true;
  }

  /** Bytes arrived: a download's wait for data starts again (a JSON answer's deadline stays). */
  stillReceiving(): void {
    if (this.idle) {
      this.wait.refresh();
    }
  }

  /** Ends the whole transfer `totalMs` after it started, unless it is already bound to end sooner. */
  bound(totalMs: number): void {
    if (this.totalMs !== undefined && this.totalMs <= totalMs) {
      return;
    }
    this.totalMs = totalMs;
    clearTimeout(this.total);
    const left = Math.min(Math.max(totalMs - this.elapsedMs(), 0), MAX_TIMER_MS);
    this.total = setTimeout(() => this.expire('total'), left);
  }

  abort(): void {
    this.controller.abort();
  }

  end(): void {
    clearTimeout(this.wait);
    clearTimeout(this.total);
    this.callerSignal?.removeEventListener('abort', this.cancel);
  }

  private expire(which: 'answer' | 'idle' | 'total'): void {
    this.expired ??= which;
    this.controller.abort();
  }
}

interface BodyLimits {
  /** Bytes as sent (compressed, when the server compressed them). */
  maxEncoded: number;
  /** Bytes once decompressed. */
  maxDecoded: number;
  /** The error for a body past either (`bytes`: how many were counted when reading stopped, or the announced length). */
  tooMuch: (bytes: number) => ExaVaultError;
}

/** The bounds of a JSON answer (or a redirect's body): past them, a badResponse. */
function jsonLimits(maxBytes: number, status: number): BodyLimits {
  return {
    maxEncoded: maxBytes,
    maxDecoded: maxBytes,
    tooMuch: (bytes) => new ExaVaultError('badResponse', l10n.t('ExaVault sent an answer larger than {0}, far more than this request needs, so it was not read. Try again; if it persists, check the account URL (a proxy may be in the way), or lower the setting "ExaVault › Page Size".', formatSize(maxBytes)), { status, bytes }),
  };
}

/** The response's Content-Encoding, lower case; '' for none. */
function codingOf(response: Response): string {
  const coding = (response.headers.get('content-encoding') ?? '').trim().toLowerCase();
  return coding === 'identity' ? '' : coding;
}

/** Content-Length: the bytes on the wire (compressed, when the server compressed them). */
function contentLength(response: Response): number | undefined {
  const header = response.headers.get('content-length');
  return header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
}

function decoderFor(response: Response): Transform | undefined {
  switch (codingOf(response)) {
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new ExaVaultError('badResponse', l10n.t('ExaVault sent its answer in a compression this extension cannot read. Check the account URL (a proxy may be in the way).'), { status: response.status });
  }
}

function isDecoderError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__') || code.startsWith('ERR_BROTLI'));
}

/**
 * A response's body, decompressed here (fetch is told not to) so that both the bytes on the wire and
 * the bytes they expand to are counted as they arrive: past either bound it stops reading, destroys
 * the stream (and with it the connection) and throws `limits.tooMuch`; an announced length past the
 * bound is refused before reading. A body that ends short of its announced length (Content-Length
 * counts the bytes on the wire), or whose compressed data is broken or cut short, is a badResponse.
 * `onData` sees each chunk as decompressed.
 */
async function receive(response: Response, transfer: Transfer, limits: BodyLimits, onData?: (chunk: Buffer) => void): Promise<Buffer> {
  const announced = contentLength(response);
  if (announced !== undefined && announced > limits.maxEncoded) {
    throw limits.tooMuch(announced);
  }
  const body = response.body as Readable | null;
  if (!body) {
    return Buffer.alloc(0);
  }
  const decoder = decoderFor(response);
  const chunks: Buffer[] = [];
  // The stage that stops first is told; the pipeline may then report another stage's abort instead.
  let refused: ExaVaultError | undefined;
  const wire = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      transfer.encoded += chunk.length;
      transfer.stillReceiving();
      if (transfer.encoded > limits.maxEncoded) {
        callback(refused = limits.tooMuch(transfer.encoded));
      } else {
        callback(null, chunk);
      }
    },
  });
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      transfer.decoded += chunk.length;
      if (transfer.decoded > limits.maxDecoded) {
        throw (refused = limits.tooMuch(transfer.decoded));
      }
      chunks.push(chunk);
      onData?.(chunk);
    }
  };
  try {
    await (decoder ? pipeline(body, wire, decoder, collect) : pipeline(body, wire, collect));
  } catch (error) {
    if (refused) {
      throw refused;
    }
    if (decoder && !(error instanceof ExaVaultError) && !transfer.signal.aborted && isDecoderError(error)) {
      throw new ExaVaultError('badResponse', l10n.t('ExaVault sent compressed data that could not be read (broken, or cut short). Try again.'), { status: response.status });
    }
    throw error;
  }
  if (announced !== undefined && transfer.encoded !== announced) {
    throw new ExaVaultError('badResponse', l10n.t('ExaVault sent {0} of the {1} bytes it announced. Try again.', transfer.encoded, announced), { status: response.status });
  }
  return Buffer.concat(chunks);
}

/**
 * How a download's body is read: within maxBytes (the announced size checked before reading), with
 * progress, and within a bound on the whole transfer that follows the file's size.
 */
function bytesReader(options: BytesOptions, timeoutMs: number): BodyReader<Uint8Array> {
  const maxBytes = options.maxBytes ?? Infinity;
  const transferMs = (bytes: number) => timeoutMs + (bytes / MIN_DOWNLOAD_BYTES_PER_SECOND) * 1000;
  return {
    totalMs: options.totalTimeoutMs ?? transferMs(Number.isFinite(maxBytes) ? maxBytes : UNBOUNDED_DOWNLOAD_BYTES),
    read(response, transfer) {
      const announced = contentLength(response);
      // Compressed, the announced length is not the file's size.
      const size = codingOf(response) === '' ? announced : undefined;
      if (size !== undefined && size > maxBytes) {
        throw tooLarge(size, maxBytes);
      }
      if (announced !== undefined && options.totalTimeoutMs === undefined) {
        transfer.bound(transferMs(announced));
      }
      options.onProgress?.(0, size);
      // Compressed, a file of maxBytes may take a little more on the wire than its size (data that does not compress).
      const maxEncoded = maxBytes + maxBytes / 1024 + 1024;
      return receive(response, transfer, { maxEncoded, maxDecoded: maxBytes, tooMuch: (bytes) => tooLarge(bytes, maxBytes) },
        () => options.onProgress?.(transfer.decoded, size));
    },
  };
}

function formatSize(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function tooLarge(bytes: number, maxBytes: number): ExaVaultError {
  return new ExaVaultError('tooLarge', l10n.t('The file ({0}) is larger than the download limit ({1}).', formatSize(bytes), formatSize(maxBytes)), { bytes });
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
