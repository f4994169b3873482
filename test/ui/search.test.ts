// The palette searches as a person types them, recent and saved searches, and the sidebar's ways
// into a search, in the real workbench against the local server. The query panel's side is tested in
// queryPanel.test.ts; here, a search opens a new panel, and leaves its recent entry behind.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { answer, openSidebar, quickInput, screenshot, useWorkbench } from './workbench';

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** A local date as people type it: 2026-11-20 (the browser, the server and this process share one zone). */
const typedDate = (time: number) => {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

const pane = (page: Page, view: string) => page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
const rows = (page: Page, view: string) => pane(page, view).locator('.monaco-list-row');
const labelOf = (row: Locator) => row.locator('.label-name').first();
const descriptionOf = (row: Locator) => row.locator('.label-description').first();

/** Matches exactly `text`. */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const message = (page: Page) => quickInput(page).locator('.quick-input-message');
// The list recycles row elements: rows left over from the command palette stay in the DOM, hidden.
const pickRows = (page: Page) => quickInput(page).locator('.monaco-list-row').filter({ visible: true });
/** The quick pick row whose label reads exactly `label`. */
const pickRow = (page: Page, label: string | RegExp) =>
  pickRows(page).filter({ has: page.locator('.label-name', { hasText: typeof label === 'string' ? exactly(label) : label }) });
const input = (page: Page) => quickInput(page).locator('input').first();
const placeholder = (page: Page, text: string) => quickInput(page).locator(`input[placeholder="${text}"]`).waitFor();

async function waitForStep(page: Page, title: string, step: string): Promise<void> {
  await quickInput(page).locator('.quick-input-title', { hasText: title }).filter({ hasText: `(${step})` }).waitFor();
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

async function pressBack(page: Page): Promise<void> {
  await quickInput(page).locator('.quick-input-left-action-bar .action-label').click();
}

/**
 * Runs a command from the palette. A query panel a search opened takes the focus when its webview
 * loads and again when its rows arrive, which closes the palette: then it is opened again.
 */
async function palette(page: Page, command: string): Promise<void> {
  const paletteInput = quickInput(page).locator('input[placeholder="Type the name of a command to run."]');
  for (let attempt = 1; ; attempt++) {
    await page.locator('.part.sidebar .pane-header').first().focus();
    await page.keyboard.press('F1');
    try {
      await paletteInput.fill(`>${command}`, { timeout: 5000 });
      // A click, not Enter: it needs the row on screen, so it does not go astray when the palette just closed.
      await quickInput(page).locator('.monaco-list-row', { hasText: command }).first().click({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 4) {
        throw error;
      }
    }
  }
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
  const labels = await pickRows(page).locator('.label-name').allTextContents();
  await page.keyboard.press('Escape');
  return labels;
}

describe('searching from the palette in the real workbench', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 17, sessions: 120, webhooks: 60, accountName: 'acme' });
  });
  after(() => server.close());

  const session = useWorkbench('search', () => ({
    env: { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken },
    settings: { 'exavault.importFromEnvironment': 'always', 'exavault.sidebar.timeWindowHours': 2160 },
  }));

  const sessionsTitle = 'Search Session Logs';
  let startText: string;

  it('searches session logs step by step: a custom range checked as typed, Back, operation types, skipped and checked filters', async () => {
    const { page } = session();
    await openSidebar(page); // activates the extension, which imports the account
    await page.locator('.statusbar-item', { hasText: 'acme' }).waitFor({ timeout: 60_000 });
    await palette(page, `ExaVault: ${sessionsTitle}...`);
    // No recent search yet: straight to the first step.
    await waitForStep(page, sessionsTitle, '1/5');
    await placeholder(page, 'Time range (ExaVault keeps 90 days)');
    await pickRow(page, 'Custom range...').click();

    await waitForStep(page, sessionsTitle, '2/7');
    await expectMessage(page, 'last tuesday', 'Enter a date such as 2026-11-20, 2026-11-20 14:00 or 2026-11-20T14:00:00Z.');
    await expectMessage(page, typedDate(Date.now() + 2 * DAY), 'That is in the future.');
    await expectMessage(page, typedDate(Date.now() - 100 * DAY), /^ExaVault keeps 90 days of activity: enter a time after /);
    await screenshot(page, 'search-custom-range-too-old');
    startText = typedDate(Date.now() - 2 * DAY);
    await answer(page, startText);

    await waitForStep(page, sessionsTitle, '3/7');
    await expectMessage(page, typedDate(Date.now() - 3 * DAY), /^The end must be after the start \(/);
    await pressBack(page);
    await waitForStep(page, sessionsTitle, '2/7');
    assert.equal(await input(page).inputValue(), startText, 'Back shows the start as typed');
    await answer(page, startText);
    await waitForStep(page, sessionsTitle, '3/7');
    await placeholder(page, 'YYYY-MM-DD or YYYY-MM-DD HH:MM, or ISO 8601 with a zone. Leave empty for now');
    await answer(page, ''); // until now

    await waitForStep(page, sessionsTitle, '4/7');
    await placeholder(page, 'Operation types (pick none for every type)');
    await pickRow(page, 'Upload').click();
    await pickRow(page, 'Delete').click();
    await screenshot(page, 'search-operation-types');
    await input(page).press('Enter');

    await waitForStep(page, sessionsTitle, '5/7');
    await placeholder(page, 'Username. Leave empty for no filter');
    await answer(page, ''); // any user

    await waitForStep(page, sessionsTitle, '6/7');
    await expectMessage(page, '999.1.1.1', 'Not an IPv4 or IPv6 address (such as 203.0.113.7 or 2001:db8::1).');
    await answer(page, '10.0.0.5');

    await waitForStep(page, sessionsTitle, '7/7');
    await expectMessage(page, 'Finance/*', 'A path starts with /, such as /Finance/*.');
    await expectMessage(page, '/Fin*/q3', /^Only a \* at the end is a wildcard/);
    await opensSearch(page, () => answer(page, '/Finance/*'));
  });

  it('offers the search first on the next run, described in words, and saves it under a name', async () => {
    const { page } = session();
    await palette(page, `ExaVault: ${sessionsTitle}...`);
    await pickRow(page, /New search/).waitFor();
    const labels = await pickRows(page).locator('.label-name').allTextContents();
    assert.match(labels[0]!, /New search\.\.\./);
    assert.match(labels[1]!, new RegExp(`^${startText} 00:00:00 \\S+ – \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ · Delete, Upload · IP 10\\.0\\.0\\.5 · path /Finance/\\*$`));
    await screenshot(page, 'search-recent');
    const recent = await hoverSecondRow(page);
    await recent.locator('.action-label[aria-label="Save Search..."]').click();
    await quickInput(page).locator('.quick-input-title', { hasText: 'Save Search' }).waitFor();
    await expectMessage(page, '  ', 'Enter a name.');
    await answer(page, 'Finance deletes');
    await page.locator('.notifications-toasts').getByText('Saved the search as "Finance deletes". It is in the Saved Searches view.').waitFor();
  });

  it('shows the saved search in the Saved Searches view, and first among saved ones in the picker', async () => {
    const { page } = session();
    await openSidebar(page);
    // The view starts folded, so it takes no room from Sessions and Webhook Calls until used.
    const header = pane(page, 'Saved Searches').locator('.pane-header');
    if (await header.getAttribute('aria-expanded') === 'false') {
      await header.click();
    }
    const row = rows(page, 'Saved Searches').first();
    await row.waitFor();
    assert.equal(await labelOf(row).textContent(), 'Finance deletes');
    assert.match(await descriptionOf(row).textContent() ?? '', / · Delete, Upload · IP 10\.0\.0\.5 · path \/Finance\/\*$/);
    await screenshot(page, 'saved-searches-view');
    await opensSearch(page, () => row.click());

    await palette(page, `ExaVault: ${sessionsTitle}...`);
    const saved = pickRow(page, 'Finance deletes');
    await saved.waitFor();
    assert.match(await descriptionOf(saved).textContent() ?? '', /Delete, Upload · IP 10\.0\.0\.5/);
    // Saved, it is no longer listed among the recent ones as well.
    assert.deepEqual((await pickRows(page).locator('.label-name').allTextContents()).slice(1), ['Finance deletes']);
    await page.keyboard.press('Escape');
  });

  it('runs a saved search from the palette', async () => {
    const { page } = session();
    await palette(page, 'ExaVault: Run Saved Search...');
    const saved = pickRow(page, 'Finance deletes');
    await saved.waitFor();
    await quickInput(page).getByText('Session logs').waitFor();
    await opensSearch(page, () => saved.click());
  });

  it('renames and deletes a saved search from its row\'s context menu', async () => {
    const { page } = session();
    await openSidebar(page);
    const row = rows(page, 'Saved Searches').first();
    await fromContextMenu(page, row, 'Rename...');
    await quickInput(page).locator('.quick-input-title', { hasText: 'Rename Saved Search' }).waitFor();
    assert.equal(await input(page).inputValue(), 'Finance deletes');
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
    const title = 'Search Webhook Calls';
    await palette(page, `ExaVault: ${title}...`);
    await waitForStep(page, title, '1/6');
    await pickRow(page, 'Last 7 days').click();
    await waitForStep(page, title, '2/6');
    await pickRow(page, 'resources.upload').click();
    await pickRow(page, 'resources.delete').click();
    await input(page).press('Enter');
    await waitForStep(page, title, '3/6');
    await expectMessage(page, 'hooks.example.com/x', 'Enter the full URL of the endpoint, such as https://example.com/webhook.');
    await answer(page, 'https://hooks.example.com/x');
    await waitForStep(page, title, '4/6');
    await expectMessage(page, '4x', /^Enter a status such as 404 or a class such as 4xx/);
    await answer(page, '4XX');
    await waitForStep(page, title, '5/6');
    await answer(page, ''); // any path
    await waitForStep(page, title, '6/6');
    // Typed text reads as typed: "$(bug)" is not an icon.
    await opensSearch(page, () => answer(page, '$(bug)mallory'));

    await palette(page, `ExaVault: ${title}...`);
    await pickRow(page, /New search/).waitFor();
    const recent = pickRows(page).nth(1);
    assert.equal(await labelOf(recent).textContent(), 'Last 7 days · resources.delete, resources.upload · endpoint https://hooks.example.com/x · status 4xx · user $(bug)mallory');
    assert.equal(await recent.locator('.codicon-bug').count(), 0);
    // The session searches are not offered here.
    assert.equal(await pickRows(page).count(), 2);
    await page.keyboard.press('Escape');
  });

  it('saves a recent search from the palette, under a name no other saved search has', async () => {
    const { page } = session();
    await palette(page, 'ExaVault: Save Search...');
    await pickRow(page, /^Last 7 days · resources\.delete/).click();
    await quickInput(page).locator('.quick-input-title', { hasText: 'Save Search' }).waitFor();
    await answer(page, 'Failed uploads');
    await labelOf(rows(page, 'Saved Searches').first()).getByText('Failed uploads', { exact: true }).waitFor();
    await palette(page, 'ExaVault: Save Search...');
    await pickRow(page, /^Last 7 days · resources\.delete/).click();
    await expectMessage(page, 'failed UPLOADS', 'Another saved search has that name.');
    await page.keyboard.press('Escape');
    await fromContextMenu(page, rows(page, 'Saved Searches').first(), 'Delete');
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Delete' }).click();
    await pane(page, 'Saved Searches').locator('.welcome-view-content').getByText('No saved searches for this account yet.').waitFor();
  });

  it('forgets a recent search from its button', async () => {
    const { page } = session();
    await palette(page, 'ExaVault: Search Webhook Calls...');
    const recent = await hoverSecondRow(page);
    await recent.locator('.action-label[aria-label="Remove from Recent"]').click();
    await pickRows(page).nth(1).waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    // With nothing recent or saved, the search starts at its first step.
    await palette(page, 'ExaVault: Search Webhook Calls...');
    await waitForStep(page, 'Search Webhook Calls', '1/6');
    await page.keyboard.press('Escape');
  });

  it('searches a sidebar entry\'s user over the sidebar\'s window, and a view\'s filters from its title bar', async () => {
    const { page } = session();
    await openSidebar(page);
    const sessions = pane(page, 'Sessions');
    const group = sessions.locator('.monaco-list-row[aria-level="1"]').first();
    await group.waitFor();
    await group.click();
    const entry = sessions.locator('.monaco-list-row[aria-level="2"]').first();
    await entry.waitFor();
    const username = (await descriptionOf(entry).textContent())!.split(' · ')[0]!;
    await opensSearch(page, () => fromContextMenu(page, entry, 'Show Activity for this User'));
    // The sidebar looks back 2160 hours: the nearest preset is the last 90 days.
    assert.equal((await recentRows(page, `ExaVault: ${sessionsTitle}...`))[1], `Last 90 days · user ${username}`);

    // Filtered to the entry's operation, the view's Search... searches that, over the same window.
    const operation = (await labelOf(group).textContent())!.replace(/ \(\w+\)$/, '');
    await fromContextMenu(page, entry, 'Filter to this Type');
    await sessions.locator('.pane-header').hover();
    await opensSearch(page, () => sessions.locator('.pane-header .action-label[aria-label="Search..."]').click());
    const labels = await recentRows(page, `ExaVault: ${sessionsTitle}...`);
    assert.deepEqual(labels.slice(1, 3), [`Last 90 days · ${operation}`, `Last 90 days · user ${username}`]);
  });

  it('offers to add an account when there is none', async () => {
    const { page } = session();
    await palette(page, 'ExaVault: Sign Out of All Accounts');
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Sign Out' }).click();
    await openSidebar(page);
    await pane(page, 'Saved Searches').locator('.welcome-view-content').getByText('Searches you save show here once an account is added.').waitFor();
    await palette(page, `ExaVault: ${sessionsTitle}...`);
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Add an ExaVault account to search its logs.' });
    await toast.getByRole('button', { name: 'Add Account' }).click();
    await quickInput(page).getByText('Add ExaVault Account').waitFor();
    await page.keyboard.press('Escape');
  });
});
