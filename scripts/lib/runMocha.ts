// Runs one plain-Node mocha suite (unit or UI) as a child: `tsx scripts/lib/runMocha.ts <dir> <results> <timeoutMs>`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ResultsReporter } from '../../test/support/resultsReporter';

async function main(): Promise<void> {
  const [dir, output, timeout] = process.argv.slice(2);
  if (!dir || !output || !timeout) {
    throw new Error('usage: runMocha <test dir> <results file> <test timeout ms>');
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: Number(timeout), reporter: ResultsReporter, reporterOptions: { output } });
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort()) {
    mocha.addFile(path.resolve(dir, file));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  process.exitCode = failures > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
