// `npm run bench:sidebar`: the sidebar's Refresh and regrouping with 10,000 entries loaded over a
// 90-day window, timed in the real extension host against sorting the same entries; target at most
// 3x. No figure is printed unless the set-up was verified (bench/sidebar/index.ts).
import * as path from 'node:path';
import * as fs from 'node:fs';
import { runInExtensionHost } from '../scripts/lib/integration';
import { repoRoot, resultsDir } from '../scripts/lib/paths';
import { chosenBrowser } from '../scripts/lib/browser';
import { provisionVsCodeServer } from '../scripts/lib/provision';
import { ChecksumMismatch, median, runBenchmark, SetupRefused, spreadLine } from './lib';
import type { SidebarBenchResult } from './sidebar/result';

async function main(): Promise<void> {
  await chosenBrowser();
  provisionVsCodeServer();
  const resultsFile = path.join(resultsDir, 'bench-sidebar.json');
  const problem = await runInExtensionHost(path.join(repoRoot, 'out', 'bench', 'sidebar', 'index.js'), resultsFile, 10 * 60_000);
  if (problem) {
    throw new Error(problem);
  }
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SidebarBenchResult;
  if ('failure' in r) {
    const { kind, message } = r.failure;
    throw kind === 'refused' ? new SetupRefused(message) : kind === 'mismatch' ? new ChecksumMismatch(message) : new Error(message);
  }
  console.log(`Sidebar benchmark in the extension host: ${r.entries.toLocaleString('en')} session entries loaded, ${r.runs} interleaved rounds (${r.arrivingPerRound} new entries each).`);
  console.log([...r.setup, ...r.setupAfter].join('\n'));
  console.log(`Every round both sides had the loaded and arrived entries; last checksum ${r.checksum}.`);
  console.log(spreadLine('baseline (sort them from arrival order)', r.baselineRuns));
  console.log(spreadLine('refresh + regroup', r.refreshRuns));
  console.log(spreadLine('  of which Refresh (API call and merge)', r.refreshOnlyRuns));
  const ratio = median(r.refreshRuns) / median(r.baselineRuns);
  console.log(`  ratio of medians: ${ratio.toFixed(2)}x (target <= 3x)`);
  const ok = ratio <= 3;
  console.log(ok ? 'Target met.' : 'TARGET MISSED.');
  process.exitCode = ok ? 0 : 1;
}

runBenchmark(main);
