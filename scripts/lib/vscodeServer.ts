// Starts a real VS Code (1.139, from code-server) in one of its two modes:
// - the VS Code server itself, which takes extension-development payloads (integration suites);
// - code-server's CLI with an installed .vsix, where secrets persist across reloads (UI suites).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, startLogged, waitForHttp, type Started } from './processes';
import { clockedNode } from './clock';
import { codeServerCli, node24Bin, resultsDir, serverMain } from './paths';

export interface Workbench {
  readonly url: string;
  readonly port: number;
  readonly dirs: WorkbenchDirs;
  stop(): Promise<void>;
}

export interface WorkbenchDirs {
  readonly root: string;
  readonly userData: string;
  readonly extensions: string;
  readonly workspace: string;
}

/** A clean window: no AI side bar, no start page, no telemetry prompts. */
const cleanSettings = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

export function makeWorkbenchDirs(root: string, settings: Record<string, unknown> = {}): WorkbenchDirs {
  fs.rmSync(root, { recursive: true, force: true });
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
  };
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  // The same settings as the user's and as the machine's (the remote side's own file): machine-scoped
  // settings such as exavault.importFromEnvironment then hold from the extension host's first look.
  for (const scope of ['User', 'Machine']) {
    fs.mkdirSync(path.join(dirs.userData, scope), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, scope, 'settings.json'), JSON.stringify({ ...cleanSettings, ...settings }, null, 2));
  }
  return dirs;
}

/**
 * Built-in extensions no suite uses, which every window would otherwise activate (git's repository
 * scan, the JSON, TypeScript and Markdown language servers, emmet, the debugger, the chat extension).
 * The suites leave them out with VS Code's own switch; benchmarks and the demo keep them, as a
 * user's VS Code has them. Grammars and themes stay: editors show what a user's would.
 */
const BUILTINS_THE_SUITES_SKIP = [
  'GitHub.copilot-chat', 'ms-vscode.js-debug', 'ms-vscode.js-debug-companion', 'vscode.configuration-editing',
  'vscode.debug-auto-launch', 'vscode.emmet', 'vscode.extension-editing', 'vscode.git', 'vscode.git-base', 'vscode.github',
  'vscode.github-authentication', 'vscode.json-language-features', 'vscode.markdown-language-features', 'vscode.merge-conflict',
  'vscode.microsoft-authentication', 'vscode.npm', 'vscode.references-view', 'vscode.simple-browser', 'vscode.terminal-suggest',
  'vscode.tunnel-forwarding', 'vscode.typescript-language-features',
];

/** `env` for a suite's VS Code server: without the built-in extensions no suite uses. */
export function withoutUnusedBuiltins(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, VSCODE_SKIP_BUILTIN_EXTENSIONS: BUILTINS_THE_SUITES_SKIP.join(',') };
}

/** The Node that runs the VS Code server: under the clock switch (FAKETIME set), one that keeps the extension host on that clock too. */
function serverNode(env: NodeJS.ProcessEnv): string {
  return env.FAKETIME ? clockedNode() : node24Bin;
}

async function serve(started: Started, port: number, dirs: WorkbenchDirs, url: string): Promise<Workbench> {
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, started, 60_000);
  } catch (error) {
    await started.stop();
    throw error;
  }
  return { url, port, dirs, stop: () => started.stop() };
}

/** VS Code's own server, with the smoke-test driver that makes the workbench honour payloads. */
export async function startDevelopmentServer(dirs: WorkbenchDirs, env: NodeJS.ProcessEnv): Promise<Workbench> {
  const port = await freePort();
  const started = startLogged(serverNode(env), [serverMain,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--disable-telemetry',
    '--disable-workspace-trust', '--enable-smoke-test-driver',
    '--user-data-dir', dirs.userData, '--server-data-dir', path.join(dirs.root, 'server-data'),
    '--extensions-dir', dirs.extensions,
  ], { logFile: path.join(dirs.root, 'server.log'), env });
  return serve(started, port, dirs, `http://127.0.0.1:${port}/`);
}

/** The URL that opens a folder with an extension under development and, optionally, its tests. */
export function developmentUrl(workbench: Workbench, extensionPath: string, testsPath?: string): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${workbench.port}${p}`;
  const payload: string[][] = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) {
    payload.push(['extensionTestsPath', remote(testsPath)]);
  }
  return `${workbench.url}?folder=${encodeURIComponent(workbench.dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Installs each .vsix with code-server's CLI, all in one run of it (each run takes seconds). */
export function installVsix(dirs: WorkbenchDirs, ...vsixes: string[]): void {
  const result = spawnSync(node24Bin, [codeServerCli, '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions, ...vsixes.flatMap((vsix) => ['--install-extension', vsix])], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Installing ${vsixes.join(', ')} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
}

/**
 * Installs `vsix` as installVsix does, by copying an installation made once per build of it: the
 * CLI takes seconds each time, and the UI suites start a workbench per describe. The copy's
 * extensions.json holds as it is, since VS Code finds each extension by its relativeLocation.
 */
export function installVsixOnce(dirs: WorkbenchDirs, vsix: string): void {
  const installations = path.join(resultsDir, 'installed-vsix');
  const digest = createHash('sha256').update(fs.readFileSync(vsix)).digest('hex').slice(0, 16);
  const installed = path.join(installations, `${path.basename(vsix, '.vsix')}-${digest}`);
  if (!fs.existsSync(installed)) {
    // Made aside and renamed into place, so a workbench starting beside this one never copies half of it.
    const making = makeWorkbenchDirs(`${installed}.${process.pid}`);
    installVsix(making, vsix);
    try {
      fs.renameSync(making.extensions, installed);
    } catch (error) {
      if (!fs.existsSync(installed)) {
        throw error;
      }
    }
    fs.rmSync(making.root, { recursive: true, force: true });
    // Earlier builds' installations, once no suite can be copying them (none runs for a day).
    for (const earlier of fs.readdirSync(installations).map((name) => path.join(installations, name))) {
      if ((fs.statSync(earlier, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < Date.now() - 86_400_000) {
        fs.rmSync(earlier, { recursive: true, force: true });
      }
    }
  }
  fs.cpSync(installed, dirs.extensions, { recursive: true });
}

/** code-server's CLI: extensions installed in dirs.extensions, secrets kept across page reloads. */
export async function startCodeServer(dirs: WorkbenchDirs, env: NodeJS.ProcessEnv = process.env, fixedPort?: number): Promise<Workbench> {
  const port = fixedPort ?? await freePort();
  const started = startLogged(serverNode(env), [codeServerCli,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, dirs.workspace,
  ], { logFile: path.join(dirs.root, 'code-server.log'), env });
  return serve(started, port, dirs, `http://127.0.0.1:${port}/`);
}
