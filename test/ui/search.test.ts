// The palette searches as a person types them, recent and saved searches, and the sidebar's ways
// into a search, in the real workbench against the local server. The query panel's side is tested in
// queryPanel.test.ts; here, a search opens a new panel, and leaves its recent entry behind.
// Each test starts from the same state, whatever ran before it: the account signed in, no recent or
// saved search; it makes the searches it needs through the palette.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { accountStatus, addAccount, closeEditorsAndNotifications, closeQuickInput, exactly, palette, pickLabels, pickRow, pickRows, showExaVault } from './uiSteps';
import { isNoAnswer } from '../../src/api/wire';
import { answer, importingAccount, quickInput, runFromPalette, screenshot, useWorkbench } from './workbench';
import { inLastRange, panelFrame } from './queryPanelHelpers';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The local calendar day `days` from today, as people type it (2026-11-20), with the time of the
 * day's start as the extension shows it (00:00:00; the browser, the extension host and this process
 * share one zone and one clock). Counted in calendar days, not in 24-hour steps, so that a day of 23
 * or 25 hours (daylight saving) cannot make two days apart the same date. Without a time, a typed
 * day means its start: so the day after tomorrow is always more than a day ahead, two days ago is
 * between two and three days back, and 100 days ago is always beyond the 90 days kept, at any time
 * of day, just after midnight included.
 */
function localDay(days: number): { typed: string; startTime: string } {
  const now = new Date();
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return {
    typed: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    startTime: `${pad(start.getHours())}:${pad(start.getMinutes())}:${pad(start.getSeconds())}`,
  };
}

/** Escapes `text` for use inside a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pane = (page: Page, view: string) => page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
const rows = (page: Page, view: string) => pane(page, view).locator('.monaco-list-row');
const labelOf = (row: Locator) => row.locator('.label-name').first();
const descriptionOf = (row: Locator) => row.locator('.label-description').first();

const message = (page: Page) => quickInput(page).locator('.quick-input-message');
const input = (page: Page) => quickInput(page).locator('input').first();
const placeholder = (page: Page, text: string) => quickInput(page).locator(`input[placeholder="${text}"]`).waitFor();
const stepTitle = (page: Page, title: string, step: string) => quickInput(page).locator('.quick-input-title', { hasText: title }).filter({ hasText: `(${step})` });

async function waitForStep(page: Page, title: string, step: string): Promise<void> {
  await stepTitle(page, title, step).waitFor();
}

/** Types `text` and waits for the input's message to say `expected`. */
async function expectMessage(page: Page, text: string, expected: string | RegExp): Promise<void> {
  await input(page).fill(text);
  await message(page).getByText(expected).waitFor();
}

/** The recent-search picker's second row (the first below "New search..."), hovered to show its buttons. */
async function hoverSecondRow(page: Page): Promise<Locator> {
  await pickRow(page, /New search/).waitFor();
  const row = pickRows(page).nth(1);
  await row.hover();
  return row;
}

/** Runs `item` from the row's context menu (the item hovered, then Enter: a click right after the menu opens is ignored). */
async function fromContextMenu(page: Page, row: Locator, item: string): Promise<void> {
  await row.click({ button: 'right' });
  const action = page.locator('.context-view .action-item', { has: page.locator('.action-label', { hasText: exactly(item) }) });
  await action.hover();
  await page.keyboard.press('Enter');
  await action.waitFor({ state: 'detached' });
}

/** Picks the server order `label` at the wizard's last step. */
async function pickOrder(page: Page, title: string, step: string, label: string): Promise<void> {
  await waitForStep(page, title, step);
  await pickRow(page, label).click();
}

async function pressBack(page: Page): Promise<void> {
  await quickInput(page).locator('.quick-input-left-action-bar .action-label').click();
}

/** Runs `action`, which opens a search: a new query panel, which takes the focus. */
async function opensSearch(page: Page, action: () => Promise<unknown>): Promise<void> {
  const panels = await page.locator('iframe.webview').count();
  await action();
  await page.waitForFunction((before) => {
    const frames = document.querySelectorAll('iframe.webview');
    return frames.length > before && document.activeElement === frames[frames.length - 1];
  }, panels);
}

