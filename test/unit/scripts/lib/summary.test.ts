// The harness's verdicts: a suite that leaves no results, or runs no test, must never read as passed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outcomeFromFile, outcomeFromParts, summaryLines } from '../../../../scripts/lib/summary';
import type { SuiteResults } from '../../../support/results';

describe('harness summary', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exavault-summary-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(results: SuiteResults, name = 'results'): string {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(results));
    return file;
  }

  it('counts a suite that wrote no results as one failure', () => {
    const outcome = outcomeFromFile('ui', path.join(dir, 'missing.json'), 'timed out after 900 s');
    assert.deepEqual([outcome.passed, outcome.failed], [0, 1]);
    assert.match(outcome.problem!, /wrote no results \(timed out/);
  });

  it('counts a suite that ran no test as a failure', () => {
    const outcome = outcomeFromFile('unit', write({ passed: 0, failed: 0, pending: 2, tests: [] }));
    assert.deepEqual([outcome.passed, outcome.failed, outcome.problem], [0, 1, 'ran no test']);
  });

  it('adds a failure when the run went wrong after writing results', () => {
    const outcome = outcomeFromFile('integration', write({ passed: 3, failed: 0, pending: 0, tests: [] }), 'exited with SIGSEGV');
    assert.deepEqual([outcome.passed, outcome.failed], [3, 1]);
  });

  it('judges a suite split over files as one: its counts summed, a file without tests allowed', () => {
    const outcome = outcomeFromParts('ui', [
      { file: write({ passed: 2, failed: 1, pending: 0, tests: [{ title: 'a', state: 'failed', durationMs: 1 }] }, 'ui-a') },
      { file: write({ passed: 0, failed: 0, pending: 0, tests: [] }, 'ui-b') },
      { file: write({ passed: 3, failed: 0, pending: 1, tests: [] }, 'ui-c') },
    ]);
    assert.deepEqual([outcome.passed, outcome.failed, outcome.pending, outcome.problem], [5, 1, 1, undefined]);
    assert.deepEqual(outcome.results?.tests.map((test) => test.title), ['a']);
  });

  it('counts each file of a split suite that wrote no results, or whose process went wrong, as a failure named after it', () => {
    const outcome = outcomeFromParts('ui', [
      { file: write({ passed: 2, failed: 0, pending: 0, tests: [] }, 'ui-a'), problem: 'exited with SIGSEGV' },
      { file: path.join(dir, 'ui-b.json'), problem: 'timed out after 600 s' },
    ]);
    assert.deepEqual([outcome.passed, outcome.failed], [2, 2]);
    assert.equal(outcome.problem, 'ui-a: exited with SIGSEGV; ui-b wrote no results (timed out after 600 s)');
  });

  it('counts a split suite whose files ran no test at all as a failure', () => {
    const outcome = outcomeFromParts('ui', [{ file: write({ passed: 0, failed: 0, pending: 0, tests: [] }, 'ui-a') }]);
    assert.deepEqual([outcome.passed, outcome.failed, outcome.problem], [0, 1, 'ran no test']);
  });

  it('ends with one line over every suite, exactly "N passed, N failed"', () => {
    const lines = summaryLines([
      outcomeFromFile('unit', write({ passed: 4, failed: 1, pending: 0, tests: [] })),
      outcomeFromFile('ui', path.join(dir, 'missing.json')),
    ]);
    assert.equal(lines.at(-1), '4 passed, 2 failed');
  });

  it('totals the suites\' times, or gives the whole run\'s time when some suites ran side by side', () => {
    const outcomes = [{ name: 'lint', passed: 1, failed: 0, pending: 0, seconds: 50 }, { name: 'unit', passed: 2, failed: 0, pending: 0, seconds: 70 }];
    assert.ok(summaryLines(outcomes).includes(`  ${'total'.padEnd(32)} 2 min 00 s`));
    assert.ok(summaryLines(outcomes, 75).includes(`  ${'total'.padEnd(32)} 1 min 15 s`));
  });

  it('names each failed test with its error\'s first lines above the summary, and no passed one', () => {
    const error = 'AssertionError: expected 11 rows\n  at step (queryPanel.test.ts:40)\n  at next\n  at more';
    const lines = summaryLines([outcomeFromFile('ui', write({ passed: 1, failed: 1, pending: 0, tests: [
      { title: 'panel shows the rows', state: 'passed', durationMs: 5 },
      { title: 'panel counts the rows', state: 'failed', durationMs: 9, error },
    ] }))]);
    const failed = lines.slice(0, lines.indexOf('Summary:'));
    assert.deepEqual(failed, ['Failed:', '  ui: panel counts the rows', '      AssertionError: expected 11 rows',
      '      at step (queryPanel.test.ts:40)', '      at next', '']);
  });
});
