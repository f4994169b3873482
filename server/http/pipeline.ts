// What every /api/v2 request goes through, in order: latency; the proxy in front (redirect, HTML
// error page); throttling (injected bursts, then the real daily allowance); injected server errors (of
// any request, or of resends only); retired methods; the API itself; and last, faults that break the
// body on its way out (a download's bytes too, which are made as they are sent, at the pace the
// connection takes them).
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { errorBody } from './errors';
import type { FaultSwitches } from './faults';
import { API_PREFIX, isResend, type ExaVaultApi } from './handlers';
import type { DownloadBody } from '../files/resourceApi';
import type { RollingAllowance } from './rateLimit';
import type { StatsRecorder } from './stats';

export interface Pipeline {
  api: ExaVaultApi;
  faults: FaultSwitches;
  allowance: RollingAllowance;
  stats: StatsRecorder;
}

const BAD_GATEWAY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const SERVER_ERRORS = {
  500: { code: 'ERROR_INTERNAL_SERVER_ERROR', detail: 'An error occurred' },
  503: { code: 'ERROR_SERVICE_UNAVAILABLE', detail: 'The service is temporarily unavailable. Try again later.' },
} as const;

export async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL, pipeline: Pipeline): Promise<void> {
  const { api, faults, allowance, stats } = pipeline;
  stats.requestStarted(url.pathname);
  const arrivedAt = performance.now();
  let closed = false;
  response.once('close', () => {
    closed = true;
    stats.requestEnded(performance.now() - arrivedAt);
  });

  const { latencyMs } = faults.get();
  if (latencyMs > 0) {
    await delay(latencyMs);
    if (closed) {
      return;
    }
  }
  const { redirectTo, retryAfterSeconds, retiredActivity } = faults.get();
  if (redirectTo !== null) {
    send(response, 302, { Location: new URL(redirectTo).origin + request.url }, '', 'text/plain');
    return;
  }
  if (faults.take('htmlErrorPage')) {
    send(response, 502, {}, BAD_GATEWAY_PAGE, 'text/html');
    return;
  }
  if (faults.take('rateLimitBurst')) {
    sendRateLimited(response, allowance.limit, retryAfterSeconds);
    return;
  }
  const spend = allowance.spend();
  if (!spend.allowed) {
    sendRateLimited(response, allowance.limit, spend.retryAfterSeconds);
    return;
  }
  const rateHeaders = { 'X-RateLimit-Limit': String(allowance.limit), 'X-RateLimit-Remaining': String(spend.remaining) };
  const path = url.pathname.slice(API_PREFIX.length);
  const serverError = faults.takeServerError() ?? (isResend(request.method ?? 'GET', path) && faults.take('resendErrors') ? 500 : undefined);
  if (serverError !== undefined) {
    const { code, detail } = SERVER_ERRORS[serverError];
    send(response, serverError, rateHeaders, errorBody(serverError, code, detail));
    return;
  }
  if (retiredActivity && path.startsWith('/activity/')) {
    send(response, 404, rateHeaders, errorBody(404, 'ERROR_METHOD_NOT_FOUND', 'This API method has been retired. Use the current Files.com API.'));
    return;
  }

  const answer = api.answer({ method: request.method ?? 'GET', path, search: url.searchParams, headers: request.headers });
  if (answer.download) {
    await sendDownload(response, answer.download, rateHeaders, faults, () => closed);
    return;
  }
  const half = answer.body.slice(0, Math.floor(answer.body.length / 2));
  if (faults.take('resetMidBody')) {
    // Promise the whole body, send half, then cut the connection.
    response.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer.body), ...rateHeaders });
    response.write(half, () => response.destroy());
  } else if (faults.take('malformedJson')) {
    send(response, 200, rateHeaders, half);
  } else {
    send(response, answer.status, rateHeaders, answer.body);
  }
}

async function sendDownload(response: ServerResponse, download: DownloadBody, rateHeaders: Record<string, string>, faults: FaultSwitches, closed: () => boolean): Promise<void> {
  response.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Length': String(download.size),
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
    ...rateHeaders,
  });
  if (response.req.method === 'HEAD') {
    response.end();
    return;
  }
  // Promise every byte, send half, then cut the connection.
  const cutAt = faults.take('resetMidBody') ? Math.floor(download.size / 2) : Infinity;
  let sent = 0;
  for (const chunk of download.chunks()) {
    for (let start = 0; start < chunk.length;) {
      if (closed()) {
        return; // the client went away: make nothing more
      }
      const { downloadBytesPerSecond: rate } = faults.get();
      // Throttled: a tenth of a second's worth at a time.
      const end = Math.min(chunk.length, start + (rate > 0 ? Math.max(1, Math.floor(rate / 10)) : chunk.length), start + cutAt - sent);
      if (end === start) {
        response.write('', () => response.destroy());
        return;
      }
      sent += end - start;
      if (!response.write(chunk.subarray(start, end))) {
        await drainedOrClosed(response);
      }
      if (rate > 0) {
        await delay(100);
      }
      start = end;
    }
  }
  response.end();
}

async function drainedOrClosed(response: ServerResponse): Promise<void> {
  const listening = new AbortController();
  try {
    await Promise.race([once(response, 'drain', { signal: listening.signal }), once(response, 'close', { signal: listening.signal })]);
  } finally {
    listening.abort();
  }
}

function sendRateLimited(response: ServerResponse, limit: number, retryAfterSeconds: number): void {
  const headers = { 'Retry-After': String(retryAfterSeconds), 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0' };
  send(response, 429, headers, errorBody(429, 'ERROR_RATE_LIMIT_EXCEEDED', `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`));
}

export function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string, contentType = 'application/json'): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(body);
}
