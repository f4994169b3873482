// Reading an answer's body within bounds, whatever the server sends: how much JSON a request may
// get back (before and after decompression), how long a download may wait and take in all, and the
// transfer that carries one request's cancel, deadlines and byte counts. Free of `vscode`.
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import * as l10n from '@vscode/l10n';
import { ExaVaultError } from './errors';
import type { Answer } from './transport';

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
export const REDIRECT_BODY_BYTES = 64 * 1024;
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
export function jsonBodyLimit(query: Readonly<Record<string, unknown>>): number {
  const limit = Number(query.limit);
  const entries = Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE_ENTRIES) : DEFAULT_PAGE_ENTRIES;
  return JSON_BYTES_BASE + entries * JSON_BYTES_PER_ENTRY;
}

/** How a successful answer's body is read, when it is not JSON (a download). */
export interface BodyReader<T> {
  read(response: Answer, transfer: Transfer): Promise<T>;
  /** The bound on the whole transfer; without it, timeoutMs bounds the whole request. */
  totalMs?: number;
}


/** Seconds for a message, to a tenth. */
export function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(1));
}

/**
 * One request's cancel (the caller's signal, or a deadline), its deadlines, and the bytes its body
 * took on the wire and after decompression. Deadlines: the wait for the answer (`waitMs`); for a
 * download, each wait for more data (`waitMs` again, from the last bytes) and the whole transfer
 * (`totalMs`, from the start); a JSON answer has `waitMs` for all of it.
 */
export class Transfer {
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
export function jsonLimits(maxBytes: number, status: number): BodyLimits {
  return {
    maxEncoded: maxBytes,
    maxDecoded: maxBytes,
    tooMuch: (bytes) => new ExaVaultError('badResponse', l10n.t('ExaVault sent an answer larger than {0}, far more than this request needs, so it was not read. Try again; if it persists, check the account URL (a proxy may be in the way), or lower the setting "ExaVault › Page Size".', formatSize(maxBytes)), { status, bytes }),
  };
}

/** The response's Content-Encoding, lower case; '' for none. */
function codingOf(response: Answer): string {
  const coding = (response.headers.get('content-encoding') ?? '').trim().toLowerCase();
  return coding === 'identity' ? '' : coding;
}

/** Content-Length: the bytes on the wire (compressed, when the server compressed them). */
function contentLength(response: Answer): number | undefined {
  const header = response.headers.get('content-length');
  return header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
}

function decoderFor(response: Answer): Transform | undefined {
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
 * A response's body, decompressed here (the transport leaves it as sent) so that both the bytes on
 * the wire and the bytes they expand to are counted as they arrive: past either bound it stops reading, destroys
 * the stream (and with it the connection) and throws `limits.tooMuch`; an announced length past the
 * bound is refused before reading. A body that ends short of its announced length (Content-Length
 * counts the bytes on the wire), or whose compressed data is broken or cut short, is a badResponse.
 * `onData` sees each chunk as decompressed.
 */
export async function receive(response: Answer, transfer: Transfer, limits: BodyLimits, onData?: (chunk: Buffer) => void): Promise<Buffer> {
  const announced = contentLength(response);
  if (announced !== undefined && announced > limits.maxEncoded) {
    throw limits.tooMuch(announced);
  }
  const body = response.body;
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
export function bytesReader(options: BytesOptions, timeoutMs: number): BodyReader<Uint8Array> {
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
