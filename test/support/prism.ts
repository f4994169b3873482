// An independent referee: Stoplight Prism (the pinned dev dependency @stoplight/prism-cli) run as
// its own process on loopback, judging requests and answers against ExaVault's published spec.
//
// - `startPrism('mock')`: `prism mock test/spec/openapi.yaml`. Prism checks every request against the
//   spec and answers a request violation with 422 (application/problem+json whose `validation` lists
//   the violations, as its log does on `[VALIDATOR]` lines); a valid request gets the spec's example.
// - `startPrism('proxy', upstream)`: `prism proxy test/spec/openapi.yaml UPSTREAM --errors`. Requests
//   are checked the same way (422); answers are forwarded and checked too. In 5.14.2 an answer with an
//   error-level violation becomes a 500 whose body (`type` ...#VIOLATIONS) lists every violation; the
//   `sl-violations` header repeats them, or starts "Too many violations!" when the list is long, and
//   alone carries warnings (such as a status the spec does not list). Such violations are not logged.
// - `startRecorder(target)`: a loopback pass-through in front of Prism that keeps every exchange, so
//   a test knows exactly what the client sent and what Prism said about each request.
//
// Prism 5.14.2 has one defect of its own that matters here: when it starts, the CLI lists an example
// URL of every operation and, doing so, rewrites each form-style query parameter's name in place with
// encodeURI (dist/util/paths.js, createQueryUriTemplate). A parameter named `resources[]` (the one of
// GET /resources/download) becomes `resources%5B%5D`, which no request can carry, so every download
// request is refused with PRISM_DOWNLOAD_DEFECT. `prismHttpValidator` checks such a request with
// Prism's own validator (@stoplight/prism-http) on operations loaded afresh, without the CLI.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const SPEC = path.resolve(__dirname, '..', 'spec', 'openapi.yaml');

/** One violation as Prism reports it (problem+json `validation` items and `sl-violations` entries). */
export interface Violation {
  location: string[];
  severity: string;
  code?: string;
  message: string;
}

/** What Prism 5.14.2 says about every GET /resources/download, whatever it carries (see above). */
export const PRISM_DOWNLOAD_DEFECT: Violation = {
  location: ['query'], severity: 'Error', code: 'required', message: 'Request query must have required property \'resources%5b%5d\'',
};

export interface RunningPrism {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** From starting the process to its first answer. */
  readonly startMs: number;
  /** Everything Prism printed so far (stdout and stderr), without colour codes. */
  output(): string;
  /** Ends the process (SIGTERM, then SIGKILL if it lingers) and waits for it. */
  close(): Promise<void>;
}

function prismBin(): string {
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: { prism: string } };
  return path.resolve(path.dirname(manifest), bin.prism);
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Starts Prism on a free loopback port (it binds port 0 and names the port it got), and resolves
 * once it has answered a request. Rejects with its output if it exits first.
 */
export async function startPrism(mode: 'mock' | 'proxy', upstream?: string): Promise<RunningPrism> {
  const args = mode === 'mock'
    ? ['mock', '-h', '127.0.0.1', '-p', '0', SPEC]
    : ['proxy', '-h', '127.0.0.1', '-p', '0', '--errors', SPEC, upstream!];
  if (mode === 'proxy' && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(upstream ?? '')) {
    throw new Error(`Prism proxies to loopback only, not to ${upstream}.`);
  }
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [prismBin(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += stripAnsi(chunk.toString('utf8'));
      const listening = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (listening) {
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`Prism exited before it listened (exit ${child.exitCode ?? child.signalCode}):\n${text.slice(-4000)}`)));
  });
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const lingering = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(lingering);
    }
  };
  try {
    // Listening is not yet answering: wait for one answer (a 404 for a path the spec does not have).
    await fetch(`${url}/__prism_ready`);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, startMs: performance.now() - started, output: () => text, close };
}

