// A fixture for UI suites: the freshly packaged .vsix installed into code-server (the mode in
// which secrets persist across reloads), a headless Chromium page on it, and helpers that act
// as a person would: click, type into the command palette, take screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { resultsDir, screenshotsDir, vsixPath } from '../../scripts/lib/paths';
import { installVsix, makeWorkbenchDirs, startCodeServer, type Workbench } from '../../scripts/lib/vscodeServer';

export interface UiSession {
  readonly page: Page;
  readonly workbench: Workbench;
}

/** Registers before/after hooks that start one workbench for the enclosing describe(). */
export function useWorkbench(name: string): () => UiSession {
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  let page: Page | undefined;

  before(async function () {
    this.timeout(120_000);
    const dirs = makeWorkbenchDirs(path.join(resultsDir, 'ui-workbench', name));
    installVsix(dirs, vsixPath);
    workbench = await startCodeServer(dirs);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbench.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await workbench?.stop();
  });

  return () => {
    if (!page || !workbench) {
      throw new Error('The workbench did not start; see the before hook.');
    }
    return { page, workbench };
  };
}

export async function runFromPalette(page: Page, commandTitle: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${commandTitle}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: commandTitle }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
