// Entry point VS Code loads as extensionTestsPath: runs every *.test.js beside it inside the
// extension host. Results go to the file named by EXAVAULT_TEST_RESULTS when the harness runs it
// (the web workbench reports no exit code); a failure also rejects, for @vscode/test-electron.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ResultsReporter } from '../support/resultsReporter';

export async function run(): Promise<void> {
  const output = process.env.EXAVAULT_TEST_RESULTS ?? path.join(__dirname, 'results.json');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: ResultsReporter,
    reporterOptions: { output },
    grep: process.env.EXAVAULT_TEST_GREP,
  });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed.`);
  }
}
