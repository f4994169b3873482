// A fixture for UI suites: the freshly packaged .vsix installed into code-server (the mode in
// which secrets persist across reloads), a headless Chromium with a profile folder of its own (so
// leak checks can read it), and helpers that act as a person would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromiumProfile } from '../../scripts/lib/browser';
import { startExaVaultServer, type ExaVaultServerOptions, type RunningExaVaultServer } from '../../server/index';
import { resultsDir, screenshotsDir, vsixPath } from '../../scripts/lib/paths';
import { installVsixOnce, makeWorkbenchDirs, startCodeServer, withoutUnusedBuiltins, type Workbench } from '../../scripts/lib/vscodeServer';

/** How long a Playwright action or wait may take: well within a test's two minutes. */
export const ACTION_TIMEOUT_MS = 30_000;

export interface UiSession {
  readonly page: Page;
  readonly workbench: Workbench;
  /** The browser profile: everything the browser wrote. */
  readonly profileDir: string;
  /** Reloads the window, as Developer: Reload Window would. */
  reload(): Promise<void>;
  /**
   * Opens another window on the same workbench and folder in the same browser profile (its own
   * extension host, the same global storage), as a person opening the folder twice; closed with the session.
   */
  openWindow(): Promise<Page>;
}

export interface WorkbenchOptions {
  /** Environment of the VS Code server, and so of the extension host. */
  env?: NodeJS.ProcessEnv;
  settings?: Record<string, unknown>;
}

/** The environment in which the extension finds the local server's account (EXAVAULT_* variables). */
export function accountEnvironment(server: { baseUrl: string; apiKey: string; accessToken: string }): NodeJS.ProcessEnv {
  return { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken };
}

/** A workbench that imports the local server's account from its environment at start, as most tests sign in, with `settings` besides. */
export function importingAccount(server: { baseUrl: string; apiKey: string; accessToken: string }, settings: Record<string, unknown> = {}): WorkbenchOptions {
  return { env: accountEnvironment(server), settings: { 'exavault.importFromEnvironment': 'always', ...settings } };
}

/** What a suite against a local account uses: see useLocalAccount. */
export interface LocalAccount {
  readonly server: () => RunningExaVaultServer;
  /** The server's `now`: every entry is this minus a fixed offset. */
  readonly serverStart: () => number;
  readonly session: () => UiSession;
}

/**
 * Registers the hooks most UI suites start with: a local server (`options`, its `now` the moment it
 * starts), one workbench that imports its account with `settings` (importingAccount), and the
 * account signed in (signIn) before the first test, so that every test, run alone or not, starts signed in.
 */
export function useLocalAccount(name: string, options: ExaVaultServerOptions & { accountName: string }, settings: Record<string, unknown> = {}): LocalAccount {
  let server: RunningExaVaultServer | undefined;
  let serverStart = 0;
  const started = () => {
    if (!server) {
      throw new Error('The local server did not start; see the before hook.');
    }
    return server;
  };
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ ...options, now: new Date(serverStart) });
  });
  after(() => server?.close());
  const session = useWorkbench(name, () => importingAccount(started(), settings));
  before(() => signIn(session().page, options.accountName));
  return { server: started, serverStart: () => serverStart, session };
}

