// `npm test`: every check and suite, each bounded in time, then one line over all of them:
// `N passed, N failed`. Exits non-zero when anything failed or did not run.
//
// Switches (see the README): `--only unit,ui` and `--grep TITLE` run a subset; `--clock TIME` runs
// the suites with the wall clock at TIME; `--also-at TIME` runs the unit and integration suites a
// second time at TIME; `--stress` keeps every core busy while the suites run. The checks and the unit
// suites run side by side; the workbench suites (integration, ui) one at a time after them.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clockEnvironment, parseClock } from './lib/clock';
import { runIntegrationSuite } from './lib/integration';
import { repoRoot, resultsDir } from './lib/paths';
import { chosenBrowser } from './lib/browser';
import { provisionVsCodeServer } from './lib/provision';
import { startLoad } from './lib/stress';
import { failedSuite, outcomeFromFile, summaryLines, type SuiteOutcome } from './lib/summary';

const MINUTE = 60_000;
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const only = option('--only')?.split(',');
const grep = option('--grep');
const clock = option('--clock');
const alsoAt = option('--also-at');
const stress = args.includes('--stress');
const selected = (suite: string) => !only || only.includes(suite);
if (grep) {
  process.env.EXAVAULT_TEST_GREP = grep;
}
const outcomes: SuiteOutcome[] = [];
const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

function heading(text: string): void {
  console.log(`\n=== ${text}`);
}

/**
 * Runs a command; resolves with a problem, or undefined on exit 0. Its output is inherited or, given
 * `held`, collected there (a job that runs beside others prints its output whole when it ends).
 */
function runBounded(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env, held?: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: true, env });
    const hold = (chunk: Buffer) => held?.push(chunk.toString());
    child.stdout?.on('data', hold);
    child.stderr?.on('data', hold);
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      resolve(`timed out after ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve(`failed to start: ${error.message}`);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : `exited with ${code ?? signal}`);
    });
  });
}

/** Runs `work` under a heading and records its outcome with how long it took. */
async function timed(name: string, work: () => Promise<Omit<SuiteOutcome, 'seconds'>>): Promise<SuiteOutcome> {
  heading(name);
  const started = Date.now();
  const outcome = { ...await work(), seconds: (Date.now() - started) / 1000 };
  outcomes.push(outcome);
  return outcome;
}

/** A check or suite in a child process; `held` as for runBounded. */
interface Job {
  readonly heading: string;
  readonly name: string;
  run(held?: string[]): Promise<Omit<SuiteOutcome, 'seconds'>>;
}

/** Runs a job on its own, its output live. */
function alone(job: Job): Promise<SuiteOutcome> {
  return timed(job.heading, () => job.run());
}

/**
 * Runs jobs that share nothing (no workbench, no browser, no fixed file) side by side, as the machine
 * has a core to spare while each runs; outcomes are recorded in the jobs' order, each with its own time.
 */
async function together(jobs: readonly Job[]): Promise<SuiteOutcome[]> {
  console.log(`\nSide by side: ${jobs.map((job) => job.name).join(', ')}.`);
  const done = await Promise.all(jobs.map(async (job) => {
    const held: string[] = [];
    const started = Date.now();
    const outcome = await job.run(held);
    const seconds = (Date.now() - started) / 1000;
    heading(`${job.heading} (${seconds.toFixed(0)} s)`);
    process.stdout.write(held.join(''));
    return { ...outcome, seconds };
  }));
  outcomes.push(...done);
  return done;
}

function checkJob(name: string, command: string, args: string[], timeoutMs: number): Job {
  return {
    heading: name,
    name,
    run: async (held) => {
      const problem = await runBounded(command, args, timeoutMs, process.env, held);
      return problem ? failedSuite(name, problem) : { name, passed: 1, failed: 0, pending: 0 };
    },
  };
}

async function step(name: string, action: () => Promise<void> | void): Promise<boolean> {
  const outcome = await timed(name, async () => {
    try {
      await action();
      return { name, passed: 1, failed: 0, pending: 0 };
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return failedSuite(name, 'failed; see above');
    }
  });
  return outcome.failed === 0;
}

/** A suite's name in the summary: `unit`, or `unit @2028-02-29T23:58Z` when it ran at another time. */
const named = (suite: string, at?: string) => (at ? `${suite} @${at}` : suite);

function mochaJob(suite: string, dir: string, testTimeoutMs: number, suiteTimeoutMs: number, env: NodeJS.ProcessEnv, at?: string): Job {
  const name = named(suite, at);
  return {
    heading: `${name} suite`,
    name,
    run: async (held) => {
      const resultsFile = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.json`);
      fs.rmSync(resultsFile, { force: true });
      const problem = await runBounded(process.execPath, ['--import', 'tsx', path.join('scripts', 'lib', 'runMocha.ts'),
        dir, resultsFile, String(testTimeoutMs)], suiteTimeoutMs, env, held);
      // Exit 1 means "some tests failed", already counted in the results; anything else is a problem.
      return outcomeFromFile(name, resultsFile, problem === 'exited with 1' ? undefined : problem);
    },
  };
}

