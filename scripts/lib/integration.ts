// Runs the integration suites inside the real extension host: the VS Code server loads this
// repository as an extension under development, and out/test/integration/index.js as its tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './browser';
import { repoRoot, resultsDir } from './paths';
import { developmentUrl, makeWorkbenchDirs, startDevelopmentServer } from './vscodeServer';

/** Resolves with a problem to report, or undefined when the suite ran to its end. */
export async function runIntegrationSuite(resultsFile: string, timeoutMs: number): Promise<string | undefined> {
  fs.rmSync(resultsFile, { force: true });
  const dirs = makeWorkbenchDirs(path.join(resultsDir, 'integration-workbench'));
  const workbench = await startDevelopmentServer(dirs, { ...process.env, EXAVAULT_TEST_RESULTS: resultsFile });
  const browser = await launchChromium();
  const consoleLog = fs.createWriteStream(path.join(dirs.root, 'browser-console.log'));
  try {
    const page = await browser.newPage();
    page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
    const testsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
    await page.goto(developmentUrl(workbench, repoRoot, testsPath));
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