/** Registers before/after hooks that start one workbench for the enclosing describe(). */
export function useWorkbench(name: string, options: () => WorkbenchOptions = () => ({})): () => UiSession {
  let context: BrowserContext | undefined;
  let workbench: Workbench | undefined;
  let session: UiSession | undefined;

  before(async function () {
    this.timeout(120_000);
    const { env, settings } = options();
    const dirs = makeWorkbenchDirs(path.join(resultsDir, 'ui-workbench', name), settings);
    installVsixOnce(dirs, vsixPath);
    workbench = await startCodeServer(dirs, withoutUnusedBuiltins({ ...process.env, ...env }));
    const profileDir = path.join(dirs.root, 'browser-profile');
    context = await launchChromiumProfile(profileDir);
    // Shorter than a test's own limit (2 min), so a wait that never ends fails naming what it waited for.
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(2 * ACTION_TIMEOUT_MS);
    const page = context.pages()[0] ?? await context.newPage();
    const ready = (window: Page) => window.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await page.goto(workbench.url);
    await ready(page);
    const browser = context;
    const started = workbench;
    session = {
      page,
      workbench,
      profileDir,
      async reload() {
        await page.reload();
        await ready(page);
      },
      async openWindow() {
        const window = await browser.newPage();
        await window.goto(started.url);
        await ready(window);
        return window;
      },
    };
  });

  afterEach(async function () {
    if (!session) {
      return;
    }
    // What the screen showed when a test failed, for whoever reads the failure (a failed screenshot must not hide it).
    if (this.currentTest?.state === 'failed') {
      await screenshot(session.page, `failed-${name}-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
    // The next test starts from a clean window: no dialog, quick input, editor, panel or notification left behind.
    await tidyWindow(session.page);
  });

  after(async () => {
    await context?.close();
    await workbench?.stop();
  });

  return () => {
    if (!session) {
      throw new Error('The workbench did not start; see the before hook.');
    }
    return session;
  };
}

/** Closes what a test may have left open: dialogs and quick inputs, every editor and panel, every notification. */
export async function tidyWindow(page: Page): Promise<void> {
  for (let i = 0; i < 3 && await page.locator('.monaco-dialog-box, .quick-input-widget:visible').count() > 0; i++) {
    await page.keyboard.press('Escape');
  }
  // On a loaded machine the command can be lost (focus moving while it is typed): try it again.
  for (let attempt = 1; await editorsOpen(page); attempt++) {
    await runFromPalette(page, 'View: Close All Editors');
    try {
      await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: attempt < 3 ? 10_000 : ACTION_TIMEOUT_MS });
      break;
    } catch (error) {
      if (attempt >= 3) {
        throw error;
      }
    }
  }
  if (await notificationsShown(page)) {
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
  }
}

/** Whether an editor is open (a tab, or a webview such as a query panel): with none, there is nothing to close, a palette run spared. */
export async function editorsOpen(page: Page): Promise<boolean> {
  return await page.locator('.part.editor .tab').count() + await page.locator('iframe.webview').count() > 0;
}

/**
 * Whether a notification may be left to clear: a toast, the notification center open, or the bell
 * with its dot (a notification came since the center was last shown, or one is in progress). The
 * plain bell alone says there is none, and a palette run to clear them is spared.
 */
export async function notificationsShown(page: Page): Promise<boolean> {
  return await page.locator('.part.statusbar .codicon-bell').count() === 0
    || await page.locator('.notifications-toasts .notification-toast, .notifications-center.visible').count() > 0;
}

/** Runs a command from the palette; a palette that closes again at once (focus moving on a loaded machine) is opened again. */
export async function runFromPalette(page: Page, commandTitle: string): Promise<void> {
  const input = quickInput(page).locator('input');
  const deadline = Date.now() + 2 * ACTION_TIMEOUT_MS;
  for (;;) {
    try {
      await page.keyboard.press('F1');
      await input.fill(`>${commandTitle}`, { timeout: 5000 });
      await quickInput(page).locator('.monaco-list-row', { hasText: commandTitle }).first().waitFor({ timeout: 5000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
}

export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');

/**
 * Types into the open quick input and presses Enter; with `step` ("2/3"), first waits for that step
 * to show, since a multi-step input reuses the same widget.
 */
export async function answer(page: Page, text: string, step?: string): Promise<void> {
  if (step) {
    await quickInput(page).locator('.quick-input-title', { hasText: `(${step})` }).waitFor();
  }
  const input = quickInput(page).locator('input').first();
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
}

/**
 * Signs in as the suites' workbench does: the sidebar activates the extension, which imports the
 * account from the environment (its name shows in the status bar). Then waits for the sidebar's
 * first load of both logs, so that the only requests the server sees from then on are the test's.
 */
export async function signIn(page: Page, accountName: string): Promise<void> {
  await openSidebar(page);
  await page.locator('.statusbar-item', { hasText: accountName }).first().waitFor({ timeout: 60_000 });
  for (const view of ['Sessions', 'Webhook Calls']) {
    // A view's rows (groups, "nothing found" or an error) appear once its first load has ended.
    const pane = page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
    await pane.locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
  }
}

export async function openSidebar(page: Page): Promise<void> {
  const button = page.locator('.activitybar .action-label[aria-label^="ExaVault"]');
  const item = page.locator('.activitybar .action-item', { has: page.locator('.action-label[aria-label^="ExaVault"]') });
  if (!(await item.getAttribute('class'))?.includes('checked')) {
    await button.click();
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