function integrationSuite(env: NodeJS.ProcessEnv, at?: string): Promise<SuiteOutcome> {
  const name = named('integration', at);
  return timed(`${name} suite (extension host)`, async () => {
    const resultsFile = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.json`);
    let problem: string | undefined;
    try {
      problem = await runIntegrationSuite(resultsFile, 10 * MINUTE, env);
    } catch (error) {
      problem = `failed to start: ${error instanceof Error ? error.message : String(error)}`;
    }
    const outcome = outcomeFromFile(name, resultsFile, problem);
    // The extension host's own output stays in the workbench, so print its results here.
    for (const test of outcome.results?.tests ?? []) {
      console.log(`  ${test.state === 'passed' ? 'ok  ' : test.state === 'failed' ? 'FAIL' : 'skip'} ${test.title}`);
      if (test.error) {
        console.log(test.error.replace(/^/gm, '       '));
      }
    }
    return outcome;
  });
}

/** The suites' environment at `time` (given on the command line), and the time as the summary names it. */
function atClock(time: string): { env: NodeJS.ProcessEnv; at: string } {
  const ms = parseClock(time);
  const at = new Date(ms).toISOString().replace(/:00\.000Z$|\.000Z$/, 'Z');
  const env = { ...process.env, ...clockEnvironment(ms) };
  console.log(`Clock switch: the suites' wall clock reads ${new Date(ms).toISOString()} at their start (libfaketime, offset ${env.FAKETIME} s).`);
  return { env, at };
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.mkdirSync(resultsDir, { recursive: true });
  // Checked before anything runs, so a mistyped time or a missing libfaketime fails at once.
  const clocked = clock ? atClock(clock) : undefined;
  const again = alsoAt ? atClock(alsoAt) : undefined;
  const env = clocked?.env ?? process.env;
  const load = stress ? startLoad(90 * MINUTE) : undefined;
  if (load) {
    console.log(`Load switch: ${load.loops} busy loops (one per core) run until the suites end.`);
  }
  try {
    await runAll(env, clocked?.at, again);
  } finally {
    load?.stop();
  }
  console.log('');
  const lines = summaryLines(outcomes, (Date.now() - started) / 1000);
  console.log(lines.join('\n'));
  process.exitCode = outcomes.some((o) => o.failed > 0) ? 1 : 0;
}

async function runAll(env: NodeJS.ProcessEnv, at: string | undefined, again: { env: NodeJS.ProcessEnv; at: string } | undefined): Promise<void> {
  // Everything before provisioning runs in plain Node and shares nothing: side by side.
  const first: Job[] = [];
  if (selected('lint')) {
    first.push(checkJob('lint', bin('eslint'), ['.'], 5 * MINUTE));
    first.push(checkJob('l10n', process.execPath, ['--import', 'tsx', path.join('scripts', 'check-l10n.ts')], MINUTE));
  }
  if (selected('typecheck')) {
    first.push(checkJob('typecheck', bin('tsc'), ['--noEmit', '-p', '.'], 5 * MINUTE));
  }
  first.push(checkJob('package', process.execPath, ['--import', 'tsx', path.join('scripts', 'package.ts')], 5 * MINUTE));
  const unit = (suiteEnv: NodeJS.ProcessEnv, suiteAt?: string) => mochaJob('unit', 'test/unit', 10_000, 12 * MINUTE, suiteEnv, suiteAt);
  if (selected('unit')) {
    first.push(unit(env, at));
    if (again) {
      first.push(unit(again.env, again.at));
    }
  }
  const packaged = (await together(first)).some((outcome) => outcome.name === 'package' && outcome.failed === 0);

  // Provisioning talks to the npm registry: always on the real clock (certificates have dates).
  const ready = await step('provision', async () => {
    provisionVsCodeServer();
    await chosenBrowser();
  });
  if (!ready || !packaged) {
    const why = !ready ? 'not run: provisioning failed' : 'not run: packaging failed';
    outcomes.push(failedSuite('integration', why), failedSuite('ui', why));
    return;
  }
  // Each workbench suite starts a VS Code server and a browser: one at a time.
  if (selected('integration')) {
    await integrationSuite(env, at);
  }
  if (selected('ui')) {
    await alone(mochaJob('ui', 'test/ui', 2 * MINUTE, 20 * MINUTE, env, at));
  }
  if (again && selected('integration')) {
    await integrationSuite(again.env, again.at);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`0 passed, 1 failed`);
  process.exitCode = 1;
});
