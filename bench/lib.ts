// Shared by the benchmarks: the local server in its own process, interleaved runs, medians.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');

export interface ServerProcess {
  readonly url: string;
  control(name: 'faults' | 'clear' | 'reset-stats', body?: unknown): Promise<void>;
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
      await response.arrayBuffer();
    },
    async stats() {
      return (await (await fetch(`${url}/__control/stats`)).json()) as { requests: number; maxInFlight: number; connections: number };
    },
    stop: () => child.kill(),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Measured {
  ms: number;
  checksum: string;
}

/** Runs each variant `runs` times, alternating, after one untimed warm-up each; checksums must agree. */
export async function interleave(variants: Record<string, () => Promise<string>>, runs: number): Promise<Record<string, Measured[]>> {
  const results: Record<string, Measured[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const run of Object.values(variants)) {
    await run();
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      const checksum = await run();
      results[name]!.push({ ms: performance.now() - started, checksum });
    }
  }
  const checksums = new Set(Object.values(results).flat().map((m) => m.checksum));
  if (checksums.size !== 1) {
    throw new Error(`Checksums differ between runs or variants: ${[...checksums].join(', ')}`);
  }
  return results;
}
