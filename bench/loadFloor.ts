// The load's floor: the pages the query panel asks for (the same window, page size, order and
// requests in flight) fetched and parsed with Node's http and JSON.parse alone, in a process of its
// own as the extension host is. No VS Code, no normalising, no rows sent anywhere: no load of these
// entries from this server on this machine can take less.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import type { SessionEntryWire } from '../src/api/wire';
import { rawPage, repoRoot } from './lib';
import { machineBusySeconds } from './processTimes';

export interface FloorRequest {
  /** The API's base URL, `.../api/v2`. */
  baseUrl: string;
  headers: Record<string, string>;
  from: string;
  to: string;
  pageSize: number;
  inFlight: number;
}

export interface FloorRun {
  ms: number;
  /** Processor time the whole machine used meanwhile (the server's included), in core-seconds, where it can be read. */
  busySeconds?: number;
  /** Entries fetched, and a hash of their ids in order. */
  checksum: string;
}

const CHILD_FLAG = '--fetch-floor';

/** The checksum a FloorRun of these entries, in this order, has. */
export function floorChecksum(ids: Iterable<number>): string {
  const hash = createHash('sha256');
  let count = 0;
  for (const id of ids) {
    hash.update(`${id}\n`);
    count++;
  }
  return `${count}:${hash.digest('hex').slice(0, 16)}`;
}

/** One run of the floor, in a child process (the request, credentials included, goes on its stdin). */
export function measureLoadFloor(request: FloorRequest): Promise<FloorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'loadFloor.ts'), CHILD_FLAG],
      { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as FloorRun) : reject(new Error(`The load floor's process exited with ${code}.`))));
    child.stdin.end(JSON.stringify(request));
  });
}

/** Pages by offset within the window, `inFlight` requests at once, until a page comes back short. */
async function fetchFloor(request: FloorRequest): Promise<FloorRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.inFlight });
  const page = (index: number) => {
    const url = new URL(`${request.baseUrl}/activity/session`);
    url.search = new URLSearchParams({ startDate: request.from, endDate: request.to, sort: '-date',
      offset: String(index * request.pageSize), limit: String(request.pageSize) }).toString();
    const answer = rawPage<SessionEntryWire>(url, request.headers, agent);
    answer.catch(() => undefined); // awaited in order below; one after the end is moot
    return answer;
  };
  try {
    const started = performance.now();
    const busyAtStart = machineBusySeconds();
    const ids: number[] = [];
    const inFlight: Promise<SessionEntryWire[]>[] = [];
    for (let next = 0; ;) {
      while (inFlight.length < request.inFlight) {
        inFlight.push(page(next++));
      }
      const entries = await inFlight.shift()!;
      for (const entry of entries) {
        ids.push(entry.id);
      }
      if (entries.length < request.pageSize) {
        break;
      }
    }
    const ms = performance.now() - started;
    const busyAtEnd = machineBusySeconds();
    const busySeconds = busyAtStart === undefined || busyAtEnd === undefined ? undefined : busyAtEnd - busyAtStart;
    return { ms, busySeconds, checksum: floorChecksum(ids) };
  } finally {
    agent.destroy();
  }
}

if (process.argv.includes(CHILD_FLAG)) {
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => (input += chunk.toString()));
  process.stdin.on('end', () => {
    fetchFloor(JSON.parse(input) as FloorRequest).then((run) => process.stdout.write(JSON.stringify(run)), (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  });
}
