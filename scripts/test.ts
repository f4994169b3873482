// `npm test`: every check and suite, each bounded in time, then one line over all of them:
// `N passed, N failed`. Exits non-zero when anything failed or did not run.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runIntegrationSuite } from './lib/integration';
import { packageVsix } from './lib/packageVsix';
import { repoRoot, resultsDir, vsixPath } from './lib/paths';
import { checkChromium, provisionVsCodeServer } from './lib/provision';
import { failedSuite, outcomeFromFile, summaryLines, type SuiteOutcome } from './lib/summary';

const MINUTE = 60_000;
// `npm test -- --only unit,ui --grep Panel` runs a subset while developing; CI runs everything.
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const only = option('--only')?.split(',');
const grep = option('--grep');
const selected = (suite: string) => !only || only.includes(suite);
if (grep) {
  process.env.EXAVAULT_TEST_GREP = grep;
}
const outcomes: SuiteOutcome[] = [];
const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

function heading(text: string): void {
  console.log(`\n=== ${text}`);
}

/** Runs a command with inherited output; resolves with a problem, or undefined on exit 0. */
function runBounded(command: string, args: string[], timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', detached: true });
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      resolve(`timed out after ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve(`failed to start: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : `exited with ${code ?? signal}`);
    });
  });
}

async function check(name: string, command: string, args: string[], timeoutMs: number): Promise<void> {
  heading(name);
  const problem = await runBounded(command, args, timeoutMs);
  outcomes.push(problem ? failedSuite(name, problem) : { name, passed: 1, failed: 0, pending: 0 });
}

async function step(name: string, action: () => Promise<void> | void): Promise<boolean> {
  heading(name);
  try {
    await action();
    outcomes.push({ name, passed: 1, failed: 0, pending: 0 });
    return true;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    outcomes.push(failedSuite(name, 'failed; see above'));
    return false;
  }
}

async function mochaSuite(name: string, dir: string, testTimeoutMs: number, suiteTimeoutMs: number): Promise<void> {
  heading(`${name} suite`);
  const resultsFile = path.join(resultsDir, `${name}.json`);
  fs.rmSync(resultsFile, { force: true });
  const problem = await runBounded(process.execPath, ['--import', 'tsx', path.join('scripts', 'lib', 'runMocha.ts'),
    dir, resultsFile, String(testTimeoutMs)], suiteTimeoutMs);
  // Exit 1 means "some tests failed", already counted in the results; anything else is a problem.
  outcomes.push(outcomeFromFile(name, resultsFile, problem === 'exited with 1' ? undefined : problem));
}

async function integrationSuite(): Promise<void> {
  heading('integration suite (extension host)');
  const resultsFile = path.join(resultsDir, 'integration.json');
  let problem: string | undefined;
  try {
    problem = await runIntegrationSuite(resultsFile, 10 * MINUTE);
  } catch (error) {
    problem = `failed to start: ${error instanceof Error ? error.message : String(error)}`;
  }
  const outcome = outcomeFromFile('integration', resultsFile, problem);
  // The extension host's own output stays in the workbench, so print its results here.
  for (const test of outcome.results?.tests ?? []) {
    console.log(`  ${test.state === 'passed' ? 'ok  ' : test.state === 'failed' ? 'FAIL' : 'skip'} ${test.title}`);
    if (test.error) {
      console.log(test.error.replace(/^/gm, '       '));
    }
  }
  outcomes.push(outcome);
}

async function main(): Promise<void> {
  fs.mkdirSync(resultsDir, { recursive: true });
  if (selected('lint')) {
    await check('lint', bin('eslint'), ['.'], 5 * MINUTE);
    await check('l10n', process.execPath, ['--import', 'tsx', path.join('scripts', 'check-l10n.ts')], MINUTE);
  }
  if (selected('typecheck')) {
    await check('typecheck', bin('tsc'), ['--noEmit', '-p', '.'], 5 * MINUTE);
  }
  const packaged = await step('package', () => {
    const { bytes, files } = packageVsix();
    console.log(`${path.relative(repoRoot, vsixPath)}: ${(bytes / 1024).toFixed(1)} KiB, ${files} files`);
  });
  if (selected('unit')) {
    await mochaSuite('unit', 'test/unit', 10_000, 5 * MINUTE);
  }

  const ready = await step('provision', () => {
    checkChromium();
    provisionVsCodeServer();
  });
  if (!ready || !packaged) {
    const why = !ready ? 'not run: provisioning failed' : 'not run: packaging failed';
    outcomes.push(failedSuite('integration', why), failedSuite('ui', why));
  } else {
    if (selected('integration')) {
      await integrationSuite();
    }
    if (selected('ui')) {
      await mochaSuite('ui', 'test/ui', 2 * MINUTE, 15 * MINUTE);
    }
  }

  console.log('');
  const lines = summaryLines(outcomes);
  console.log(lines.join('\n'));
  process.exitCode = outcomes.some((o) => o.failed > 0) ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`0 passed, 1 failed`);
  process.exitCode = 1;
});
