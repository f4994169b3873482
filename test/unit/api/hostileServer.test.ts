// The client against servers that are broken or hostile in ways the local ExaVault server cannot
// be: bodies that expand without end, never end, or trickle; gzip-encoded downloads. Each server is a
// plain loopback http server made here.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { ExaVaultClient, type ClientOptions } from '../../../src/api/client';
import { ExaVaultError } from '../../../src/api/errors';
import { failureRecorder } from '../../support/expectFailure';
import { findSecrets } from '../../support/secrets';

const API_KEY = 'hostile-zwSuWUZ8S38h33qPS8v0s';
const ACCESS_TOKEN = 'c0ffee'.repeat(10) + 'beef';
const MiB = 1024 * 1024;

/** What one response of a test server did: how much it wrote, and whether the client let go first. */
interface Sent {
  bytes: number;
  finished: boolean;
  /** Resolves when the connection closes (the client let go, or the answer was complete). */
  closed: Promise<void>;
}

interface TestServer {
  client(options?: ClientOptions): ExaVaultClient;
  /** One entry per response, in order. */
  sent: Sent[];
  close(): void;
}

/** A loopback server answering every request with `answer`, which reports through `sent`. */
async function testServer(answer: (request: http.IncomingMessage, response: http.ServerResponse, sent: Sent) => void): Promise<TestServer> {
  const sent: Sent[] = [];
  const clients: ExaVaultClient[] = [];
  const server = http.createServer((request, response) => {
    let close: () => void = () => undefined;
    const record: Sent = { bytes: 0, finished: false, closed: new Promise((resolve) => (close = resolve)) };
    response.once('finish', () => (record.finished = true));
    response.once('close', close);
    sent.push(record);
    answer(request, response, record);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`);
  return {
    sent,
    client(options = {}) {
      const client = new ExaVaultClient(base, { apiKey: API_KEY, accessToken: ACCESS_TOKEN }, { serverRetries: 0, backoffMs: 5, ...options });
      clients.push(client);
      return client;
    },
    close() {
      clients.forEach((client) => client.dispose());
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Writes `next()` until it returns undefined or the client lets go, waiting for the socket to drain
 * (so the server is never far ahead of what the client read), then ends the answer.
 */
function stream(response: http.ServerResponse, sent: Sent, next: () => Buffer | undefined): void {
  const pump = () => {
    while (!response.destroyed) {
      const chunk = next();
      if (!chunk) {
        response.end();
        return;
      }
      sent.bytes += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** `head`, then `filler` again and again, until `limit` bytes went out (or the client left). */
function streamUpTo(response: http.ServerResponse, sent: Sent, limit: number, head: Buffer, filler: Buffer): void {
  let first = true;
  stream(response, sent, () => {
    if (sent.bytes >= limit) {
      return undefined;
    }
    const chunk = first ? head : filler;
    first = false;
    return chunk;
  });
}

const PAGE_START = '{"responseStatus":200,"totalResults":0,"returnedResults":1,"data":[{"id":1,"type":"sessionActivity","attributes":{"operation":"PASS"}}';
const PAGE_END = ']}';

/** A valid one-entry page padded with `padding` bytes of white space. */
function paddedPage(padding: number): Buffer {
  return Buffer.concat([Buffer.from(PAGE_START), Buffer.alloc(padding, ' '), Buffer.from(PAGE_END)]);
}

/** The largest body the client must accept for a page of one entry (1 MiB + 64 KiB an entry). */
const CAP_FOR_ONE = MiB + 64 * 1024;

describe('ExaVaultClient against a broken or hostile server', function () {
  this.timeout(30_000);
  const servers: TestServer[] = [];
  const { errors, fail: failure } = failureRecorder();
  const serve = async (answer: Parameters<typeof testServer>[0]) => {
    const server = await testServer(answer);
    servers.push(server);
    return server;
  };
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  describe('the size of a JSON answer', () => {
    it('refuses a gzip bomb: a page that expands far past what its limit allows', async () => {
      // 16 MiB of JSON in about 16 KB of gzip; a page of one entry may take about 1 MiB.
      let padding = 16 * MiB;
      const server = await serve((_request, response, sent) => {
        const body = zlib.gzipSync(paddedPage(padding));
        sent.bytes = body.length;
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        response.end(body);
      });
      const error = await failure('badResponse', () => server.client().getSessionActivity({ limit: 1 }));
      assert.ok(server.sent[0]!.bytes < 100_000, `the bomb is small on the wire: ${server.sent[0]!.bytes} bytes`);
      assert.match(error.message, /larger than/);
      // It stopped decompressing at the cap (give or take the decoder's last chunk of output).
      assert.ok(error.details.bytes! > CAP_FOR_ONE && error.details.bytes! <= CAP_FOR_ONE + 256 * 1024, String(error.details.bytes));
      // Positive control: the same page within the cap, gzip and all, is read.
      padding = CAP_FOR_ONE - 4096;
      assert.equal((await server.client().getSessionActivity({ limit: 1 })).entries.length, 1);
    });

    it('scales the cap with the page size the request asked for', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(paddedPage(3 * MiB));
      });
      await failure('badResponse', () => server.client().getSessionActivity({ limit: 10 }));
      assert.equal((await server.client().getSessionActivity({ limit: 100 })).entries.length, 1);
    });

    it('stops reading a JSON answer that never ends, and lets go of the connection', async () => {
      const limit = 64 * MiB; // the server gives up here, so that a client without a cap would end too
      const server = await serve((_request, response, sent) => {
        response.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length to refuse it by
        streamUpTo(response, sent, limit, Buffer.from(PAGE_START), Buffer.alloc(64 * 1024, ' '));
      });
      const error = await failure('badResponse', () => server.client().getSessionActivity({ limit: 1 }));
      assert.match(error.message, /larger than/);
      await server.sent[0]!.closed;
      assert.equal(server.sent[0]!.finished, false, 'the client let go before the server got to the end');
      assert.ok(server.sent[0]!.bytes < limit, String(server.sent[0]!.bytes));
    });

    it('caps the compressed bytes too: gzip that never yields a byte', async () => {
      // Empty deflate blocks: each is 5 bytes on the wire and nothing once decompressed.
      const emptyBlocks = Buffer.concat(Array.from({ length: 13_107 }, () => Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff])));
      const limit = 64 * MiB;
      const server = await serve((_request, response, sent) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        streamUpTo(response, sent, limit, Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]), emptyBlocks);
      });
      const error = await failure('badResponse', () => server.client().getSessionActivity({ limit: 1 }));
      assert.match(error.message, /larger than/);
      await server.sent[0]!.closed;
      assert.equal(server.sent[0]!.finished, false, 'the client let go before the server got to the end');
    });

    it('refuses an announced length past the cap without reading the body', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(512 * MiB) });
        response.write(PAGE_START); // and then nothing: a client that waited for the rest would hang
      });
      const error = await failure('badResponse', () => server.client().getAccount());
      assert.match(error.message, /larger than/);
      await server.sent[0]!.closed;
    });
  });

  describe('gzip-encoded downloads', () => {
    const text = Buffer.from('ExaVault '.repeat(344) + 'done\n'); // 3100 bytes that compress to about 70

    it('downloads a gzip-encoded file that announces its compressed length', async () => {
      const progress: [number, number | undefined][] = [];
      const server = await serve((_request, response) => {
        const body = zlib.gzipSync(text);
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        response.end(body);
      });
      const bytes = await server.client().download('/notes.txt', { onProgress: (received, total) => progress.push([received, total]) });
      assert.deepEqual(Buffer.from(bytes), text);
      // The announced length is of the compressed bytes, not of the file: no total is claimed.
      assert.deepEqual(progress.at(-1), [text.length, undefined]);
    });

    it('reads a gzip-encoded JSON answer with its length announced', async () => {
      const server = await serve((_request, response) => {
        const body = zlib.gzipSync(JSON.stringify({ responseStatus: 200, data: { type: 'account', attributes: { accountName: 'gz' } } }));
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        response.end(body);
      });
      assert.equal((await server.client().getAccount()).accountName, 'gz');
    });

    it('still refuses a gzip-encoded download that ends short of its announced length', async () => {
      let cut = false;
      const server = await serve((_request, response) => {
        const body = zlib.gzipSync(text);
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        response.write(cut ? body.subarray(0, body.length - 10) : body, () => response.socket?.end());
      });
      // Positive control: whole, it is read.
      assert.deepEqual(Buffer.from(await server.client().download('/notes.txt')), text);
      cut = true;
      const error = await server.client().download('/notes.txt').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ExaVaultError && ['network', 'badResponse'].includes(error.kind), String(error));
    });

    it('refuses gzip that decompresses past maxBytes, as too large', async () => {
      const server = await serve((_request, response) => {
        const body = zlib.gzipSync(Buffer.alloc(8 * MiB));
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        response.end(body);
      });
      const error = await failure('tooLarge', () => server.client().download('/zeros.bin', { maxBytes: MiB }));
      assert.ok(error.details.bytes! > MiB && error.details.bytes! <= MiB + 256 * 1024, String(error.details.bytes));
    });
  });

  describe('downloads that stall or trickle', () => {
    /** A download that sends a byte every few milliseconds, forever (until the client lets go). */
    const trickle = (length?: number) => serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', ...(length ? { 'content-length': String(length) } : {}) });
      const timer = setInterval(() => response.write('x'), 10);
      response.once('close', () => clearInterval(timer));
    });

    it('gives up a small download that keeps trickling: the whole transfer is bounded, not only each wait', async () => {
      const server = await trickle();
      // Each wait is short of the idle timeout (a byte every 10 ms against 5 s); the whole never ends.
      const error = await failure('timeout', () => server.client({ timeoutMs: 5000 }).download('/small.txt', { maxBytes: 100_000, totalTimeoutMs: 300 }));
      assert.match(error.message, /did not finish sending/);
      await server.sent[0]!.closed; // and the connection was let go
    });

    it('bounds the whole transfer from the announced size when no bound is given', async () => {
      // 10,000 bytes at a hundred a second would take over a minute and a half.
      const server = await trickle(10_000);
      const error = await failure('timeout', () => server.client({ timeoutMs: 2000 }).download('/small.txt', { maxBytes: 50 * MiB }));
      assert.match(error.message, /did not finish sending/);
      await server.sent[0]!.closed;
    });

    it('times out a download that stops sending mid-body', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
        response.write(Buffer.alloc(100)); // and nothing more
      });
      const error = await failure('timeout', () => server.client({ timeoutMs: 300 }).download('/small.txt', { maxBytes: 1000, totalTimeoutMs: 60_000 }));
      assert.match(error.message, /stopped sending/);
      await server.sent[0]!.closed;
    });

    it('can cancel a small download that stalls', async () => {
      const server = await trickle(1000);
      const controller = new AbortController();
      await failure('cancelled', () => server.client({ timeoutMs: 60_000 }).download('/small.txt', {
        maxBytes: 1000, signal: controller.signal, onProgress: (received) => received >= 5 && controller.abort(),
      }));
      await server.sent[0]!.closed;
    });
  });

  describe('secrets', () => {
    // Last, so that it sees every error the tests above collected.
    it('puts neither the API key nor the access token in any error', () => {
      assert.ok(errors.length >= 8, `errors collected: ${errors.length}`);
      const text = errors.map((e) => `${e.message}\n${e.stack}\n${JSON.stringify(e)}`).join('\n');
      assert.deepEqual(findSecrets(text, [API_KEY, ACCESS_TOKEN]), []);
    });
  });
});
