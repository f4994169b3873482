// Runs one plain-Node mocha suite (unit or UI: every *.test.ts below a folder, or one file) as a child:
// `tsx scripts/lib/runMocha.ts <dir or file> <results> <timeoutMs>`; EXAVAULT_TEST_GREP picks tests by title.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ResultsReporter } from '../../test/support/resultsReporter';

/** Every *.test.ts below `dir`, or `dir` itself when it names one file. */
function testFiles(dir: string): string[] {
  if (fs.statSync(dir).isFile()) {
    return [dir];
  }
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? testFiles(full) : entry.name.endsWith('.test.ts') ? [full] : [];
    });
}

async function main(): Promise<void> {
  const [dir, output, timeout] = process.argv.slice(2);
  if (!dir || !output || !timeout) {
    throw new Error('usage: runMocha <test dir> <results file> <test timeout ms>');
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: Number(timeout), reporter: ResultsReporter, reporterOptions: { output }, grep: process.env.EXAVAULT_TEST_GREP });
  for (const file of testFiles(path.resolve(dir))) {
    mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  process.exitCode = failures > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
