// `npm run bench:client`: 100,000 session entries through the client, against a baseline in the
// same run that fetches the same number of pages with the same HTTP stack (node-fetch, keep-alive
// agent, same headers) and only JSON.parse. Runs interleaved, medians reported, and a checksum of
// the fields the client normalizes proves both saw every entry.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import fetch from 'node-fetch';
import { ExaVaultClient } from '../src/api/client';
import type { SessionEntry } from '../src/api/models';
import type { ListResponse, SessionEntryWire } from '../src/api/wire';
import { interleave, median, startServerProcess } from './lib';

const ENTRIES = 100_000;
const PAGE_SIZE = 1000;
const RUNS = 11;
const PREFETCH = 6;
const LATENCY_MS = 50;
const apiKey = 'bench-zwSuWUZ8S38h33qPS8v0s';
const accessToken = 'be'.repeat(32);

function checksumOf(rows: Iterable<{ id: number; bytes: number; duration: number; file: string; op: string; created: number }>): string {
  const hash = createHash('sha256');
  let count = 0;
  for (const row of rows) {
    hash.update(`${row.id}|${row.bytes}|${row.duration}|${row.file}|${row.op}|${row.created}\n`);
    count++;
  }
  return `${count}:${hash.digest('hex').slice(0, 16)}`;
}

const fromEntry = (e: SessionEntry) => ({ id: e.id, bytes: e.bytesTransferred ?? 0, duration: e.durationSeconds ?? 0,
  file: e.fileName, op: e.operation, created: e.created ?? 0 });
const fromWire = (e: SessionEntryWire) => ({ id: e.id, bytes: e.attributes.bytesTransferred ?? 0, duration: e.attributes.duration ?? 0,
  file: e.attributes.fileName ?? '', op: (e.attributes.operation ?? '').toUpperCase(), created: Date.parse(e.attributes.created ?? '') || 0 });

async function main(): Promise<void> {
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const server = await startServerProcess(port, ['--seed', '11', '--sessions', String(ENTRIES), '--webhooks', '10',
    '--api-key', apiKey, '--access-token', accessToken, '--max-limit', String(PAGE_SIZE), '--allowance', '10000000']);
  const baseUrl = new URL(`${server.url}/api/v2`);
  const headers = { 'ev-api-key': apiKey, 'ev-access-token': accessToken, accept: 'application/json' };
  try {
    const client = new ExaVaultClient(baseUrl, { apiKey, accessToken }, { maxSockets: PREFETCH });
    const baselineAgent = new http.Agent({ keepAlive: true, maxSockets: PREFETCH });

    const viaClient = (prefetch: number) => async () => {
      const rows: SessionEntry[] = [];
      for await (const page of client.sessionPages({}, { pageSize: PAGE_SIZE, prefetch })) {
        rows.push(...page.entries);
      }
      return checksumOf(rows.map(fromEntry));
    };
    const baseline = async () => {
      const rows: SessionEntryWire[] = [];
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const response = await fetch(`${baseUrl.href}/activity/session?offset=${offset}&limit=${PAGE_SIZE}`, { headers, agent: baselineAgent });
        const body = JSON.parse(await response.text()) as ListResponse<SessionEntryWire>;
        rows.push(...body.data);
        if (body.data.length < PAGE_SIZE) {
          break;
        }
      }
      return checksumOf(rows.map(fromWire));
    };

    console.log(`Client benchmark: ${ENTRIES.toLocaleString('en')} session entries, ${PAGE_SIZE} a page, ${RUNS} interleaved runs each, medians.`);
    const plain = await interleave({ baseline, client: viaClient(1) }, RUNS);
    const ratio = median(plain.client!.map((m) => m.ms)) / median(plain.baseline!.map((m) => m.ms));

    await server.control('faults', { latencyMs: LATENCY_MS });
    await server.control('reset-stats');
    const slow = await interleave({ baseline, prefetch: viaClient(PREFETCH) }, 3);
    const { maxInFlight } = await server.stats();
    const speedup = median(slow.baseline!.map((m) => m.ms)) / median(slow.prefetch!.map((m) => m.ms));

    const row = (name: string, runs: { ms: number; checksum: string }[]) =>
      `  ${name.padEnd(28)} median ${median(runs.map((m) => m.ms)).toFixed(0).padStart(6)} ms   runs ${runs.map((m) => m.ms.toFixed(0)).join(' ')}`;
    console.log(row('baseline (fetch+JSON.parse)', plain.baseline!));
    console.log(row('client, sequential', plain.client!));
    console.log(`  client / baseline: ${ratio.toFixed(3)}x (target <= 1.10x)   checksum ${plain.client![0]!.checksum}`);
    console.log(`With ${LATENCY_MS} ms added per request:`);
    console.log(row('baseline, sequential', slow.baseline!));
    console.log(row(`client, prefetch ${PREFETCH}`, slow.prefetch!));
    console.log(`  speed-up: ${speedup.toFixed(2)}x (target >= 3x); server's max requests in flight: ${maxInFlight} (configured ${PREFETCH})`);
    const ok = ratio <= 1.10 && speedup >= 3 && maxInFlight <= PREFETCH;
    console.log(ok ? 'All targets met.' : 'TARGET MISSED.');
    process.exitCode = ok ? 0 : 1;
    client.dispose();
    baselineAgent.destroy();
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
