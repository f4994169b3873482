// Runs inside the real extension host (loaded as extensionTestsPath by bench/sidebar.ts): with
// 10,000 session entries loaded over a 90-day window, times Refresh (one API call to the local
// server, merging the entries that arrived) plus regrouping every group's rows, against a baseline
// that only sorts the same entries from the order they arrived in, interleaved round by round. The
// set-up is verified before anything is timed and again after; every round both sides must account
// for exactly the entries loaded plus those that arrived.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { FeedEntry } from '../../src/activity/activityFeed';
import type { SessionEntry } from '../../src/api/models';
import { normalizeSession } from '../../src/api/normalize';
import { startExaVaultServer } from '../../server/index';
import { ChecksumMismatch, interleave, SetupRefused, timed, verifySetup, type Claim } from '../lib';
import type { SidebarBenchResult } from './result';

const LOADED = 10_000;
const WINDOW_HOURS = 2160;
const PAGE_SIZE = 100;
const SEED = 77;
const SERVER_SESSIONS = LOADED + 500;
const RUNS = 15;
const WARMUPS = 2;
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

/** Changes a setting and resolves once the extension host reads the new value (its change event may come later than the write). */
async function applySetting(name: string, value: number): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('exavault');
  const applied = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration(() => {
      if (config().get(name) === value) {
        subscription.dispose();
        resolve();
      }
    });
  });
  await config().update(name, value, vscode.ConfigurationTarget.Global);
  if (config().get(name) !== value) {
    await applied;
  }
}

export async function run(): Promise<void> {
  const output = process.env.EXAVAULT_TEST_RESULTS!;
  const write = (result: SidebarBenchResult) => fs.writeFileSync(output, JSON.stringify(result));
  const server = await startExaVaultServer({ seed: SEED, sessions: SERVER_SESSIONS, webhooks: 10, accountName: 'bench', dailyAllowance: 1_000_000 });
  try {
    const api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await applySetting('sidebar.timeWindowHours', WINDOW_HOURS);
    await applySetting('pageSize', PAGE_SIZE);
    await api.store.add({ label: 'bench', accountName: 'bench', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken });
    const view = api.views.sessions;
    await view.reload();
    while (view.current!.entries.length < LOADED && view.current!.hasMore && !view.current!.error) {
      await view.loadMore();
    }
    const feed = view.current!;

    const since = Date.now() - WINDOW_HOURS * 3_600_000;
    const settingsClaims = (): Claim[] => [
      { what: 'time window the extension reads (hours)', claimed: WINDOW_HOURS, found: vscode.workspace.getConfiguration('exavault').get<number>('sidebar.timeWindowHours')! },
      { what: 'page size the extension reads', claimed: PAGE_SIZE, found: vscode.workspace.getConfiguration('exavault').get<number>('pageSize')! },
      { what: 'window the view names', claimed: 'last 90 days', found: /last 90 days/.test(view.treeView.description ?? '') ? 'last 90 days' : String(view.treeView.description) },
      { what: 'the feed loaded is still the one measured', claimed: true, found: view.current === feed },
    ];
    const setup = verifySetup([
      { what: `session entries on the local server (seed ${SEED})`, claimed: SERVER_SESSIONS, found: server.sessions.length },
      ...settingsClaims(),
      { what: 'session entries loaded', claimed: LOADED, found: feed.entries.length },
      { what: 'all of them inside the window', claimed: true, found: feed.entries.every((e) => (e.created ?? 0) >= since) },
      { what: "they are the server's newest (checksum)", claimed: checksum(server.sessions.slice(0, LOADED).map(normalizeSession)), found: checksum(feed.entries) },
      { what: `API calls that loaded them (${PAGE_SIZE} a page)`, claimed: LOADED / PAGE_SIZE, found: feed.requests },
    ]);

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
    // Each round: a few entries arrive (untimed); Refresh brings them in and the tree regroups, and
    // the baseline sorts the very same entries (those loaded and those that arrived) from arrival order.
    let arrivalOrder: SessionEntry[] = [];
    const refreshOnlyMs: number[] = [];
    const runs = await interleave({
      baseline: () => timed(() => [...arrivalOrder].sort(newestFirst), checksum),
      refreshAndRegroup: () => timed(async () => {
        const started = performance.now();
        await view.refresh();
        refreshOnlyMs.push(performance.now() - started);
        return regroup();
      }, checksum),
    }, {
      runs: RUNS,
      warmups: WARMUPS,
      prepare: () => {
        const arrived = server.arrive({ sessions: ARRIVING }).sessions.map(normalizeSession);
        const expected = [...feed.entries, ...arrived];
        arrivalOrder = shuffled(expected);
        return checksum(expected);
      },
    });
    const rounds = RUNS + WARMUPS;
    const after = verifySetup([
      ...settingsClaims(),
      { what: `session entries loaded after ${rounds} rounds of ${ARRIVING} arrivals`, claimed: LOADED + rounds * ARRIVING, found: feed.entries.length },
    ], 'Still so after the runs:');
    write({
      setup,
      setupAfter: after,
      entries: LOADED,
      runs: RUNS,
      arrivingPerRound: ARRIVING,
      baselineRuns: runs.baseline.map((r) => r.ms),
      refreshRuns: runs.refreshAndRegroup.map((r) => r.ms),
      refreshOnlyRuns: refreshOnlyMs.slice(WARMUPS),
      checksum: runs.baseline.at(-1)!.checksum,
    });
    await api.store.removeAll();
  } catch (error) {
    const kind = error instanceof SetupRefused ? 'refused' : error instanceof ChecksumMismatch ? 'mismatch' : 'error';
    write({ failure: { kind, message: String(kind === 'error' && error instanceof Error ? error.stack : error instanceof Error ? error.message : error) } });
  } finally {
    await server.close();
  }
}
