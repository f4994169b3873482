// One HTTP exchange over Node's own http and https modules: the status, the headers and the body as
// a stream. Nothing is followed or decompressed here: the client follows redirects (within the
// account's origin) and decompresses bodies (counting and bounding the bytes) itself, so a fetch
// library would only add code to load at activation. Free of `vscode`.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';

export interface Answer {
  status: number;
  /** A 2xx status. */
  ok: boolean;
  /** Header names are case-insensitive; a repeated header's values are joined with ", ". */
  headers: { get(name: string): string | null };
  /** Ends with an error if the connection drops or the request's signal aborts while it is read. */
  body: Readable;
}

export interface Exchange {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  agent: http.Agent;
  signal?: AbortSignal;
}

/** Sends the request; resolves once the status and headers are in. */
export function exchange(url: URL, { method, headers, agent, signal }: Exchange): Promise<Answer> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method, headers, agent, signal }, (message) => {
      const status = message.statusCode ?? 0;
      resolve({
        status,
        ok: status >= 200 && status < 300,
        headers: { get: (name) => joined(message.headers[name.toLowerCase()]) },
        body: message,
      });
    });
    // Before the answer this rejects; after it, the body's stream carries the failure.
    request.on('error', reject);
    request.end();
  });
}

function joined(value: string | string[] | undefined): string | null {
  if (value === undefined) {
    return null;
  }
  return Array.isArray(value) ? value.join(', ') : value;
}
