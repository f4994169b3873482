// Fails when l10n/bundle.l10n.json no longer matches the vscode.l10n.t strings in src/
// (run `npm run l10n:export` to update it), so translators always get every string.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './lib/paths';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exavault-l10n-'));
const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'vscode-l10n-dev'), ['export', '--outDir', outDir, './src'],
  { cwd: repoRoot, encoding: 'utf8' });
if (result.status !== 0) {
  throw new Error(`l10n-dev export failed:\n${result.stdout}${result.stderr}`);
}
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
const fresh = read(path.join(outDir, 'bundle.l10n.json'));
const committed = read(path.join(repoRoot, 'l10n', 'bundle.l10n.json'));
fs.rmSync(outDir, { recursive: true, force: true });
if (JSON.stringify(fresh) !== JSON.stringify(committed)) {
  console.error('l10n/bundle.l10n.json is out of date: run `npm run l10n:export`.');
  process.exitCode = 1;
}
