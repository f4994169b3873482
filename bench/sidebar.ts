// `npm run bench:sidebar`: the sidebar's Refresh and regrouping with 10,000 entries loaded, timed in
// the real extension host against sorting the same entries; target at most 3x.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { runInExtensionHost } from '../scripts/lib/integration';
import { repoRoot, resultsDir } from '../scripts/lib/paths';
import { chosenBrowser } from '../scripts/lib/browser';
import { provisionVsCodeServer } from '../scripts/lib/provision';

async function main(): Promise<void> {
  await chosenBrowser();
  provisionVsCodeServer();
  const resultsFile = path.join(resultsDir, 'bench-sidebar.json');
  const problem = await runInExtensionHost(path.join(repoRoot, 'out', 'bench', 'sidebar', 'index.js'), resultsFile, 10 * 60_000);
  if (problem) {
    throw new Error(problem);
  }
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Record<string, number | string | number[]>;
  if (r.error) {
    throw new Error(String(r.error));
  }
  const runs = (values: unknown) => (values as number[]).map((v) => v.toFixed(1)).join(' ');
  console.log(`Sidebar benchmark in the extension host: ${r.entries} session entries loaded, ${r.runs} rounds (${r.arrivingPerRound} new entries each), medians.`);
  console.log(`  baseline (sort them from arrival order) median ${Number(r.baselineMedianMs).toFixed(1)} ms   runs ${runs(r.baselineRuns)}`);
  console.log(`  refresh + regroup                       median ${Number(r.refreshMedianMs).toFixed(1)} ms   runs ${runs(r.refreshRuns)}`);
  console.log(`    of which Refresh itself (API call and merge)  median ${Number(r.refreshOnlyMedianMs).toFixed(1)} ms`);
  console.log(`  ratio: ${Number(r.ratio).toFixed(2)}x (target <= 3x)   checksum ${r.checksum}`);
  const ok = Number(r.ratio) <= 3;
  console.log(ok ? 'Target met.' : 'TARGET MISSED.');
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
