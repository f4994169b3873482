// `npm run bench:client`: 100,000 session entries through the client, against a baseline in the
// same run that fetches the same number of pages with the same HTTP stack (Node's http with a keep-alive
// agent, same headers) and only JSON.parse. Before anything is timed it verifies the server holds
// exactly seed 11's entries (checksum against the same data generated here) and that each side
// asks for 1,000 entries a page; runs interleaved, medians with min–max, every run checksummed.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { ExaVaultClient } from '../src/api/client';
import type { SessionEntry } from '../src/api/models';
import type { SessionEntryWire } from '../src/api/wire';
import { startExaVaultServer } from '../server/index';
import { interleave, median, rawPage, runBenchmark, spreadLine, startServerProcess, timed, verifySetup, type Run } from './lib';

const ENTRIES = 100_000;
const PAGE_SIZE = 1000;
const SEED = 11;
const ACCOUNT = 'bench';
// A fixed date: the generated data depends on it, and the expected checksum is computed from the same.
const NOW = '2026-07-01T12:00:00Z';
const RUNS = 11;
const PREFETCH = 6;
const LATENCY_MS = 50;
const apiKey = 'bench-zwSuWUZ8S38h33qPS8v0s';
const accessToken = 'be'.repeat(32);

interface ChecksumRow { id: number; bytes: number; duration: number; file: string; op: string; created: number }

function checksumOf(rows: Iterable<ChecksumRow>): string {
  const hash = createHash('sha256');
  let count = 0;
  for (const row of rows) {
    hash.update(`${row.id}|${row.bytes}|${row.duration}|${row.file}|${row.op}|${row.created}\n`);
    count++;
  }
  return `${count}:${hash.digest('hex').slice(0, 16)}`;
}

const countOf = (checksum: string) => Number(checksum.split(':')[0]);

const fromEntry = (e: SessionEntry): ChecksumRow => ({ id: e.id, bytes: e.bytesTransferred ?? 0, duration: e.durationSeconds ?? 0,
  file: e.fileName, op: e.operation, created: e.created ?? 0 });
const fromWire = (e: SessionEntryWire): ChecksumRow => ({ id: e.id, bytes: e.attributes.bytesTransferred ?? 0, duration: e.attributes.duration ?? 0,
  file: e.attributes.fileName ?? '', op: (e.attributes.operation ?? '').toUpperCase(), created: Date.parse(e.attributes.created ?? '') || 0 });

/** The checksum of seed 11's entries, generated here exactly as the server process generates them. */
async function expectedChecksum(): Promise<string> {
  const reference = await startExaVaultServer({ seed: SEED, sessions: ENTRIES, webhooks: 10, accountName: ACCOUNT, now: new Date(NOW) });
  try {
    return checksumOf(reference.sessions.map(fromWire));
  } finally {
    await reference.close();
  }
}

