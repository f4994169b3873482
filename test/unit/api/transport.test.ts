// One HTTP exchange over Node's http: what the client reads of an answer (status, headers, the body
// as sent) and how a failure reaches it, before the answer and while the body is read.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import * as zlib from 'node:zlib';
import { exchange } from '../../../src/api/transport';

describe('transport: one HTTP exchange', function () {
  this.timeout(10_000);
  let server: http.Server;
  let base: URL;
  let handle: (request: http.IncomingMessage, response: http.ServerResponse) => void;
  const agent = new http.Agent({ keepAlive: true });

  before(async () => {
    server = http.createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  after(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives the status, the headers by any case with repeats joined, and the body as sent (not decompressed)', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const gzipped = zlib.gzipSync('{"a":1}');
    handle = (request, response) => {
      seen = request.headers;
      response.writeHead(201, [['Content-Encoding', 'gzip'], ['X-Twice', 'one'], ['X-Twice', 'two']]);
      response.end(gzipped);
    };
    const answer = await exchange(new URL('/path?q=1', base), { method: 'POST', headers: { 'ev-api-key': 'k' }, agent });
    assert.equal(answer.status, 201);
    assert.equal(answer.ok, true);
    assert.equal(answer.headers.get('CONTENT-ENCODING'), 'gzip');
    assert.equal(answer.headers.get('x-twice'), 'one, two');
    assert.equal(answer.headers.get('x-absent'), null);
    const chunks: Buffer[] = [];
    for await (const chunk of answer.body) {
      chunks.push(chunk as Buffer);
    }
    assert.deepEqual(Buffer.concat(chunks), gzipped);
    assert.equal(seen['ev-api-key'], 'k');
  });

  it('says a status outside 2xx is not ok, and follows no redirect', async () => {
    handle = (_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end('moved');
    };
    const answer = await exchange(new URL('/from', base), { method: 'GET', headers: {}, agent });
    assert.equal(answer.status, 302);
    assert.equal(answer.ok, false);
    assert.equal(answer.headers.get('location'), '/elsewhere');
    assert.equal(await text(answer.body), 'moved');
  });

  it('rejects when nothing answers, and ends the body with an error when the signal aborts it mid-way', async () => {
    const closed = new http.Server();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(exchange(new URL(`http://127.0.0.1:${port}/`), { method: 'GET', headers: {}, agent }), { code: 'ECONNREFUSED' });

    handle = (_request, response) => {
      response.writeHead(200);
      response.write('part'); // and never ends
    };
    const controller = new AbortController();
    const answer = await exchange(new URL('/slow', base), { method: 'GET', headers: {}, agent, signal: controller.signal });
    const read = text(answer.body);
    controller.abort();
    await assert.rejects(read);
  });
});
