import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { SuiteResults, TestRecord } from './results';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

/** mocha's spec output, plus a results file (path in reporterOptions.output) for the harness. */
export class ResultsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const output = (options.reporterOptions as { output?: string } | undefined)?.output;
    if (!output) {
      throw new Error('ResultsReporter needs reporterOptions.output, the results file to write.');
    }
    const tests: TestRecord[] = [];
    runner.on(EVENT_TEST_PASS, (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on(EVENT_TEST_PENDING, (test) => tests.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 }));
    // Hook failures arrive here too, so a crashing before() counts as a failure.
    runner.on(EVENT_TEST_FAIL, (test, error: Error) => tests.push({
      title: test.fullTitle(),
      state: 'failed',
      durationMs: test.duration ?? 0,
      error: error.stack ?? String(error),
    }));
    runner.once(EVENT_RUN_END, () => {
      const results: SuiteResults = {
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        tests,
      };
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(output, JSON.stringify(results, null, 2));
    });
  }
}
