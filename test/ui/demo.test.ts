// `npm run demo` as a newcomer runs it: the command itself, then the sidebar in a browser.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromiumProfile } from '../../scripts/lib/browser';
import { freePort } from '../../scripts/lib/processes';
import { repoRoot, resultsDir } from '../../scripts/lib/paths';
import { poll, setPaneExpanded, shownGroups, signedIn } from './sidebarHelpers';
import { screenshot } from './workbench';

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

  it('starts VS Code signed in to the demo account, shows its activity, and stops on Ctrl+C', async function () {
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
    // The import checks the credentials first (two API calls) once the sidebar activates the extension.
    await signedIn(page, { accountName: 'demo' });
    await setPaneExpanded(page, 'Sessions', true);
    const groups = await poll(() => shownGroups(page, 'Sessions'), (shown) => shown.length >= 3);
    assert.ok(groups.length >= 3, `several kinds of activity: ${JSON.stringify(groups)}`);
    assert.ok(groups.every(([, count]) => count > 0), `each group counts its entries: ${JSON.stringify(groups)}`);
    await screenshot(page, 'demo-sidebar');

    const exited = exitOf(started, 'Ctrl+C', 60_000);
    process.kill(-started.pid!, 'SIGINT');
    await exited;
    // Everything it started is gone: both ports can be bound again.
    for (const used of [port, apiPort]) {
      await new Promise<void>((resolve, reject) => {
        const probe = net.createServer().once('error', reject).listen(used, '127.0.0.1', () => probe.close(() => resolve()));
      });
    }
  });
});
