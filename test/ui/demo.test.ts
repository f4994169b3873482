// `npm run demo` as a newcomer runs it: the command itself, then the sidebar in a browser.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromiumProfile } from '../../scripts/lib/browser';
import { freePort } from '../../scripts/lib/processes';
import { repoRoot, resultsDir } from '../../scripts/lib/paths';
import { openSidebar, screenshot } from './workbench';

describe('npm run demo', function () {
  let demo: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let output = '';

  after(async () => {
    await context?.close();
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) {
      process.kill(-demo.pid, 'SIGKILL');
    }
  });

  it('starts VS Code signed in to the demo account, shows its activity, and stops on Ctrl+C', async function () {
    this.timeout(240_000);
    const [port, apiPort] = [await freePort(), await freePort()];
    // In a group of its own, as in a terminal, where Ctrl+C signals the whole group.
    demo = spawn('npm', ['run', 'demo', '--', '--port', String(port), '--api-port', String(apiPort), '--sessions', '5000'], { cwd: repoRoot, detached: true });
    demo.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    demo.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 200_000);
      const check = () => {
        const match = /open (http:\/\/127\.0\.0\.1:\d+\/) in a browser/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      demo!.stdout!.on('data', check);
      demo!.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${output}`)));
    });
    assert.equal(url, `http://127.0.0.1:${port}/`);

    context = await launchChromiumProfile(path.join(resultsDir, 'ui-workbench', 'demo-browser'));
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await openSidebar(page);
    // The import checks the credentials first (two API calls) once the extension activates: allow for a loaded machine.
    await page.locator('.statusbar-item', { hasText: /demo · [\d,]+ calls left/ }).waitFor({ timeout: 90_000 });
    const groups = page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Sessions"]') }).locator('.monaco-list-row[aria-level="1"]');
    await groups.first().waitFor();
    assert.ok(await groups.count() >= 3, 'several kinds of activity');
    await screenshot(page, 'demo-sidebar');

    const exited = new Promise<void>((resolve) => demo!.once('exit', () => resolve()));
    process.kill(-demo.pid!, 'SIGINT');
    await exited;
    // Everything it started is gone: both ports can be bound again.
    for (const used of [port, apiPort]) {
      await new Promise<void>((resolve, reject) => {
        const probe = net.createServer().once('error', reject).listen(used, '127.0.0.1', () => probe.close(() => resolve()));
      });
    }
  });
});
