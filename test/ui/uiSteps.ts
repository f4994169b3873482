// Steps the UI suites take to set up what a test needs, as a person would: commands from the palette,
// the ExaVault view shown, accounts added or made active through the real quick inputs.
import type { Locator, Page } from 'playwright-core';
import { waitUntil } from '../support/waitUntil';
import { ACTION_TIMEOUT_MS, answer, editorsOpen, notificationsShown, quickInput } from './workbench';

/**
 * Runs "ExaVault: Show Log" until the Output view shows (three tries): once, in a full run beside
 * another workbench, the palette's pick was lost and the view never opened; a person would ask again.
 */
export async function showLog(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await palette(page, 'ExaVault: Show Log');
    try {
      await page.locator('.output-view').waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
}

/** What a test needs to know of a local ExaVault server to add its account. */
export interface AccountServer {
  readonly accountName: string;
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly accessToken: string;
}

/** Matches exactly `text`. */
export const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

// The list recycles row elements: rows left over from the command palette stay in the DOM, hidden.
export const pickRows = (page: Page): Locator => quickInput(page).locator('.monaco-list-row').filter({ visible: true });
/** The quick pick row whose label reads exactly `label` (or matches it). */
export const pickRow = (page: Page, label: string | RegExp): Locator =>
  pickRows(page).filter({ has: page.locator('.label-name', { hasText: typeof label === 'string' ? exactly(label) : label }) });

/**
 * The label of each row of the open quick pick, top to bottom: each row's first label (a row's
 * detail is a label too, and a recycled row may keep a hidden detail from an earlier list).
 */
export const pickLabels = (page: Page): Promise<string[]> =>
  pickRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent ?? ''));

/** The status bar item of the active account `name`. */
export const accountStatus = (page: Page, name: string): Locator => page.locator('.statusbar-item', { hasText: name });

/**
 * Runs a command from the palette. A query panel a search opened takes the focus when its webview
 * loads and again when its rows arrive, which closes the palette; in a window just opened, the
 * extension's commands are listed only once its manifest is read. Either way the palette is closed
 * and opened afresh (it lists the commands there are when it opens), for up to a minute.
 */