/** Runs a palette search and reads the recent-search picker's rows, then closes it. */
async function recentRows(page: Page, command: string): Promise<string[]> {
  await palette(page, command);
  await pickRow(page, /New search/).waitFor();
  const labels = await pickLabels(page);
  await closeQuickInput(page);
  return labels;
}

const sessionsTitle = 'Search Session Logs';
const webhooksTitle = 'Search Webhook Calls';
const FINANCE_DELETES = 'Finance deletes';
/** How the webhook search the tests make reads in the pickers. */
const WEBHOOK_SEARCH = 'Last 7 days · resources.delete, resources.upload · endpoint https://hooks.example.com/x · status 4xx · user $(bug)mallory';

/**
 * Starts a new search of the palette's `title`: through "New search..." when the account has recent
 * or saved searches of the kind, straight at the first step otherwise.
 */
async function startNewSearch(page: Page, title: string, steps: number): Promise<void> {
  await palette(page, `ExaVault: ${title}...`);
  const newSearch = pickRow(page, /New search/);
  const firstStep = stepTitle(page, title, `1/${steps}`);
  await newSearch.or(firstStep).first().waitFor();
  if (await newSearch.count() > 0) {
    await newSearch.click();
  }
  await firstStep.waitFor();
}

/**
 * Searches session logs for deletes and uploads from 10.0.0.5 under /Finance/, from the start of the
 * day two days ago until now; returns that day (see localDay).
 */
async function searchFinanceDeletes(page: Page): Promise<{ typed: string; startTime: string }> {
  const start = localDay(-2);
  await startNewSearch(page, sessionsTitle, 6);
  await pickRow(page, 'Custom range...').click();
  await answer(page, start.typed, '2/8');
  await answer(page, '', '3/8'); // until now
  await waitForStep(page, sessionsTitle, '4/8');
  await pickRow(page, 'Upload').click();
  await pickRow(page, 'Delete').click();
  await input(page).press('Enter');
  await answer(page, '', '5/8');
  await answer(page, '10.0.0.5', '6/8');
  await answer(page, '/Finance/*', '7/8');
  await opensSearch(page, () => pickOrder(page, sessionsTitle, '8/8', 'Time, newest first'));
  return start;
}

/** Searches webhook calls of the last 7 days (WEBHOOK_SEARCH), without the checks the webhook test makes on the way. */
async function searchFailedWebhooks(page: Page): Promise<void> {
  await startNewSearch(page, webhooksTitle, 7);
  await pickRow(page, 'Last 7 days').click();
  await waitForStep(page, webhooksTitle, '2/7');
  await pickRow(page, 'resources.upload').click();
  await pickRow(page, 'resources.delete').click();
  await input(page).press('Enter');
  await answer(page, 'https://hooks.example.com/x', '3/7');
  await answer(page, '4XX', '4/7');
  await answer(page, '', '5/7');
  await answer(page, '$(bug)mallory', '6/7');
  await opensSearch(page, () => pickOrder(page, webhooksTitle, '7/7', 'Time, newest first'));
}

/** Saves the recent search whose label matches `recent` under `name`, from "Save Search...". */
async function saveRecentSearch(page: Page, recent: RegExp, name: string): Promise<void> {
  await palette(page, 'ExaVault: Save Search...');
  await pickRow(page, recent).click();
  await quickInput(page).locator('.quick-input-title', { hasText: 'Save Search' }).waitFor();
  await answer(page, name);
  await page.locator('.notifications-toasts').getByText(`Saved the search as "${name}".`).waitFor();
}

/** A saved search named FINANCE_DELETES (searchFinanceDeletes's), made through the palette. */
async function saveFinanceDeletes(page: Page): Promise<void> {
  await searchFinanceDeletes(page);
  await saveRecentSearch(page, /· IP 10\.0\.0\.5 · path \/Finance\/\*$/, FINANCE_DELETES);
}

