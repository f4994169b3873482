// `npm run demo` as a newcomer runs it: the command itself, the window it opens on, then Ctrl+C.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromiumProfile } from '../../scripts/lib/browser';
import { freePort } from '../../scripts/lib/processes';
import { repoRoot, resultsDir } from '../../scripts/lib/paths';
import { poll, setPaneExpanded, shownGroups, signedIn } from './sidebarHelpers';
import { screenshot } from './workbench';
import { waitUntil } from '../support/waitUntil';

/** The processes descended from `pid` (children of children too, whatever their process group), with their command lines. */
function descendants(pid: number): Map<number, string> {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).trim().split('\n').map((line) => {
    const [, child, parent, args] = /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line) ?? [];
    return { child: Number(child), parent: Number(parent), args: args ?? '' };
  });
  const found = new Map<number, string>();
  for (let parents = [pid]; parents.length > 0;) {
    const children = table.filter((row) => parents.includes(row.parent) && !found.has(row.child));
    children.forEach((row) => found.set(row.child, row.args));
    parents = children.map((row) => row.child);
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Resolves when `child` has exited (at once if it has), or rejects naming `what` after `timeoutMs`. */
function exitOf(child: ChildProcess, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => reject(new Error(`${what}: the demo had not exited after ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('npm run demo', function () {
  let demo: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let output = '';

  after(async function () {
    this.timeout(60_000);
    await context?.close();
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) {
      // Ctrl+C first: the demo stops the VS Code server it started (in a process group of its own); then whatever is left.
      process.kill(-demo.pid, 'SIGINT');
      const pid = demo.pid;
      await exitOf(demo, 'cleaning up', 30_000).catch(() => process.kill(-pid, 'SIGKILL'));
    }
  });

  it('starts VS Code on the ExaVault view, signed in to the demo account, and on Ctrl+C says so and leaves nothing running', async function () {
    // Packaging, starting a VS Code server and a browser, signing in: minutes on a busy machine.
    this.timeout(360_000);
    const port = await freePort();
    let apiPort = await freePort();
    while (apiPort === port) {
      apiPort = await freePort();
    }
    // In a group of its own, as in a terminal, where Ctrl+C signals the whole group.
    demo = spawn('npm', ['run', 'demo', '--', '--port', String(port), '--api-port', String(apiPort), '--sessions', '5000'], { cwd: repoRoot, detached: true });
    const started = demo;
    started.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    started.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 240_000);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`the demo exited (${code}):\n${output}`));
      };
      const check = () => {
        const match = /open (http:\/\/127\.0\.0\.1:\d+\/) in a browser/.exec(output);
        if (match) {
          clearTimeout(timer);
          started.stdout!.off('data', check);
          started.off('exit', onExit);
          resolve(match[1]!);
        }
      };
      started.stdout!.on('data', check);
      started.once('exit', onExit);
    });
    assert.equal(url, `http://127.0.0.1:${port}/`);

    // A profile of its own, fresh each run.
    const profileDir = path.join(resultsDir, 'ui-workbench', 'demo-browser');
    fs.rmSync(profileDir, { recursive: true, force: true });
    context = await launchChromiumProfile(profileDir);
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    // The window opens on the ExaVault view by itself: nothing here has clicked anything yet.
    await page.locator('.part.sidebar .pane-header[aria-label^="Sessions"]').waitFor({ timeout: 60_000 });
    // The import checks the credentials first (two API calls) once the sidebar activates the extension.
    await signedIn(page, { accountName: 'demo' });
    await setPaneExpanded(page, 'Sessions', true);
    const groups = await poll(() => shownGroups(page, 'Sessions'), (shown) => shown.length >= 3);
    assert.ok(groups.length >= 3, `several kinds of activity: ${JSON.stringify(groups)}`);
    assert.ok(groups.every(([, count]) => count > 0), `each group counts its entries: ${JSON.stringify(groups)}`);
    await screenshot(page, 'demo-sidebar');

    // What Ctrl+C must stop: whatever the demo started, VS Code among it, and both ports in use (positive controls).
    const processes = descendants(started.pid!);
    assert.ok([...processes.values()].some((args) => args.includes('code-server')), `VS Code among the demo's processes: ${[...processes.values()].join('\n')}`);
    for (const used of [port, apiPort]) {
      assert.equal(await portFree(used), false, `port ${used} in use while the demo runs`);
    }

    const exited = exitOf(started, 'Ctrl+C', 60_000);
    process.kill(-started.pid!, 'SIGINT');
    await exited;
    // npm may exit before the demo under it has finished stopping: its last line says when it has.
    await waitUntil('the demo to say it has stopped', () => output.includes('The demo has stopped'), 60_000);
    assert.match(output, /Stopping the demo: VS Code and the local ExaVault server/);
    assert.match(output, /stopping VS Code \(port \d+\)/);
    assert.match(output, /stopping the local ExaVault server \(port \d+\)/);
    assert.match(output, /The demo has stopped; nothing of it is left running\./);
    // Everything it started is gone (processes outside the demo's own group a moment after it), and both ports can be bound again.
    await waitUntil('every process the demo started to end', () => [...processes.keys()].every((pid) => !alive(pid)), 30_000)
      .catch(() => assert.fail(`still running: ${[...processes].filter(([pid]) => alive(pid)).map(([pid, args]) => `${pid} ${args}`).join('\n')}`));
    for (const used of [port, apiPort]) {
      assert.equal(await portFree(used), true, `port ${used} free after Ctrl+C`);
    }
  });
});