async function main(): Promise<void> {
  const expected = await expectedChecksum();
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const server = await startServerProcess(port, ['--seed', String(SEED), '--sessions', String(ENTRIES), '--webhooks', '10', '--now', NOW,
    '--account', ACCOUNT, '--api-key', apiKey, '--access-token', accessToken, '--max-limit', String(PAGE_SIZE), '--allowance', '10000000']);
  const baseUrl = new URL(`${server.url}/api/v2`);
  const headers = { 'ev-api-key': apiKey, 'ev-access-token': accessToken, accept: 'application/json' };
  const client = new ExaVaultClient(baseUrl, { apiKey, accessToken }, { maxSockets: PREFETCH });
  const baselineAgent = new http.Agent({ keepAlive: true, maxSockets: PREFETCH });
  try {
    const viaClient = (prefetch: number) => () => timed(async () => {
      const rows: SessionEntry[] = [];
      for await (const page of client.sessionPages({}, { pageSize: PAGE_SIZE, prefetch })) {
        rows.push(...page.entries);
      }
      return rows;
    }, (rows) => checksumOf(rows.map(fromEntry)));
    const baselinePage = (offset: number) =>
      rawPage<SessionEntryWire>(new URL(`${baseUrl.href}/activity/session?offset=${offset}&limit=${PAGE_SIZE}`), headers, baselineAgent);
    const baseline = () => timed(async () => {
      const rows: SessionEntryWire[] = [];
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = await baselinePage(offset);
        rows.push(...page);
        if (page.length < PAGE_SIZE) {
          break;
        }
      }
      return rows;
    }, (rows) => checksumOf(rows.map(fromWire)));

    // Set-up, untimed: what each side gets, and how many calls it takes (so the page size each asks for).
    const pass = async (side: () => Promise<Run>) => {
      await server.control('reset-stats');
      const { checksum } = await side();
      return { checksum, calls: (await server.stats()).requests };
    };
    const viaBaseline = await pass(baseline);
    const viaSequentialClient = await pass(viaClient(1));
    const callsAPass = Math.floor(ENTRIES / PAGE_SIZE) + 1; // the last, empty page says the end is reached
    console.log(`Client benchmark: every session entry (no time window) of the local server, ${PAGE_SIZE} a page.`);
    console.log(verifySetup([
      { what: `session entries the server holds (seed ${SEED}, as of ${NOW})`, claimed: ENTRIES, found: countOf(viaBaseline.checksum) },
      { what: `checksum of the baseline's entries = seed ${SEED}'s generated here`, claimed: expected, found: viaBaseline.checksum },
      { what: `checksum of the client's entries = seed ${SEED}'s generated here`, claimed: expected, found: viaSequentialClient.checksum },
      { what: `API calls a pass, baseline (${PAGE_SIZE} a page)`, claimed: callsAPass, found: viaBaseline.calls },
      { what: `API calls a pass, client (${PAGE_SIZE} a page)`, claimed: callsAPass, found: viaSequentialClient.calls },
    ]).join('\n'));

    const plain = await interleave({ baseline, client: viaClient(1) }, { runs: RUNS, warmups: 0, prepare: () => expected });
    const ratio = median(plain.client.map((m) => m.ms)) / median(plain.baseline.map((m) => m.ms));

    const faults = await server.control('faults', { latencyMs: LATENCY_MS }) as { latencyMs?: number };
    console.log(verifySetup([{ what: 'latency the server adds to every request (ms)', claimed: LATENCY_MS, found: faults.latencyMs ?? 0 }],
      'Set-up verified for the runs with latency:').join('\n'));
    await server.control('reset-stats');
    const slow = await interleave({ baseline, prefetch: viaClient(PREFETCH) }, { runs: 3, warmups: 0, prepare: () => expected });
    const { maxInFlight } = await server.stats();
    const speedup = median(slow.baseline.map((m) => m.ms)) / median(slow.prefetch.map((m) => m.ms));

    const ms = (runs: Run[]) => runs.map((m) => m.ms);
    console.log(`${RUNS} runs each, interleaved, every run's checksum ${expected}:`);
    console.log(spreadLine('baseline (fetch+JSON.parse)', ms(plain.baseline), 0, 28));
    console.log(spreadLine('client, sequential', ms(plain.client), 0, 28));
    console.log(`  client / baseline: ${ratio.toFixed(3)}x (target <= 1.10x)`);
    console.log(`With ${LATENCY_MS} ms added per request, 3 runs each, interleaved:`);
    console.log(spreadLine('baseline, sequential', ms(slow.baseline), 0, 28));
    console.log(spreadLine(`client, prefetch ${PREFETCH}`, ms(slow.prefetch), 0, 28));
    console.log(`  speed-up: ${speedup.toFixed(2)}x (target >= 3x); server's max requests in flight: ${maxInFlight} (configured ${PREFETCH})`);
    const ok = ratio <= 1.10 && speedup >= 3 && maxInFlight <= PREFETCH;
    console.log(ok ? 'All targets met.' : 'TARGET MISSED.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    client.dispose();
    baselineAgent.destroy();
    server.stop();
  }
}

runBenchmark(main);
