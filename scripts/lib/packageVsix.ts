// Builds the production bundle and packages it with vsce. Any vsce warning fails the build:
// a warning today is a prompt or a rejected upload tomorrow.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, vsixPath } from './paths';

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');

export function packageVsix(): void {
  run(process.execPath, ['esbuild.mjs', '--production']);
  fs.mkdirSync(path.dirname(vsixPath), { recursive: true });
  const output = run(vsce, ['package', '--no-dependencies', '--out', vsixPath]);
  if (/warning/i.test(output)) {
    throw new Error(`vsce warned:\n${output}`);
  }
}

/** The packaged .vsix's size and how many files it holds (another run of vsce: only for whoever prints them). */
export function vsixContents(): { bytes: number; files: number } {
  const listing = run(vsce, ['ls', '--no-dependencies']);
  return { bytes: fs.statSync(vsixPath).size, files: listing.trim().split('\n').length };
}
