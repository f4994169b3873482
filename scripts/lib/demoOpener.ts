// A two-line extension that `npm run demo` installs next to the real one, so the demo's window opens
// on the ExaVault view (scripts/demo-opener/). Not part of the product.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './paths';

const sourceDir = path.join(repoRoot, 'scripts', 'demo-opener');
export const demoOpenerVsixPath = path.join(repoRoot, 'out', 'exavault-demo-opener.vsix');

export function packageDemoOpener(): void {
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', demoOpenerVsixPath], { cwd: sourceDir, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || /warning/i.test(output)) {
    throw new Error(`Packaging the demo's view opener failed (exit ${result.status}):\n${output}`);
  }
}
