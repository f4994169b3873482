// Runs code inside the real extension host: the VS Code server loads this repository as an
// extension under development, and an entry module (the integration suites, a benchmark) as its tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './browser';
import { PACE_SWITCH_QUICK, PACE_SWITCH_VARIABLE } from '../../src/watchView/paceSwitch';
import { repoRoot, resultsDir } from './paths';
import { developmentUrl, makeWorkbenchDirs, startDevelopmentServer, withoutUnusedBuiltins } from './vscodeServer';

/**
 * Resolves with a problem to report, or undefined when the suite ran to its end. The suite's watch
 * tests count polls and heartbeats: under the quick pace they wait seconds for them, not tens of seconds.
 * Its window leaves out the built-in extensions no suite uses.
 */
export function runIntegrationSuite(resultsFile: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return runInExtensionHost(path.join(repoRoot, 'out', 'test', 'integration', 'index.js'), resultsFile, timeoutMs, withoutUnusedBuiltins({ ...env, [PACE_SWITCH_VARIABLE]: PACE_SWITCH_QUICK }));
}

/**
 * Loads this repository as an extension under development and runs `entry` (a module exporting
 * run(), as extensionTestsPath) in the real extension host; it reports through `resultsFile`,
 * named to it in EXAVAULT_TEST_RESULTS.
 */
export async function runInExtensionHost(entry: string, resultsFile: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  fs.rmSync(resultsFile, { force: true });
  // Named after the results file, so runs of one entry at two clocks can share the machine.
  const dirs = makeWorkbenchDirs(path.join(resultsDir, `${path.basename(resultsFile, '.json')}-workbench`));
  // What the extension host's clock should read now: the real time, moved by the clock switch's offset.
  const offsetMs = /^[+-]\d+$/.test(env.FAKETIME ?? '') ? Number(env.FAKETIME) * 1000 : 0;
  const workbench = await startDevelopmentServer(dirs, { ...env, EXAVAULT_TEST_RESULTS: resultsFile, EXAVAULT_EXPECTED_CLOCK: String(Date.now() + offsetMs) });
  const browser = await launchChromium();
  const consoleLog = fs.createWriteStream(path.join(dirs.root, 'browser-console.log'));
  try {
    const page = await browser.newPage();
    page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
    await page.goto(developmentUrl(workbench, repoRoot, entry));
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        return `no results within ${timeoutMs / 1000} s; see ${dirs.root}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return undefined;
  } finally {
    await browser.close();
    await workbench.stop();
    consoleLog.end();
  }
}