/**
 * Forgets every recent search and deletes every saved one of the palette's `title`, from its
 * picker's row buttons; with none, the search starts at its first step, which is cancelled.
 */
async function clearSearches(page: Page, title: string, steps: number): Promise<void> {
  await palette(page, `ExaVault: ${title}...`);
  const newSearch = pickRow(page, /New search/);
  await newSearch.or(stepTitle(page, title, `1/${steps}`)).first().waitFor();
  if (await newSearch.count() > 0) {
    // Row by row below "New search...": a recent search that was also saved shows once its saved twin is gone.
    while (await pickRows(page).count() > 1) {
      const row = pickRows(page).nth(1);
      const name = await row.getAttribute('aria-label'); // ends with ", Saved" or ", Recent"
      assert.ok(name, 'a picker row has an accessible name');
      await row.hover();
      await row.locator('.action-label[aria-label="Remove from Recent"], .action-label[aria-label="Delete"]').first().click();
      await quickInput(page).getByRole('option', { name, exact: true }).waitFor({ state: 'detached' });
    }
  }
  await closeQuickInput(page);
}

/** Opens the Saved Searches view, which starts folded. */
async function expandSavedSearches(page: Page): Promise<void> {
  const header = pane(page, 'Saved Searches').locator('.pane-header');
  if (await header.getAttribute('aria-expanded') === 'false') {
    await header.click();
  }
  await pane(page, 'Saved Searches').locator('.pane-body').waitFor();
}