/** One request that went through the recorder, and Prism's answer to it. */
export interface Exchange {
  method: string;
  /** Path and query exactly as the client sent them. */
  url: string;
  headers: http.IncomingHttpHeaders;
  status: number;
  responseHeaders: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Recorder {
  /** http://127.0.0.1:PORT, to give the client as its base URL. */
  readonly origin: string;
  /** Every exchange so far. */
  readonly all: readonly Exchange[];
  /** The exchanges since the last take, once none is in flight. */
  take(): Promise<Exchange[]>;
  close(): Promise<void>;
}

/** A loopback pass-through to `target` (an http://127.0.0.1:PORT origin) that keeps every exchange. */
export async function startRecorder(target: string): Promise<Recorder> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const all: Exchange[] = [];
  let taken = 0;
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const done = () => {
    inFlight--;
    if (inFlight === 0) {
      idle.forEach((resolve) => resolve());
      idle = [];
    }
  };
  const server = http.createServer((request, response) => {
    inFlight++;
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        done();
      }
    };
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A request the client gave up on before sending all of it never reached Prism.
    request.on('close', () => {
      if (!request.complete) {
        settle();
      }
    });
    request.on('end', () => {
      const forward = http.request({
        host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, agent,
        headers: { ...request.headers, host: upstream.host },
      }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          const bytes = Buffer.concat(body);
          all.push({ method: request.method ?? 'GET', url: request.url ?? '', headers: request.headers, status: answer.statusCode ?? 0, responseHeaders: answer.headers, body: bytes });
          const headers = { ...answer.headers, 'content-length': String(bytes.length) };
          delete headers['transfer-encoding'];
          if (!response.destroyed) {
            response.writeHead(answer.statusCode ?? 502, headers);
            response.end(bytes);
          }
          settle();
        });
      });
      forward.on('error', (error) => {
        if (!response.destroyed) {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(`recorder: ${error.message}`);
        }
        settle();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    all,
    async take() {
      if (inFlight > 0) {
        await new Promise<void>((resolve) => idle.push(resolve));
      }
      const since = all.slice(taken);
      taken = all.length;
      return since;
    },
    close: () => new Promise((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The violations Prism reported about an exchange: its problem+json `validation`, and its `sl-violations` header. */
export function violationsOf(exchange: { status: number; responseHeaders: http.IncomingHttpHeaders; body: Buffer }): Violation[] {
  const found: Violation[] = [];
  const type = String(exchange.responseHeaders['content-type'] ?? '');
  if (type.includes('application/problem+json')) {
    const problem = JSON.parse(exchange.body.toString('utf8')) as { validation?: Violation[] };
    found.push(...(problem.validation ?? []));
  }
  const header = exchange.responseHeaders['sl-violations'];
  if (typeof header === 'string' && !found.length) {
    // "Too many violations! [...]" when long; the body has them all then.
    const list = header.startsWith('[') ? header : header.slice(header.indexOf('['));
    try {
      found.push(...(JSON.parse(list) as Violation[]));
    } catch {
      found.push({ location: ['response'], severity: 'Error', message: `unreadable sl-violations header: ${header.slice(0, 200)}` });
    }
  }
  return found;
}

/** The violations about the request (location starting with query, header, path or body: not "response"). */
export const requestViolations = (exchange: Exchange): Violation[] => violationsOf(exchange).filter((v) => v.location[0] !== 'response');

/** A request's query as Prism reads it: each name once, a repeated name as an array of its values. */
export function queryOf(url: string): Record<string, string | string[]> {
  const params = new URL(url, 'http://127.0.0.1').searchParams;
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/**
 * Prism's own request validator (@stoplight/prism-http, the version the CLI runs) on operations
 * loaded afresh from the spec, so without the CLI's in-place renaming: the violations of a request.
 */
export async function prismHttpValidator(): Promise<(method: string, url: string, headers: http.IncomingHttpHeaders) => Violation[]> {
  /* eslint-disable @typescript-eslint/no-require-imports -- Prism's internals, loaded only here */
  const { getHttpOperationsFromSpec } = require('@stoplight/prism-http') as {
    getHttpOperationsFromSpec(spec: string): Promise<PrismOperation[]>;
  };
  const { validateInput } = require('@stoplight/prism-http/dist/validator') as {
    validateInput(input: { resource: PrismOperation; element: unknown }): { _tag: 'Left'; left: PrismDiagnostic[] } | { _tag: 'Right' };
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const operations = await getHttpOperationsFromSpec(SPEC);
  return (method, url, headers) => {
    const { pathname } = new URL(url, 'http://127.0.0.1');
    const operation = operations.find((op) => op.method === method.toLowerCase() && op.path === pathname);
    if (!operation) {
      return [{ location: ['path'], severity: 'Error', message: `no operation ${method} ${pathname} in the spec` }];
    }
    const result = validateInput({ resource: operation, element: { method: method.toLowerCase(), url: { path: pathname, query: queryOf(url) }, headers } });
    return result._tag === 'Right' ? [] : result.left.map((d) => ({ location: d.path, severity: d.severity === 0 ? 'Error' : String(d.severity), code: d.code === undefined ? undefined : String(d.code), message: d.message }));
  };
}

interface PrismOperation {
  method: string;
  path: string;
}

interface PrismDiagnostic {
  path: string[];
  severity: number;
  code?: string | number;
  message: string;
}
