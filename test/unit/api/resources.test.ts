// The client's file methods (metadata, folder listings, downloads) against the local server, over real HTTP.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExaVaultClient, type ClientOptions } from '../../../src/api/client';
import { ExaVaultError } from '../../../src/api/errors';
import { failureRecorder } from '../../support/expectFailure';
import { ODD_NAMES_FOLDER, SAMPLE_FILES, SAMPLES_FOLDER, oddFileNames } from '../../../server/index';
import { useLocalServer } from '../../support/localServer';
import { startRecordingServer } from '../../support/recordingServer';
import { findSecrets } from '../../support/secrets';

const LARGE = 2 * 1024 * 1024;

/** A server on loopback that answers every request with `handler`; closed by the returned function. */
async function rawServer(handler: http.RequestListener): Promise<{ base: URL; close: () => void }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('ExaVaultClient: files', function () {
  this.timeout(30_000);
  const local = useLocalServer({ seed: 11, sessions: 500, webhooks: 50, largeFileBytes: LARGE });
  // Every expected failure, for the leak check over their messages at the end.
  const { errors, fail: failure } = failureRecorder();

  const client = (options: ClientOptions = {}, accessToken = local.server.accessToken) =>
    new ExaVaultClient(new URL(local.server.baseUrl), { apiKey: local.server.apiKey, accessToken }, { backoffMs: 5, ...options });


  describe('metadata and listings', () => {
    it('reads a file\'s and a folder\'s metadata', async () => {
      const c = client();
      const file = await c.getResource(SAMPLE_FILES.csv);
      assert.deepEqual([file.path, file.name, file.type, file.size], [SAMPLE_FILES.csv, 'orders.csv', 'file', 12_000]);
      assert.ok(file.id! > 0 && file.modified! > 0 && file.created! > 0);
      const folder = await c.getResource(SAMPLES_FOLDER);
      assert.equal(folder.type, 'dir');
      c.dispose();
    });

    it('names the path when there is nothing there (404)', async () => {
      const error = await failure('notFound', () => client().getResource('/Finance/gone #1.pdf'));
      assert.match(error.message, /\/Finance\/gone #1\.pdf.*deleted, moved or renamed/);
      assert.equal(error.status, 404);
      await failure('notFound', () => client().listResources('/nowhere'));
      await failure('notFound', () => client().download('/nowhere.txt'));
    });

    it('reads every odd name exactly, whatever URL encoding it needs', async () => {
      const c = client();
      for (const name of oddFileNames()) {
        const path = `${ODD_NAMES_FOLDER}/${name}`;
        assert.equal((await c.getResource(path)).path, path);
        assert.deepEqual(Buffer.from(await c.download(path)), local.server.fileBytes(path), JSON.stringify(name));
      }
    });

    it('lists a folder a page at a time, to the end, each child once', async () => {
      const c = client();
      const { resources: page, totalResults } = await c.listResources(ODD_NAMES_FOLDER, { offset: 3, limit: 4 });
      assert.equal(page.length, 4);
      assert.equal(totalResults, oddFileNames().length);
      local.server.resetStats();
      const all = await c.listAllResources(ODD_NAMES_FOLDER, { pageSize: 5 });
      assert.deepEqual(all.map((r) => r.name).sort(), [...local.server.resource(ODD_NAMES_FOLDER)!.children!].sort());
      assert.deepEqual(all.slice(3, 7).map((r) => r.path), page.map((r) => r.path));
      assert.equal(local.server.stats().requests, Math.ceil(all.length / 5));
      const root = await c.listAllResources('/');
      assert.ok(root.some((r) => r.path === SAMPLES_FOLDER && r.type === 'dir'));
    });

    it('lists to the end when pages come back smaller than asked, and stops when a proxy ignores the offset', async () => {
      let rewrite: (url: URL) => void = () => undefined;
      const proxy = await rawServer((request, response) => {
        const url = new URL(request.url!, local.server.url);
        rewrite(url);
        http.get(url, { headers: request.headers }, (upstream) => {
          response.writeHead(upstream.statusCode!, upstream.headers);
          upstream.pipe(response);
        });
      });
      try {
        const c = new ExaVaultClient(proxy.base, { apiKey: local.server.apiKey, accessToken: local.server.accessToken });
        rewrite = (url) => url.searchParams.set('limit', '3');
        assert.equal((await c.listAllResources(ODD_NAMES_FOLDER, { pageSize: 5 })).length, oddFileNames().length);
        rewrite = (url) => url.searchParams.delete('offset');
        assert.equal((await c.listAllResources(ODD_NAMES_FOLDER, { pageSize: 5 })).length, 5);
        c.dispose();
      } finally {
        proxy.close();
      }
    });
  });

  describe('downloads', () => {
    it('downloads a file\'s bytes, reporting progress up to the total', async () => {
      const progress: [number, number | undefined][] = [];
      const bytes = await client().download(SAMPLE_FILES.large, { onProgress: (received, total) => progress.push([received, total]) });
      assert.deepEqual(Buffer.from(bytes), local.server.fileBytes(SAMPLE_FILES.large));
      assert.deepEqual(progress[0], [0, LARGE]);
      assert.deepEqual(progress.at(-1), [LARGE, LARGE]);
      assert.ok(progress.length > 3 && progress.every(([received], i) => i === 0 || received >= progress[i - 1]![0]));
    });

    it('refuses a file over maxBytes before reading it, when the size is announced', async () => {
      // Ten bytes a second: a client that read the body first would never get here.
      local.server.setFaults({ downloadBytesPerSecond: 10 });
      let received = 0;
      const error = await failure('tooLarge', () => client().download(SAMPLE_FILES.large, { maxBytes: LARGE - 1, onProgress: (n) => (received = n) }));
      assert.equal(error.details.bytes, LARGE);
      assert.match(error.message, /\(2\.0 MB\) is larger than the download limit/);
      assert.equal(received, 0);
      // Positive control: at the limit, it downloads.
      local.server.clearFaults();
      assert.equal((await client().download(SAMPLE_FILES.large, { maxBytes: LARGE })).length, LARGE);
    });

    it('stops reading past maxBytes when the size is not announced', async () => {
      let sent = 0;
      const endless = await rawServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/octet-stream' }); // chunked: no length
        const timer = setInterval(() => {
          sent += 64 * 1024;
          response.write(Buffer.alloc(64 * 1024, 1));
        }, 5);
        response.once('close', () => clearInterval(timer));
      });
      try {
        const c = new ExaVaultClient(endless.base, { apiKey: 'k'.repeat(20), accessToken: 't'.repeat(64) });
        const error = await failure('tooLarge', () => c.download('/endless.bin', { maxBytes: 1_000_000 }));
        assert.ok(error.details.bytes! > 1_000_000 && error.details.bytes! < 1_200_000, String(error.details.bytes));
        await new Promise((resolve) => setTimeout(resolve, 100));
        const after = sent;
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(sent, after, 'the server stopped sending once the client let go');
        c.dispose();
      } finally {
        endless.close();
      }
    });

    it('can be cancelled mid-download, and the server stops sending', async () => {
      local.server.setFaults({ downloadBytesPerSecond: 200_000 });
      const controller = new AbortController();
      await failure('cancelled', () => client().download(SAMPLE_FILES.large, {
        signal: controller.signal,
        onProgress: (received) => received > 0 && controller.abort(),
      }));
      for (let i = 0; i < 50 && local.server.stats().inFlight > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(local.server.stats().inFlight, 0);
    });

    it('times out a stalled answer, but not a slow download that keeps receiving', async () => {
      local.server.setFaults({ latencyMs: 1500 });
      await failure('timeout', () => client({ timeoutMs: 300, serverRetries: 0 }).download(SAMPLE_FILES.csv));
      // 12,000 bytes at 10,000 a second: over a second in all, a tenth of a second between chunks.
      local.server.setFaults({ latencyMs: 0, downloadBytesPerSecond: 10_000 });
      // (The whole transfer has its own bound, set generously here: this is about each wait.)
      assert.equal((await client({ timeoutMs: 400 }).download(SAMPLE_FILES.csv, { totalTimeoutMs: 60_000 })).length, 12_000);
    });

    it('retries a download cut mid-body or answered 503, and reports it when it persists', async () => {
      local.server.setFaults({ resetMidBody: 1 });
      assert.deepEqual(Buffer.from(await client().download(SAMPLE_FILES.csv)), local.server.fileBytes(SAMPLE_FILES.csv));
      local.server.setFaults({ serverErrors: { status: 503, count: 1 } });
      assert.equal((await client().download(SAMPLE_FILES.csv)).length, 12_000);
      local.server.setFaults({ resetMidBody: 100 });
      await failure('network', () => client({ serverRetries: 1 }).download(SAMPLE_FILES.csv));
    });

    it('never returns a body that ends short of its announced length', async () => {
      let length = 100;
      const short = await rawServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '100' });
        response.write(Buffer.alloc(length), () => response.socket?.end());
      });
      try {
        const c = new ExaVaultClient(short.base, { apiKey: 'k'.repeat(20), accessToken: 't'.repeat(64) }, { serverRetries: 0 });
        // Positive control: the whole body is taken.
        assert.equal((await c.download('/x')).length, 100);
        length = 50;
        const error = await c.download('/x').then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof ExaVaultError && ['network', 'badResponse'].includes(error.kind), String(error));
        c.dispose();
      } finally {
        short.close();
      }
    });

    it('refuses wrong credentials (401) and a long 429 plainly', async () => {
      await failure('invalidCredentials', () => client({}, '0'.repeat(64)).download(SAMPLE_FILES.csv));
      local.server.setFaults({ rateLimitBurst: 5, retryAfterSeconds: 3600 });
      await failure('rateLimited', () => client({ maxRateLimitWaitMs: 100 }).getResource(SAMPLE_FILES.csv));
    });

    it('never sends credentials to another origin, even through a redirect', async () => {
      const other = await startRecordingServer();
      try {
        local.server.setFaults({ redirectTo: other.origin });
        await failure('redirect', () => client().download(SAMPLE_FILES.csv));
        assert.deepEqual(other.requests, [], 'the other origin received no request at all');
      } finally {
        await other.close();
      }
    });
  });

  describe('secrets', () => {
    // Last, so that it sees every error the tests above collected.
    it('puts neither the API key nor the access token in any error', () => {
      assert.ok(errors.length >= 10, `errors collected: ${errors.length}`);
      const text = errors.map((e) => `${e.message}\n${e.stack}\n${JSON.stringify(e)}`).join('\n');
      assert.deepEqual(findSecrets(text, [local.server.apiKey, local.server.accessToken]), []);
    });
  });
});

describe('client: what a download accepts', () => {
  it('accepts the file types the spec answers a download with, and JSON for errors; other calls JSON alone', async () => {
    const recorder = await startRecordingServer();
    const c = new ExaVaultClient(new URL(`${recorder.origin}/api/v2`), { apiKey: 'k', accessToken: 't' }, { serverRetries: 0 });
    try {
      await c.download('/a.txt').catch(() => undefined); // the recorder answers JSON: only the request matters here
      await c.getAccount().catch(() => undefined);
      const [download, account] = recorder.requests;
      assert.ok(download && account, `${recorder.requests.length} requests recorded`);
      const accepted = String(download.headers.accept).split(',').map((type) => type.trim().split(';')[0]);
      assert.ok(accepted.includes('application/octet-stream') && accepted.includes('application/zip'), String(download.headers.accept));
      assert.equal(account.headers.accept, 'application/json');
    } finally {
      c.dispose();
      await recorder.close();
    }
  });
});