export async function palette(page: Page, command: string): Promise<void> {
  const paletteInput = quickInput(page).locator('input[placeholder="Type the name of a command to run."]');
  // Focus on the workbench (not a panel's webview) first, where there is a side bar to take it.
  const anchor = page.locator('.part.sidebar .pane-header').first();
  const deadline = Date.now() + 2 * ACTION_TIMEOUT_MS;
  for (;;) {
    if (await quickInput(page).isVisible()) {
      await closeQuickInput(page);
    }
    if (await anchor.isVisible()) {
      await anchor.focus();
    }
    await page.keyboard.press('F1');
    try {
      await paletteInput.fill(`>${command}`, { timeout: 5000 });
      // A click, not Enter: it needs the row on screen, so it does not go astray when the palette just closed.
      await quickInput(page).locator('.monaco-list-row', { hasText: command }).first().click({ timeout: 5000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
  }
}

/**
 * Shows the ExaVault views in the side bar (which activates the extension). The command opens the
 * container; the activity bar button toggles it, and right after a reload it may not know yet that
 * the side bar was restored open.
 */
export async function showExaVault(page: Page): Promise<void> {
  const sessions = page.locator('.part.sidebar .pane-header[aria-label^="Sessions"]');
  // Already shown (and so the extension activated): a palette run spared.
  if (await sessions.isVisible()) {
    return;
  }
  await palette(page, 'View: Show ExaVault');
  await sessions.waitFor();
}

/** Closes every editor (query panels too) and clears every notification a setup step left behind. */
export async function closeEditorsAndNotifications(page: Page): Promise<void> {
  if (await editorsOpen(page)) {
    await palette(page, 'View: Close All Editors');
    await page.locator('iframe.webview').first().waitFor({ state: 'detached' });
  }
  if (await notificationsShown(page)) {
    await palette(page, 'Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
  }
}

/** Closes the open quick input and waits until it is gone. */
export async function closeQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Runs "ExaVault: Switch Account..." and waits for its list, which ends with "Add Account...". */
async function openAccountPicker(page: Page): Promise<Locator> {
  await palette(page, 'ExaVault: Switch Account...');
  // Exactly: the palette's own "ExaVault: Add Account..." row may still show for a moment.
  const add = pickRow(page, /^\s*Add Account\.\.\.$/);
  await add.waitFor();
  return add;
}

/** The accounts "Switch Account..." lists (which also activates the extension), closing it again. */
export async function listedAccounts(page: Page): Promise<string[]> {
  await openAccountPicker(page);
  const labels = await pickLabels(page);
  await closeQuickInput(page);
  return labels.filter((label) => !/^\s*Add Account\.\.\.$/.test(label));
}

/** Adds the account through "Add Account..." (URL, API key, access token) and waits until it is the active one. */
export async function addAccount(page: Page, server: AccountServer): Promise<void> {
  await palette(page, 'ExaVault: Add Account...');
  await enterAccount(page, server);
}

async function enterAccount(page: Page, server: AccountServer): Promise<void> {
  await answer(page, server.baseUrl, '1/3');
  await answer(page, server.apiKey, '2/3');
  await answer(page, server.accessToken, '3/3');
  await accountStatus(page, server.accountName).waitFor();
}

/**
 * Makes the server's account the active one: picked in "Switch Account..." when it is listed,
 * otherwise added through "Add Account..." from the same list.
 */
export async function ensureActiveAccount(page: Page, server: AccountServer): Promise<void> {
  const add = await openAccountPicker(page);
  const listed = pickRow(page, server.accountName);
  if (await listed.count() > 0) {
    await listed.click();
    await accountStatus(page, server.accountName).waitFor();
  } else {
    await add.click();
    await enterAccount(page, server);
  }
}

/** Signs out of every account, when there is one, and waits until none is shown in the status bar. */
export async function signOutOfAll(page: Page): Promise<void> {
  const accounts = await listedAccounts(page);
  if (accounts.length === 0) {
    return;
  }
  await palette(page, 'ExaVault: Sign Out of All Accounts');
  await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Sign Out' }).click();
  for (const name of accounts) {
    await accountStatus(page, name).waitFor({ state: 'hidden' });
  }
}

/**
 * The extension's globalState as the workbench last wrote it to the browser's IndexedDB: what a
 * reloaded window reads back. The workbench writes changes there a moment after they are made (a
 * reload before that loses them), so a test that reloads waits for them here first.
 */
export async function storedExtensionState(page: Page): Promise<Record<string, unknown>> {
  const json = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('vscode-web-state-db-global');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('ItemTable').objectStore('ItemTable').get('exavault-activity.exavault-activity');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
  return typeof json === 'string' ? JSON.parse(json) as Record<string, unknown> : {};
}

/** Waits until the workbench has written the extension's globalState so that `check` holds (see storedExtensionState). */
export async function waitForStoredState(page: Page, what: string, check: (state: Record<string, unknown>) => boolean): Promise<void> {
  await waitUntil(`the workbench to write ${what} to the browser's storage`, async () => check(await storedExtensionState(page)), ACTION_TIMEOUT_MS);
}

/** Waits until the workbench has written the account list, with `names` in it and `active` the active account. */
export async function waitForStoredAccounts(page: Page, names: readonly string[], active: string): Promise<void> {
  await waitForStoredState(page, `the accounts ${names.join(', ')} with ${active} active`, (state) => {
    const stored = state['exavault.accounts'] as { accounts?: { id: string; accountName: string }[]; activeId?: string } | undefined;
    const accounts = stored?.accounts ?? [];
    return names.length > 0 && names.every((name) => accounts.some((account) => account.accountName === name))
      && accounts.find((account) => account.id === stored?.activeId)?.accountName === active;
  });
}
