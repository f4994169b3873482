// `npm test`: every check and suite, each bounded in time, then one line over all of them:
// `N passed, N failed`. Exits non-zero when anything failed or did not run.
//
// Switches (see the README): `--only unit,ui` and `--grep TITLE` run a subset; `--clock TIME` runs
// the suites with the wall clock at TIME; `--also-at TIME` runs the unit and integration suites a
// second time at TIME; `--stress` keeps every core busy while the suites run; `--workbenches N` sets
// how many workbenches run at once (2 unless told). The checks and the unit suites run side by side;
// then the workbench suites (integration, and ui a test file at a time), N workbenches at once.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clockEnvironment, parseClock } from './lib/clock';
import { runIntegrationSuite } from './lib/integration';
import { repoRoot, resultsDir } from './lib/paths';
import { chosenBrowser } from './lib/browser';
import { provisionVsCodeServer } from './lib/provision';
import { startLoad } from './lib/stress';
import { failedSuite, outcomeFromFile, outcomeFromParts, summaryLines, type SuiteOutcome } from './lib/summary';

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
const workbenches = Number(option('--workbenches') ?? 2);
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

/**
 * Runs jobs that share nothing (no fixed file, port or folder) side by side, at most `width` at once,
 * in the order given, as the machine has a core to spare while each runs (a workbench test spends most
 * of its time waiting for the workbench to answer). Each job's output is printed whole when it ends;
 * outcomes come back in the jobs' order, each with its own time.
 */
async function sideBySide(jobs: readonly Job[], width = jobs.length): Promise<SuiteOutcome[]> {
  console.log(`\nSide by side, ${Math.min(width, jobs.length)} at once: ${jobs.map((job) => job.name).join(', ')}.`);
  const done: SuiteOutcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      const held: string[] = [];
      const started = Date.now();
      const outcome = await job.run(held);
      const seconds = (Date.now() - started) / 1000;
      heading(`${job.heading} (${seconds.toFixed(0)} s)`);
      process.stdout.write(held.join(''));
      done[index] = { ...outcome, seconds };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
  return done;
}

/** Runs jobs side by side and records their outcomes. */
async function together(jobs: readonly Job[]): Promise<SuiteOutcome[]> {
  const done = await sideBySide(jobs);
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

function integrationJob(env: NodeJS.ProcessEnv, at?: string): Job {
  const name = named('integration', at);
  return {
    heading: `${name} suite (extension host)`,
    name,
    run: async (held) => {
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
        held?.push(`  ${test.state === 'passed' ? 'ok  ' : test.state === 'failed' ? 'FAIL' : 'skip'} ${test.title}\n`);
        if (test.error) {
          held?.push(`${test.error.replace(/^/gm, '       ')}\n`);
        }
      }
      return outcome;
    },
  };
}

/**
 * The UI suite's test files, longest first as the last run timed them (else by their number of tests),
 * so two workbenches at once finish together rather than one waiting on a long file started last.
 */
function uiTestFiles(): string[] {
  const dir = path.join('test', 'ui');
  const timings = readUiTimings();
  const weight = (file: string) => timings[file] ?? (fs.readFileSync(file, 'utf8').match(/^\s*it\(/gm)?.length ?? 1) * UI_SECONDS_PER_TEST;
  return fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => path.join(dir, name))
    .sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
}

/** A guess for a file the last run did not time: about what a UI test took on average. */
const UI_SECONDS_PER_TEST = 7;
const uiTimingsFile = path.join(resultsDir, 'ui-file-seconds.json');

function readUiTimings(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(uiTimingsFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** One UI test file in a mocha process of its own; its results go to `ui-<file>.json`, read by uiOutcome. */
function uiFileJob(file: string, env: NodeJS.ProcessEnv, at?: string): Job & { readonly resultsFile: string } {
  const name = named('ui', at);
  const resultsFile = path.join(resultsDir, `${name.replace(/\W+/g, '-')}-${path.basename(file, '.test.ts')}.json`);
  return {
    heading: `${name}: ${file}`,
    name: path.basename(file),
    resultsFile,
    run: async (held) => {
      fs.rmSync(resultsFile, { force: true });
      const problem = await runBounded(process.execPath, ['--import', 'tsx', path.join('scripts', 'lib', 'runMocha.ts'),
        file, resultsFile, String(2 * MINUTE)], 15 * MINUTE, env, held);
      return { name: file, passed: 0, failed: 0, pending: 0, ...(problem && problem !== 'exited with 1' ? { problem } : {}) };
    },
  };
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
    first.push(checkJob('l10n', process.execPath, ['--import', 'tsx', path.join('scripts', 'check-l10n.ts')], 5 * MINUTE));
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
  // Each workbench job starts a VS Code server and a browser of its own (its own folders and ports):
  // the UI suite a test file at a time, longest first, beside the extension-host suites.
  const uiFiles = selected('ui') ? uiTestFiles().map((file) => uiFileJob(file, env, at)) : [];
  const hosts = selected('integration') ? [integrationJob(env, at), ...(again ? [integrationJob(again.env, again.at)] : [])] : [];
  const started = Date.now();
  const done = await sideBySide([...uiFiles.slice(0, 1), ...hosts, ...uiFiles.slice(1)], workbenches);
  outcomes.push(...done.filter((outcome) => hosts.some((host) => host.name === outcome.name)));
  if (uiFiles.length) {
    const seconds = (Date.now() - started) / 1000;
    const fileOutcomes = done.filter((outcome) => !hosts.some((host) => host.name === outcome.name));
    outcomes.push({ ...outcomeFromParts(named('ui', at), uiFiles.map((job, index) => ({ file: job.resultsFile, problem: fileOutcomes[index]?.problem }))), seconds });
    // A run of a few titles times nothing the next full run can go by.
    if (!grep) {
      fs.writeFileSync(uiTimingsFile, JSON.stringify(Object.fromEntries(fileOutcomes.map((outcome) => [outcome.name, outcome.seconds])), null, 1));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`0 passed, 1 failed`);
  process.exitCode = 1;
});