describe('searching from the palette in the real workbench', function () {
  let server: RunningExaVaultServer;
  /** The server's `now`: every entry is this minus a fixed offset. */
  let serverStart: number;
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ seed: 17, sessions: 120, webhooks: 60, accountName: 'acme', now: new Date(serverStart) });
  });
  after(() => server.close());

  const session = useWorkbench('search', () => importingAccount(server, { 'exavault.sidebar.timeWindowHours': 2160 }));

  before(async function () {
    this.timeout(120_000);
    const { page } = session();
    // The first activation imports the account from the environment.
    await showExaVault(page);
    await accountStatus(page, 'acme').waitFor({ timeout: 60_000 });
    await closeEditorsAndNotifications(page);
  });

  /**
   * The state each test starts from: the account signed in (added again through Add Account when a
   * test signed out), no recent or saved search, nothing left open (the tidy-up after each test,
   * workbench.ts, closed it; what adding the account showed is closed here). A test that opened a
   * query panel closes it at its end: the panel keeps the focus, and the F1 of that tidy-up does not
   * reach the workbench from inside it.
   */
  async function signedInWithoutSearches(page: Page): Promise<void> {
    await showExaVault(page);
    const signedIn = accountStatus(page, 'acme');
    const signedOut = pane(page, 'Sessions').locator('.welcome-view-content').getByRole('button', { name: 'Add Account' });
    await signedIn.or(signedOut).first().waitFor();
    if (await signedIn.count() === 0) {
      await addAccount(page, server);
      await closeEditorsAndNotifications(page);
    }
    await clearSearches(page, sessionsTitle, 6);
    await clearSearches(page, webhooksTitle, 7);
  }

  it('searches session logs step by step: a custom range checked as typed, Back, operation types, skipped and checked filters', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    await palette(page, `ExaVault: ${sessionsTitle}...`);
    // No recent search yet: straight to the first step.
    await waitForStep(page, sessionsTitle, '1/6');
    await placeholder(page, 'Time range (ExaVault keeps 90 days)');
    await pickRow(page, 'Custom range...').click();

    await waitForStep(page, sessionsTitle, '2/8');
    await expectMessage(page, 'last tuesday', 'Enter a date such as 2026-11-20, 2026-11-20 14:00 or 2026-11-20T14:00:00Z.');
    await expectMessage(page, localDay(2).typed, 'That is in the future.');
    await expectMessage(page, localDay(-100).typed, /^ExaVault keeps 90 days of activity: enter a time after /);
    await screenshot(page, 'search-custom-range-too-old');
    const start = localDay(-2);
    await answer(page, start.typed);

    await waitForStep(page, sessionsTitle, '3/8');
    await expectMessage(page, localDay(-3).typed, new RegExp(`^The end must be after the start \\(${literal(`${start.typed} ${start.startTime}`)} \\S+\\)\\.$`));
    await pressBack(page);
    await waitForStep(page, sessionsTitle, '2/8');
    assert.equal(await input(page).inputValue(), start.typed, 'Back shows the start as typed');
    await answer(page, start.typed);
    await waitForStep(page, sessionsTitle, '3/8');
    await placeholder(page, 'YYYY-MM-DD or YYYY-MM-DD HH:MM, or ISO 8601 with a zone. Leave empty for now');
    await answer(page, ''); // until now

    await waitForStep(page, sessionsTitle, '4/8');
    await placeholder(page, 'Operation types (pick none for every type)');
    await pickRow(page, 'Upload').click();
    await pickRow(page, 'Delete').click();
    await screenshot(page, 'search-operation-types');
    await input(page).press('Enter');

    await waitForStep(page, sessionsTitle, '5/8');
    await placeholder(page, 'Username. Leave empty for no filter');
    await answer(page, ''); // any user

    await waitForStep(page, sessionsTitle, '6/8');
    await expectMessage(page, '999.1.1.1', 'Not an IPv4 or IPv6 address (such as 203.0.113.7 or 2001:db8::1).');
    await answer(page, '10.0.0.5');

    await waitForStep(page, sessionsTitle, '7/8');
    await expectMessage(page, 'Finance/*', 'A path starts with /, such as /Finance/*.');
    await expectMessage(page, '/Fin*/q3', /^Only a \* at the end is a wildcard/);
    await answer(page, '/Finance/*');

    // The server's order last: newest first unless another is picked.
    await waitForStep(page, sessionsTitle, '8/8');
    assert.equal(await quickInput(page).locator('.monaco-list-row.focused .label-name').textContent(), 'Time, newest first');
    await opensSearch(page, () => pickOrder(page, sessionsTitle, '8/8', 'Size, largest first'));
    await panelFrame(page).locator('#order-note', { hasText: 'Server order: Size, largest first' }).waitFor();
    await closeEditorsAndNotifications(page);
  });

  it('offers the search first on the next run, described in words, and saves it under a name', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    const start = await searchFinanceDeletes(page);
    await closeEditorsAndNotifications(page);

    await palette(page, `ExaVault: ${sessionsTitle}...`);
    await pickRow(page, /New search/).waitFor();
    const labels = await pickLabels(page);
    assert.equal(labels.length, 2, `"New search..." and the one recent search: ${JSON.stringify(labels)}`);
    assert.match(labels[0]!, /New search\.\.\./);
    assert.match(labels[1]!, new RegExp(`^${literal(`${start.typed} ${start.startTime}`)} \\S+ – \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ · Delete, Upload · IP 10\\.0\\.0\\.5 · path /Finance/\\*$`));
    await screenshot(page, 'search-recent');
    const recent = await hoverSecondRow(page);
    await recent.locator('.action-label[aria-label="Save Search..."]').click();
    await quickInput(page).locator('.quick-input-title', { hasText: 'Save Search' }).waitFor();
    await expectMessage(page, '  ', 'Enter a name.');
    await answer(page, FINANCE_DELETES);
    await page.locator('.notifications-toasts').getByText(`Saved the search as "${FINANCE_DELETES}". It is in the Saved Searches view.`).waitFor();
  });

  it('shows the saved search in the Saved Searches view, and first among saved ones in the picker', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    await saveFinanceDeletes(page);
    await closeEditorsAndNotifications(page);

    // The view starts folded, so it takes no room from Sessions and Webhook Calls until used.
    await expandSavedSearches(page);
    const row = rows(page, 'Saved Searches').first();
    await row.waitFor();
    assert.equal(await rows(page, 'Saved Searches').count(), 1, 'one saved search');
    assert.equal(await labelOf(row).textContent(), FINANCE_DELETES);
    assert.match(await descriptionOf(row).textContent() ?? '', / · Delete, Upload · IP 10\.0\.0\.5 · path \/Finance\/\*$/);
    await opensSearch(page, () => row.click());

    await palette(page, `ExaVault: ${sessionsTitle}...`);
    const saved = pickRow(page, FINANCE_DELETES);
    await saved.waitFor();
    assert.match(await descriptionOf(saved).textContent() ?? '', /Delete, Upload · IP 10\.0\.0\.5/);
    // Saved, it is no longer listed among the recent ones as well (it is one: it was just run).
    assert.deepEqual((await pickLabels(page)).slice(1), [FINANCE_DELETES]);
    await closeQuickInput(page);
    await closeEditorsAndNotifications(page);
  });

  it('runs a saved search from the palette', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    await saveFinanceDeletes(page);
    await closeEditorsAndNotifications(page);

    await palette(page, 'ExaVault: Run Saved Search...');
    const saved = pickRow(page, FINANCE_DELETES);
    await saved.waitFor();
    await quickInput(page).getByText('Session logs').waitFor();
    await opensSearch(page, () => saved.click());
    await closeEditorsAndNotifications(page);
  });

  it('renames and deletes a saved search from its row\'s context menu', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    await saveFinanceDeletes(page);
    await closeEditorsAndNotifications(page);

    await expandSavedSearches(page);
    const row = rows(page, 'Saved Searches').first();
    await labelOf(row).getByText(FINANCE_DELETES, { exact: true }).waitFor();
    await fromContextMenu(page, row, 'Rename...');
    await quickInput(page).locator('.quick-input-title', { hasText: 'Rename Saved Search' }).waitFor();
    assert.equal(await input(page).inputValue(), FINANCE_DELETES);
    await answer(page, 'Q3 deletes');
    await labelOf(rows(page, 'Saved Searches').first()).getByText('Q3 deletes', { exact: true }).waitFor();

    await fromContextMenu(page, rows(page, 'Saved Searches').first(), 'Delete');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText('Delete the saved search "Q3 deletes"?').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await pane(page, 'Saved Searches').locator('.welcome-view-content').getByText('No saved searches for this account yet.').waitFor();
    await screenshot(page, 'saved-searches-empty');
  });

  it('searches webhook calls: a preset range, events, a checked URL and status, a skipped path', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    // A session search, which the webhook picker must not offer.
    await searchFinanceDeletes(page);
    await closeEditorsAndNotifications(page);
    assert.equal((await recentRows(page, `ExaVault: ${sessionsTitle}...`)).length, 2, 'the session search is among the recent session searches');

    const title = webhooksTitle;
    await palette(page, `ExaVault: ${title}...`);
    await waitForStep(page, title, '1/7');
    await pickRow(page, 'Last 7 days').click();
    await waitForStep(page, title, '2/7');
    await pickRow(page, 'resources.upload').click();
    await pickRow(page, 'resources.delete').click();
    await input(page).press('Enter');
    await waitForStep(page, title, '3/7');
    await expectMessage(page, 'hooks.example.com/x', 'Enter the full URL of the endpoint, such as https://example.com/webhook.');
    await answer(page, 'https://hooks.example.com/x');
    await waitForStep(page, title, '4/7');
    await expectMessage(page, '4x', /^Enter a status such as 404 or a class such as 4xx/);
    await answer(page, '4XX');
    await waitForStep(page, title, '5/7');
    await answer(page, ''); // any path
    await waitForStep(page, title, '6/7');
    // Typed text reads as typed: "$(bug)" is not an icon.
    await answer(page, '$(bug)mallory');
    await opensSearch(page, () => pickOrder(page, title, '7/7', 'Time, newest first'));

    await palette(page, `ExaVault: ${title}...`);
    await pickRow(page, /New search/).waitFor();
    const recent = pickRows(page).nth(1);
    assert.equal(await labelOf(recent).textContent(), WEBHOOK_SEARCH);
    assert.equal(await recent.locator('.codicon-bug').count(), 0);
    // The session searches are not offered here.
    assert.equal(await pickRows(page).count(), 2);
    await closeQuickInput(page);
    await closeEditorsAndNotifications(page);
  });

  it('saves a search of the calls that got no answer, in a server order, and runs it as it was after a window reload', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    const unanswered = inLastRange(server.webhooks, 90 * 86_400_000, serverStart).filter((call) => isNoAnswer((call.attributes as { status?: number }).status ?? -1));
    assert.ok(unanswered.length > 0, 'seed 17: calls that got no answer in the last 90 days');
    const ended = (frame: ReturnType<typeof panelFrame>) => frame.locator('#status-text', { hasText: new RegExp(`^${unanswered.length} entries, \\d+ API calls?$`) }).waitFor();

    await startNewSearch(page, webhooksTitle, 7);
    await pickRow(page, 'Last 90 days').click();
    await waitForStep(page, webhooksTitle, '2/7');
    await pickRow(page, /No answer only$/).click();
    await input(page).press('Enter');
    await answer(page, '', '3/7');
    await answer(page, '', '4/7');
    await answer(page, '', '5/7');
    await answer(page, '', '6/7');
    await opensSearch(page, () => pickOrder(page, webhooksTitle, '7/7', 'Status, highest first'));
    await ended(panelFrame(page));
    await closeEditorsAndNotifications(page);
    await saveRecentSearch(page, /^Last 90 days · calls with no answer only · by Status, highest first$/, 'Unanswered calls');
    await closeEditorsAndNotifications(page);

    // As Developer: Reload Window does it; the mark goes with the page it was set in: gone means the window has loaded again.
    await page.evaluate(() => {
      (window as unknown as { testBeforeReload?: boolean }).testBeforeReload = true;
    });
    await runFromPalette(page, 'Developer: Reload Window');
    await page.waitForFunction(() => (window as unknown as { testBeforeReload?: boolean }).testBeforeReload === undefined, undefined, { timeout: 60_000 });
    await showExaVault(page);
    await accountStatus(page, 'acme').waitFor({ timeout: 60_000 });

    await expandSavedSearches(page);
    const row = rows(page, 'Saved Searches').first();
    await labelOf(row).getByText('Unanswered calls', { exact: true }).waitFor();
    assert.equal(await descriptionOf(row).textContent(), 'Last 90 days · calls with no answer only · by Status, highest first');
    await opensSearch(page, () => row.click());
    const frame = panelFrame(page);
    await ended(frame);
    assert.equal(await frame.locator('#filter-failed').inputValue(), 'noAnswer');
    assert.equal(await frame.locator('#order').inputValue(), '-status');
    await frame.locator('#order-note', { hasText: /^Server order: Status, highest first$/ }).waitFor();
    assert.match(await frame.locator('.notes').textContent() ?? '', /^No answer only: /);
    await closeEditorsAndNotifications(page);
  });

  it('saves a recent search from the palette, under a name no other saved search has', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    await searchFailedWebhooks(page);
    await closeEditorsAndNotifications(page);

    await expandSavedSearches(page);
    await palette(page, 'ExaVault: Save Search...');
    await pickRow(page, /^Last 7 days · resources\.delete/).click();
    await quickInput(page).locator('.quick-input-title', { hasText: 'Save Search' }).waitFor();
    await answer(page, 'Failed uploads');
    await labelOf(rows(page, 'Saved Searches').first()).getByText('Failed uploads', { exact: true }).waitFor();
    await palette(page, 'ExaVault: Save Search...');
    await pickRow(page, /^Last 7 days · resources\.delete/).click();
    await expectMessage(page, 'failed UPLOADS', 'Another saved search has that name.');
    await closeQuickInput(page);
    await fromContextMenu(page, rows(page, 'Saved Searches').first(), 'Delete');
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Delete' }).click();
    await pane(page, 'Saved Searches').locator('.welcome-view-content').getByText('No saved searches for this account yet.').waitFor();
  });

  it('forgets a recent search from its button', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    await searchFailedWebhooks(page);
    await closeEditorsAndNotifications(page);

    await palette(page, `ExaVault: ${webhooksTitle}...`);
    const recent = await hoverSecondRow(page);
    assert.equal(await labelOf(recent).textContent(), WEBHOOK_SEARCH);
    await recent.locator('.action-label[aria-label="Remove from Recent"]').click();
    await pickRows(page).nth(1).waitFor({ state: 'detached' });
    await closeQuickInput(page);
    // With nothing recent or saved, the search starts at its first step.
    await palette(page, `ExaVault: ${webhooksTitle}...`);
    await waitForStep(page, webhooksTitle, '1/7');
    await closeQuickInput(page);
  });

  it('searches a sidebar entry\'s user over the sidebar\'s window, and a view\'s filters from its title bar', async () => {
    const { page } = session();
    await signedInWithoutSearches(page);
    const sessions = pane(page, 'Sessions');
    const clearFilter = sessions.locator('.pane-header .action-label[aria-label="Clear Filter"]');
    if (await clearFilter.count() > 0) {
      // A filter another test left.
      await sessions.locator('.pane-header').hover();
      await clearFilter.click();
      await clearFilter.waitFor({ state: 'detached' });
    }

    const group = sessions.locator('.monaco-list-row[aria-level="1"]').first();
    await group.waitFor();
    if (await group.getAttribute('aria-expanded') === 'false') {
      await group.click();
    }
    const entry = sessions.locator('.monaco-list-row[aria-level="2"]').first();
    await entry.waitFor();
    // A file's row says its user after the time; a login's names the user in its label ("user @ address").
    const described = (await descriptionOf(entry).textContent() ?? '').split(' · ');
    const username = described.length > 1 ? described[1] : (await labelOf(entry).textContent() ?? '').split(' @ ')[0];
    assert.ok(username, 'the first session entry shows its user');
    await opensSearch(page, () => fromContextMenu(page, entry, 'Show Activity for this User'));
    // The sidebar looks back 2160 hours: the nearest preset is the last 90 days.
    assert.equal((await recentRows(page, `ExaVault: ${sessionsTitle}...`))[1], `Last 90 days · user ${username}`);

    // Filtered to the entry's operation, the view's Search... searches that, over the same window.
    const operation = (await labelOf(group).textContent() ?? '').replace(/ \(\w+\)$/, '');
    assert.ok(operation, 'the first group names its operation');
    await fromContextMenu(page, entry, 'Filter to this Type');
    await clearFilter.waitFor({ state: 'attached' });
    await sessions.locator('.pane-header').hover();
    await opensSearch(page, () => sessions.locator('.pane-header .action-label[aria-label="Search..."]').click());
    const labels = await recentRows(page, `ExaVault: ${sessionsTitle}...`);
    assert.deepEqual(labels.slice(1, 3), [`Last 90 days · ${operation}`, `Last 90 days · user ${username}`]);

    await closeEditorsAndNotifications(page);
    await sessions.locator('.pane-header').hover();
    await clearFilter.click();
    await clearFilter.waitFor({ state: 'detached' });
  });

  it('offers to add an account when there is none', async () => {
    const { page } = session();
    // Tests after this one sign in again through Add Account (signedInWithoutSearches).
    await signedInWithoutSearches(page);
    await palette(page, 'ExaVault: Sign Out of All Accounts');
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Sign Out' }).click();
    await showExaVault(page);
    await expandSavedSearches(page);
    await pane(page, 'Saved Searches').locator('.welcome-view-content').getByText('Searches you save show here once an account is added.').waitFor();
    await palette(page, `ExaVault: ${sessionsTitle}...`);
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Add an ExaVault account to search its logs.' });
    await toast.getByRole('button', { name: 'Add Account' }).click();
    await quickInput(page).getByText('Add ExaVault Account').waitFor();
    await closeQuickInput(page);
  });
});
