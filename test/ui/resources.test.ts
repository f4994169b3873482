// Files named in the logs, opened as a person would: from a sidebar row's menu or inline action,
// or "ExaVault: Open Path...", in the real workbench against the local server.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { ODD_NAMES_FOLDER, SAMPLE_FILES, SAMPLES_FOLDER, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import type { SessionEntryWire } from '../../src/api/wire';
import { openPanel, rowCells } from './queryPanelHelpers';
import { answer, openSidebar, quickInput, runFromPalette, screenshot, useWorkbench } from './workbench';

const NOTES = '/Samples/Notes #1 100%.md';
const GONE = '/Finance/Payroll/Old payroll 2025.csv';
const MEDIUM = '/Samples/Medium export.log';
const MEDIUM_BYTES = 3 * 1024 * 1024;

const pane = (page: Page, view: string) => page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
const rows = (page: Page, view: string) => pane(page, view).locator('.monaco-list-row');
const toast = (page: Page, text: string | RegExp) => page.locator('.notifications-toasts .notification-toast', { hasText: text });
const activeEditor = (page: Page) => page.locator('.editor-group-container.active');

/** The text the active editor shows, line by line (spaces come out as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  const lines = await activeEditor(page).locator('.monaco-editor .view-lines .view-line').evaluateAll((elements) =>
    elements.map((element) => [parseFloat((element as HTMLElement).style.top), element.textContent ?? ''] as const));
  return lines.sort((a, b) => a[0] - b[0]).map(([, text]) => text.replace(/\u00a0/g, ' ')).join('\n');
}

/** Waits until the active editor shows `expected` (it renders a moment after it opens). */
async function waitForEditorText(page: Page, expected: string): Promise<void> {
  let shown = '';
  for (let i = 0; i < 100; i++) {
    shown = await editorText(page);
    if (shown === expected) {
      return;
    }
    await page.waitForTimeout(100);
  }
  assert.equal(shown, expected);
}

async function openPath(page: Page, path: string): Promise<void> {
  await runFromPalette(page, 'ExaVault: Open Path...');
  await answer(page, path);
}

/** Runs the palette command with exactly this title (Enter would run the best fuzzy match, which may be another). */
async function runExactly(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).locator('input').fill(`>${title}`);
  const label = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await quickInput(page).locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first().click();
}

/**
 * Opens the sidebar once the account is in. The "always" import setting sometimes reaches the
 * extension host only after it has started, and then it asks instead: accept that offer.
 */
async function signedIn(page: Page): Promise<void> {
  await openSidebar(page);
  const groups = rows(page, 'Sessions').filter({ hasText: 'Upload (STOR)' }).first();
  const offer = page.locator('.notification-list-item', { hasText: 'are set in environment variables' });
  for (let i = 0; i < 120 && !(await groups.isVisible()); i++) {
    if (i === 20 && !(await offer.isVisible())) {
      await runFromPalette(page, 'Notifications: Show Notifications');
    }
    if (await offer.isVisible()) {
      await offer.getByRole('button', { name: 'Import' }).click();
    }
    await page.waitForTimeout(250);
  }
  await groups.waitFor();
}

/** Opens a group of the Sessions view (a click on an open one would close it). */
async function expand(page: Page, group: string): Promise<void> {
  const row = rows(page, 'Sessions').filter({ hasText: group }).first();
  if (await row.getAttribute('aria-expanded') !== 'true') {
    await row.click();
  }
}

