// Turns what each suite left behind into counts. A suite is judged by its results file alone:
// one that failed to start, crashed, hung or ran no test counts as a failure, never as a pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuiteResults } from '../../test/support/results';

export interface SuiteOutcome {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  /** Why the suite itself failed, beyond its tests' own failures. */
  readonly problem?: string;
  readonly results?: SuiteResults;
  /** How long it took, when the harness timed it. */
  readonly seconds?: number;
}

export function failedSuite(name: string, problem: string): SuiteOutcome {
  return { name, passed: 0, failed: 1, pending: 0, problem };
}

export function outcomeFromFile(name: string, resultsFile: string, runProblem?: string): SuiteOutcome {
  let results: SuiteResults;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  } catch {
    return failedSuite(name, `wrote no results${runProblem ? ` (${runProblem})` : ''}`);
  }
  if (results.passed + results.failed === 0) {
    return failedSuite(name, 'ran no test');
  }
  const outcome = { name, passed: results.passed, failed: results.failed, pending: results.pending, results };
  // Results written, yet the run went wrong afterwards (a crash on shutdown, a timeout): still a failure.
  return runProblem ? { ...outcome, failed: outcome.failed + 1, problem: runProblem } : outcome;
}

/** A results file a suite's part wrote, and what went wrong with the process that wrote it. */
export interface PartRun {
  readonly file: string;
  readonly problem?: string;
}

/**
 * One suite split over processes (a UI suite run a test file at a time), judged as one: a part may
 * run no test (a title filter can leave a file with none), but a part that wrote no results, or whose
 * process went wrong, is a failure named after its file, and a suite whose parts ran no test at all fails.
 */
export function outcomeFromParts(name: string, parts: readonly PartRun[]): SuiteOutcome {
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  const problems: string[] = [];
  for (const part of parts) {
    const partName = path.basename(part.file, '.json');
    try {
      const written = JSON.parse(fs.readFileSync(part.file, 'utf8')) as SuiteResults;
      results.passed += written.passed;
      results.failed += written.failed;
      results.pending += written.pending;
      results.tests.push(...written.tests);
    } catch {
      problems.push(`${partName} wrote no results${part.problem ? ` (${part.problem})` : ''}`);
      continue;
    }
    if (part.problem) {
      problems.push(`${partName}: ${part.problem}`);
    }
  }
  if (results.passed + results.failed === 0 && problems.length === 0) {
    return failedSuite(name, 'ran no test');
  }
  return { name, passed: results.passed, failed: results.failed + problems.length, pending: results.pending, results, ...(problems.length ? { problem: problems.join('; ') } : {}) };
}

/** `wallSeconds`: the whole run's time, which is less than the suites' sum when some ran side by side. */
export function summaryLines(outcomes: readonly SuiteOutcome[], wallSeconds?: number): string[] {
  const lines = outcomes.map((o) => {
    const pending = o.pending ? `, ${o.pending} pending` : '';
    const time = o.seconds === undefined ? '' : `  (${formatSeconds(o.seconds)})`;
    return `  ${o.name.padEnd(NAME_WIDTH)} ${o.passed} passed, ${o.failed} failed${pending}${time}${o.problem ? `  <- ${o.problem}` : ''}`;
  });
  const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
  const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
  const total = wallSeconds ?? outcomes.reduce((sum, o) => sum + (o.seconds ?? 0), 0);
  return [...failureLines(outcomes), 'Summary:', ...lines, `  ${'total'.padEnd(NAME_WIDTH)} ${formatSeconds(total)}`, `${passed} passed, ${failed} failed`];
}

/**
 * Each failed test by suite and title, with the first lines of its error, just above the summary:
 * a run's tail (all a CI log may keep) then says what failed, not only how many.
 */
function failureLines(outcomes: readonly SuiteOutcome[]): string[] {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    for (const test of outcome.results?.tests ?? []) {
      if (test.state === 'failed') {
        const error = (test.error ?? '').split('\n').map((line) => line.trim()).filter(Boolean).slice(0, ERROR_LINES);
        lines.push(`  ${outcome.name}: ${test.title}`, ...error.map((line) => `      ${line.slice(0, 200)}`));
      }
    }
  }
  return lines.length ? ['Failed:', ...lines, ''] : [];
}

const ERROR_LINES = 3;
/** Wide enough for the longest suite name, `integration @2028-02-29T23:58Z`. */
const NAME_WIDTH = 32;

/** 42 s, or 8 min 05 s. */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
