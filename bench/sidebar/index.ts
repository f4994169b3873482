// Runs inside the real extension host (loaded as extensionTestsPath by bench/sidebar.ts): with
// 10,000 session entries loaded, times Refresh (one API call to the local server, merging the entries
// that arrived) plus regrouping every group's rows, against a baseline that only sorts the same
// entries from the order they arrived in, the two alternating round by round in the same run; each
// round checks that the tree shows exactly the loaded entries.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { FeedEntry } from '../../src/activity/activityFeed';
import { startExaVaultServer } from '../../server/index';
import { median } from '../lib';

const LOADED = 10_000;
const RUNS = 15;
const ARRIVING = 3;

const newestFirst = (a: FeedEntry, b: FeedEntry) => (b.created ?? 0) - (a.created ?? 0) || b.id - a.id;
// Order-independent, so that it costs both sides the same and checks the same set of entries.
const checksum = (entries: readonly FeedEntry[]) => `${entries.length}:${entries.reduce((sum, e) => (sum + e.id * 2654435761) % 1_000_000_007, 0)}`;

/** A fixed pseudo-random order (Fisher-Yates with a small LCG): the same in every run. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  let seed = 12345;
  for (let i = copy.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export async function run(): Promise<void> {
  const output = process.env.EXAVAULT_TEST_RESULTS!;
  const server = await startExaVaultServer({ seed: 77, sessions: LOADED + 500, webhooks: 10, accountName: 'bench', dailyAllowance: 1_000_000 });
  const config = vscode.workspace.getConfiguration('exavault');
  try {
    const api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await config.update('sidebar.timeWindowHours', 2160, vscode.ConfigurationTarget.Global);
    await config.update('pageSize', 1000, vscode.ConfigurationTarget.Global);
    await api.store.add({ label: 'bench', accountName: 'bench', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken });
    const view = api.views.sessions;
    await view.reload();
    while (view.current!.entries.length < LOADED) {
      await view.loadMore();
    }
    // Refreshes ask for one ordinary page.
    await config.update('pageSize', 100, vscode.ConfigurationTarget.Global);

    // Each round: a few entries arrive (untimed), then Refresh brings them in and the tree regroups
    // (timed), then the baseline sorts the very same entries from arrival order (timed).
    const regroup = async () => {
      const seen: FeedEntry[] = [];
      for (const node of (await view.rows.getChildren()) ?? []) {
        await view.rows.getTreeItem(node);
        for (const child of (await view.rows.getChildren(node)) ?? []) {
          if (child.kind === 'entry') {
            seen.push(child.entry);
          }
        }
      }
      return seen;
    };
    const results: Record<'baseline' | 'refreshAndRegroup', { ms: number; checksum: string }[]> = { baseline: [], refreshAndRegroup: [] };
    const refreshOnly: number[] = [];
    for (let round = -2; round < RUNS; round++) {
      server.arrive({ sessions: ARRIVING });
      let started = performance.now();
      await view.refresh();
      const fetchedMs = performance.now() - started;
      const shown = await regroup();
      const refreshMs = performance.now() - started;
      const arrivalOrder = shuffled(view.current!.entries);
      started = performance.now();
      const sorted = [...arrivalOrder].sort(newestFirst);
      const baselineMs = performance.now() - started;
      const [a, b] = [checksum(shown), checksum(sorted)];
      if (a !== b || shown.length !== view.current!.entries.length) {
        throw new Error(`round ${round}: the tree shows ${a}, the loaded entries are ${b}`);
      }
      if (round >= 0) { // the first two rounds warm up
        results.refreshAndRegroup.push({ ms: refreshMs, checksum: a });
        refreshOnly.push(fetchedMs);
        results.baseline.push({ ms: baselineMs, checksum: b });
      }
    }
    const ms = (name: 'baseline' | 'refreshAndRegroup') => results[name].map((m) => m.ms);
    const ratio = median(ms('refreshAndRegroup')) / median(ms('baseline'));
    fs.writeFileSync(output, JSON.stringify({
      entries: view.current!.entries.length,
      runs: RUNS,
      baselineMedianMs: median(ms('baseline')),
      refreshMedianMs: median(ms('refreshAndRegroup')),
      refreshOnlyMedianMs: median(refreshOnly),
      ratio,
      checksum: results.baseline.at(-1)!.checksum,
      arrivingPerRound: ARRIVING,
      baselineRuns: ms('baseline'),
      refreshRuns: ms('refreshAndRegroup'),
    }));
    await api.store.removeAll();
  } catch (error) {
    fs.writeFileSync(output, JSON.stringify({ error: String(error instanceof Error ? error.stack : error) }));
  } finally {
    await server.close();
  }
}