async function rowMenu(page: Page, row: Locator, action: string): Promise<void> {
  const item = page.locator('.context-view .action-label', { hasText: action });
  // A menu may not open while the workbench is busy, and ignores a click that comes too soon after
  // it opens: open it, hover, click, until it closes.
  for (let attempt = 0; attempt < 4; attempt++) {
    if (!(await item.isVisible())) {
      await row.click({ button: 'right' });
      await item.waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    await item.hover({ timeout: 2000 }).catch(() => undefined);
    await item.click({ timeout: 2000 }).catch(() => undefined);
    if (await item.waitFor({ state: 'detached', timeout: 1000 }).then(() => true, () => false)) {
      return;
    }
  }
  throw new Error(`"${action}" could not be chosen from the row's menu`);
}

describe('ExaVault files in the real workbench', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 41, sessions: 60, webhooks: 10, accountName: 'acme' });
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString().slice(0, 19) + 'Z';
    const entry = (id: number, operation: string, fileName: string, bytes: number, secondsAgo: number): SessionEntryWire => ({
      id, type: 'sessionActivity',
      attributes: { created: at(secondsAgo), operation, username: 'jsmith', ipAddress: '203.0.113.14', protocol: 'web', fileName, fileSource: '', bytesTransferred: bytes, duration: 1, sessionId: 'ui-files', status: '-' },
    });
    server.arrive({ sessions: [entry(9_200_001, 'STOR', GONE, 900, 30), entry(9_200_002, 'STOR', MEDIUM, MEDIUM_BYTES, 20), entry(9_200_003, 'STOR', NOTES, 700, 10), entry(9_200_004, 'DELE', GONE, 0, 5)] });
  });
  after(() => server.close());
  afterEach(() => server.clearFaults());

  const session = useWorkbench('resources', () => ({
    env: { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken },
    settings: {
      'exavault.importFromEnvironment': 'always', 'exavault.sidebar.timeWindowHours': 2160, 'exavault.pageSize': 25,
      // The 8 MB sample is over it; the 3 MB upload is under it (and big enough to show its progress).
      'exavault.resources.maxDownloadMegabytes': 5,
      // One line on screen for each line of the file, so what shows can be compared with it.
      'editor.wordWrap': 'off', '[markdown]': { 'editor.wordWrap': 'off' },
    },
  }));

  before(async function () {
    this.timeout(120_000);
    await signedIn(session().page);
  });

  it('opens a file from a sidebar row\'s context menu, showing the server\'s text', async () => {
    const { page } = session();
    await pane(page, 'Webhook Calls').locator('.pane-header').click(); // make room
    await expand(page, 'Upload (STOR)');
    const row = rows(page, 'Sessions').filter({ hasText: NOTES });
    await rowMenu(page, row, 'Open Resource');
    await activeEditor(page).locator('.tab.active', { hasText: 'Notes #1 100%.md' }).waitFor();
    await waitForEditorText(page, server.fileBytes(NOTES).toString('utf8'));
    await screenshot(page, 'resource-text');
  });

  it('refuses typing in the opened file, while an untitled editor takes it (positive control)', async () => {
    const { page } = session();
    const before = await editorText(page);
    await activeEditor(page).locator('.monaco-editor .view-lines').click();
    await page.keyboard.type('XYZ');
    await page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).waitFor();
    assert.equal(await editorText(page), before);

    await runExactly(page, 'File: New Untitled Text File');
    await activeEditor(page).locator('.tab.active', { hasText: 'Untitled' }).waitFor();
    await page.keyboard.type('XYZ');
    await waitForEditorText(page, 'XYZ');
    await runExactly(page, 'View: Revert and Close Editor');
  });

  it('says a deleted file is gone, from the row\'s inline action, and offers its activity', async () => {
    const { page } = session();
    await expand(page, 'Delete (DELE)');
    // Its upload is listed too: the deletion is the row with the trash icon.
    const row = rows(page, 'Sessions').filter({ hasText: GONE }).filter({ has: page.locator('.codicon-trash') });
    await row.hover();
    await row.locator('.action-label[aria-label^="Open Resource"]').click();
    const message = toast(page, `${GONE} is no longer in the ExaVault account acme`);
    await message.waitFor();
    await message.getByRole('button', { name: 'Show Activity for this Path' }).waitFor();
    await screenshot(page, 'resource-deleted');
    await message.getByRole('button', { name: 'Show Activity for this Path' }).click();
    await message.waitFor({ state: 'detached' });
    // Positive control: the same action on an existing file opens it.
    await expand(page, 'Upload (STOR)');
    const existing = rows(page, 'Sessions').filter({ hasText: NOTES });
    await existing.hover();
    await existing.locator('.action-label[aria-label^="Open Resource"]').click();
    await activeEditor(page).locator('.tab.active', { hasText: 'Notes #1 100%.md' }).waitFor();
  });

  it('checks a typed path, then opens a PNG in the image preview and a binary with VS Code\'s notice', async () => {
    const { page } = session();
    await runFromPalette(page, 'ExaVault: Open Path...');
    await quickInput(page).locator('input').fill('Samples/logo.png');
    await quickInput(page).getByText('Start the path with "/"').waitFor();
    await answer(page, SAMPLE_FILES.png);
    // The image preview is a webview; the query panel opened above may be another, hidden one.
    const image = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame').locator('img');
    await image.waitFor();
    for (let i = 0; i < 100 && (await image.evaluate((element: HTMLImageElement) => element.naturalWidth)) === 0; i++) {
      await page.waitForTimeout(100);
    }
    assert.deepEqual(await image.evaluate((element: HTMLImageElement) => [element.naturalWidth, element.naturalHeight]), [96, 64]);
    await screenshot(page, 'resource-image');

    await openPath(page, SAMPLE_FILES.pdf);
    await activeEditor(page).getByText(/not displayed in the text editor because it is either binary/).waitFor();
  });

  it('opens a folder as a list to go through: into a folder, back up, and a file from it', async () => {
    const { page } = session();
    await openPath(page, SAMPLES_FOLDER);
    const pick = (label: string | RegExp) => quickInput(page).locator('.monaco-list-row', { hasText: label }).first();
    await quickInput(page).locator('.quick-input-title', { hasText: `Open from ExaVault: ${SAMPLES_FOLDER}` }).waitFor();
    await pick('Odd names').click();
    await quickInput(page).locator('.quick-input-title', { hasText: ODD_NAMES_FOLDER }).waitFor();
    // Names are shown as text: a payload's `$(...)` is not made an icon, its line break is a visible mark.
    const filter = quickInput(page).locator('input');
    await filter.fill('icon syntax');
    await pick('$(zap) icon syntax.txt').waitFor();
    await filter.fill('line1');
    await pick('line1\u23celine2.txt').waitFor();
    await filter.fill('');
    await pick('..').click();
    await quickInput(page).locator('.quick-input-title', { hasText: new RegExp(`${SAMPLES_FOLDER}$`) }).waitFor();
    await pick('orders.csv').click();
    await activeEditor(page).locator('.tab.active', { hasText: 'orders.csv' }).waitFor();
    for (let i = 0; i < 100 && !(await editorText(page)).startsWith('id,date,user,description,amount,status\n1,'); i++) {
      await page.waitForTimeout(100);
    }
    assert.ok((await editorText(page)).startsWith('id,date,user,description,amount,status\n1,'));
  });

  it('refuses a file over the size limit with a message that leads to the setting', async () => {
    const { page } = session();
    server.resetStats();
    await openPath(page, SAMPLE_FILES.large);
    const message = toast(page, 'more than the 5.0 MB download limit');
    await message.waitFor();
    assert.equal(server.stats().byPath['/api/v2/resources/download'] ?? 0, 0, 'nothing downloaded');
    await screenshot(page, 'resource-too-large');
    await message.getByRole('button', { name: 'Open Settings' }).click();
    await page.locator('.settings-editor').getByText('Max Download Megabytes').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.settings-editor').waitFor({ state: 'detached' });
  });

  it('shows a large download\'s progress in a notification, and stops it on Cancel', async () => {
    const { page } = session();
    // 3 MB at 200 KB a second: some 15 seconds, unless cancelled.
    server.setFaults({ downloadBytesPerSecond: 200_000 });
    await openPath(page, MEDIUM);
    const progress = toast(page, 'Downloading Medium export.log from ExaVault');
    await progress.waitFor();
    await progress.getByText(/KB of 3\.0 MB|MB of 3\.0 MB/).waitFor();
    await screenshot(page, 'resource-download-progress');
    assert.equal(server.stats().inFlight, 1, 'the download is under way');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached' });
    for (let i = 0; i < 50 && server.stats().inFlight > 0; i++) {
      await page.waitForTimeout(100);
    }
    assert.equal(server.stats().inFlight, 0, 'the server stopped sending');
    // No editor is left behind with an error.
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('.tab', { hasText: 'Medium export.log' }).count(), 0);
    // Positive control: not cancelled, the same file opens.
    server.clearFaults();
    await openPath(page, MEDIUM);
    await activeEditor(page).locator('.tab.active', { hasText: 'Medium export.log' }).waitFor();
    await activeEditor(page).locator('.view-line', { hasText: 'worker[' }).first().waitFor();
  });

  it('reveals a row\'s folder in the web file manager, with no credentials in the address', async () => {
    const { page } = session();
    await expand(page, 'Upload (STOR)');
    const row = rows(page, 'Sessions').filter({ hasText: NOTES });
    const opened = page.context().waitForEvent('page');
    await rowMenu(page, row, 'Reveal in ExaVault Web File Manager');
    const browserTab = await opened;
    await browserTab.waitForURL(/\/files\//);
    // code-server sends addresses on this machine through its port forwarding (/proxy/<port>/).
    const port = new URL(server.url).port;
    assert.match(browserTab.url(), new RegExp(`^http://127\\.0\\.0\\.1:(${port}|\\d+/proxy/${port})/files/Samples$`));
    assert.ok(![server.apiKey, server.accessToken].some((secret) => browserTab.url().includes(secret)));
    await browserTab.close();
  });

  it('opens a file from a query panel row, showing the server\'s text', async () => {
    const { page } = session();
    const frame = await openPanel(page, 'Session Logs');
    await frame.locator('#refine').fill(NOTES);
    await frame.locator('#count', { hasText: /^1 of \d+ rows$/ }).waitFor();
    await rowCells(frame, 0).first().click();
    await frame.locator('.details button', { hasText: 'Open Resource' }).click();
    await activeEditor(page).locator('.tab.active', { hasText: 'Notes #1 100%.md' }).waitFor();
    await waitForEditorText(page, server.fileBytes(NOTES).toString('utf8'));
  });
});

