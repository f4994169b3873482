// Shared by the benchmarks: the local server in its own process, set-up checked before anything is
// timed, runs interleaved with the baseline's and checksummed, medians with their spread.
import { spawn } from 'node:child_process';
import type * as http from 'node:http';
import * as path from 'node:path';
import { text } from 'node:stream/consumers';
import { exchange } from '../src/api/transport';

export const repoRoot = path.resolve(__dirname, '..');

export interface ServerProcess {
  readonly url: string;
  /** A control endpoint; resolves with what it answered (the faults now in force, say). */
  control(name: 'faults' | 'clear' | 'reset-stats', body?: unknown): Promise<unknown>;
  stats(): Promise<{ requests: number; maxInFlight: number; connections: number }>;
  stop(): void;
}

/** The local ExaVault server in a child process, so its work is not timed as the client's. */
export async function startServerProcess(port: number, args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'cli.ts'), '--port', String(port), ...args],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await fetch(`${url}/__control/stats`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error('The local ExaVault server did not start.');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    async control(name, body) {
      const response = await fetch(`${url}/__control/${name}`, { method: 'POST', body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } });
      return response.json();
    },
    async stats() {
      return (await (await fetch(`${url}/__control/stats`)).json()) as { requests: number; maxInFlight: number; connections: number };
    },
    stop: () => child.kill(),
  };
}

/**
 * One page of an activity list, the least a client can do for it: Node's http and JSON.parse, nothing
 * else. A keep-alive connection the server closed meanwhile is retried once, as the client does.
 */
export async function rawPage<Entry>(url: URL, headers: Record<string, string>, agent: http.Agent, retried = false): Promise<Entry[]> {
  try {
    const response = await exchange(url, { method: 'GET', headers, agent });
    return (JSON.parse(await text(response.body)) as { data: Entry[] }).data;
  } catch (error) {
    if (!retried && (error as { code?: unknown }).code === 'ECONNRESET') {
      return rawPage(url, headers, agent, true);
    }
    throw error;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) {
    throw new Error('No runs to summarize.');
  }
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** One line of figures: the median and its spread over the runs. */
export function spreadLine(name: string, values: readonly number[], digits = 1, width = 40): string {
  const { median: m, min, max } = spread(values);
  return `  ${name.padEnd(width)} median ${m.toFixed(digits).padStart(8)} ms   min–max ${min.toFixed(digits)}–${max.toFixed(digits)} ms   (${values.length} runs)`;
}

/** One timed run of one side, and the checksum of what it produced. */
export interface Run {
  ms: number;
  checksum: string;
}

/** Times `work` alone; what it produced is checksummed afterwards, untimed. */
export async function timed<T>(work: () => Promise<T> | T, checksum: (result: T) => string): Promise<Run> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  return { ms, checksum: checksum(result) };
}

/** The benchmark's own figures disagree with themselves: the run fails. */
export class ChecksumMismatch extends Error {}

export interface InterleaveOptions {
  runs: number;
  /** Rounds run first and thrown away (their checksums are still compared). */
  warmups?: number;
  /**
   * Untimed work before each round, warm-ups included (new entries arriving, say); resolves with the
   * checksum every side must produce in that round, when it is known beforehand.
   */
  prepare?: () => Promise<string | undefined> | string | undefined;
}

/**
 * Runs the sides round by round, each once a round, which one goes first rotating from round to
 * round so that neither always runs on a warmer (or busier) machine. Within a round every side must
 * produce the same checksum; otherwise ChecksumMismatch.
 */
export async function interleave<K extends string>(sides: Record<K, () => Promise<Run>>, options: InterleaveOptions): Promise<Record<K, Run[]>> {
  const names = Object.keys(sides) as K[];
  const results = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as Record<K, Run[]>;
  const warmups = options.warmups ?? 1;
  for (let round = -warmups; round < options.runs; round++) {
    const expected = await options.prepare?.();
    const first = ((round % names.length) + names.length) % names.length;
    const order = [...names.slice(first), ...names.slice(0, first)];
    const runs = {} as Record<K, Run>;
    for (const name of order) {
      runs[name] = await sides[name]();
    }
    const checksums = new Set([...names.map((name) => runs[name].checksum), ...(expected === undefined ? [] : [expected])]);
    if (checksums.size !== 1) {
      const label = round < 0 ? `warm-up ${round + warmups + 1}` : `round ${round + 1}`;
      const found = names.map((name) => `${name} ${runs[name].checksum}`).join(', ');
      throw new ChecksumMismatch(`Checksums differ in ${label}: ${found}${expected === undefined ? '' : `, expected ${expected}`}`);
    }
    if (round >= 0) {
      names.forEach((name) => results[name].push(runs[name]));
    }
  }
  return results;
}

/** The set-up is not what the benchmark says it measures: no figure is printed. */
export class SetupRefused extends Error {}

/** Something the benchmark says about its set-up, and what it found. */
export interface Claim {
  what: string;
  claimed: string | number | boolean;
  found: string | number | boolean;
}

/** Lines saying what was verified; SetupRefused naming every claim that does not hold. */
export function verifySetup(claims: readonly Claim[], heading = 'Set-up verified:'): string[] {
  const wrong = claims.filter((claim) => claim.claimed !== claim.found);
  if (wrong.length > 0) {
    throw new SetupRefused(`The set-up is not as claimed, so no figures:\n${wrong.map((c) => `  ${c.what}: claimed ${show(c.claimed)}, found ${show(c.found)}`).join('\n')}`);
  }
  return [heading, ...claims.map((c) => `  ${c.what}: ${show(c.claimed)}`)];
}

const show = (value: string | number | boolean) => (typeof value === 'number' ? value.toLocaleString('en') : String(value));

/** Runs a benchmark's main: a refused set-up says so plainly; any failure exits non-zero. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    // A refusal or a mismatch is the message itself; anything else comes with its stack.
    console.error(error instanceof SetupRefused || error instanceof ChecksumMismatch ? error.message : error);
    process.exitCode = 1;
  });
}
