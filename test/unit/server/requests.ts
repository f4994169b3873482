// Plain node:http requests for the local server's tests: the raw status, headers and text, so tests
// see exactly what a client would (broken bodies and resets included).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { RunningExaVaultServer } from '../../../server/index';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: http.Agent;
}

export function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

export function credentials(server: RunningExaVaultServer): Record<string, string> {
  return { 'ev-api-key': server.apiKey, 'ev-access-token': server.accessToken, Accept: 'application/json' };
}

/** GET a path below /api/v2 with the admin's credentials. */
export function apiGet(server: RunningExaVaultServer, path: string, options: RequestOptions = {}): Promise<Reply> {
  return request(server.baseUrl + path, { ...options, headers: { ...credentials(server), ...options.headers } });
}

/** POST to a path below /api/v2 with the admin's credentials (override them through `options.headers`). */
export function apiPost(server: RunningExaVaultServer, path: string, options: RequestOptions = {}): Promise<Reply> {
  return request(server.baseUrl + path, { ...options, method: 'POST', headers: { ...credentials(server), ...options.headers } });
}

/** The ids of a page that must be a 200 list answer (totalResults always 0). */
export async function pageIds(server: RunningExaVaultServer, path: string): Promise<number[]> {
  const reply = await apiGet(server, path);
  assert.equal(reply.status, 200, `${path}: ${reply.text}`);
  const body = JSON.parse(reply.text) as { totalResults: number; returnedResults: number; data: { id: number }[] };
  assert.equal(body.totalResults, 0);
  assert.equal(body.returnedResults, body.data.length);
  return body.data.map((entry) => entry.id);
}

/** The error answer a request must get: its status, and its single error's code and detail. */
export async function apiError(server: RunningExaVaultServer, path: string, status: number): Promise<{ code: string; detail: string }> {
  const reply = await apiGet(server, path);
  assert.equal(reply.status, status, `${path}: ${reply.text}`);
  const body = JSON.parse(reply.text) as { responseStatus: number; errors: { code: string; detail: string }[] };
  assert.equal(body.responseStatus, status);
  assert.equal(body.errors.length, 1);
  return body.errors[0]!;
}
