// `npm run test:desktop`: the same integration suites in desktop VS Code, through
// @vscode/test-electron, on machines that can download VS Code (not in CI here: no internet).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './lib/paths';

runTests({
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
}).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
