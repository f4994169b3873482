// Files named in the logs, opened as a person would: from a sidebar row's menu or inline action,
// or "ExaVault: Open Path...", in the real workbench against the local server. Each test signs in
// and opens what it needs itself, so any one of them runs alone.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { ODD_NAMES_FOLDER, SAMPLE_FILES, SAMPLES_FOLDER, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { baseName, parentFolder } from '../../src/activity/pathName';
import type { SessionEntryWire } from '../../src/api/wire';
import { openPanel, panelFrame, rowCells, rowCount } from './queryPanelHelpers';
import { entryRows, escaped, exactly, expandGroup, fromRowMenu, poll, sessionsShown, signedIn } from './sidebarHelpers';
import { answer, importingAccount, quickInput, runFromPalette, screenshot, useWorkbench } from './workbench';

const PAGE_SIZE = 25;
const NOTES = '/Samples/Notes #1 100%.md';
const NOTES_NAME = 'Notes #1 100%.md';
const GONE = '/Finance/Payroll/Old payroll 2025.csv';
const MEDIUM = '/Samples/Medium export.log';
const MEDIUM_NAME = 'Medium export.log';
const MEDIUM_BYTES = 3 * 1024 * 1024;
const ORDERS = `${SAMPLES_FOLDER}/orders.csv`;

const toast = (page: Page, text: string | RegExp) => page.locator('.notifications-toasts .notification-toast', { hasText: text });
const activeEditor = (page: Page) => page.locator('.editor-group-container.active');
const activeTab = (page: Page, name: string) => activeEditor(page).locator('.tab.active', { hasText: name });
/** A row of the Sessions view about `path`: its label reads the file's name, its description ends with the folder. */
const entryRow = (page: Page, path: string) => entryRows(page, 'Sessions')
  .filter({ has: page.locator('.label-name', { hasText: exactly(baseName(path)) }) })
  .filter({ has: page.locator('.label-description', { hasText: new RegExp(` · ${escaped(parentFolder(path))}$`) }) });

/** The lines the active editor shows, top to bottom (spaces come out as no-break spaces). */
async function editorLines(page: Page): Promise<string[]> {
  const lines = await activeEditor(page).locator('.monaco-editor .view-lines .view-line').evaluateAll((elements) =>
    elements.map((element) => [parseFloat((element as HTMLElement).style.top), element.textContent ?? ''] as const));
  return lines.sort((a, b) => a[0] - b[0]).map(([, text]) => text.replace(/\u00a0/g, ' '));
}

/** Waits until the active editor shows exactly `expected` (it renders a moment after it opens), for a file that fits on screen. */
async function waitForEditorText(page: Page, expected: string): Promise<void> {
  const shown = await poll(async () => (await editorLines(page)).join('\n'), (text) => text === expected);
  assert.equal(shown, expected, 'the editor shows the text');
}

/** Waits until the active editor shows the start of `text`: each line on screen is the file's line at that place. */
async function waitForEditorStart(page: Page, text: string): Promise<void> {
  const lines = text.split('\n');
  const first = Math.min(lines.length, 5);
  const shown = await poll(() => editorLines(page), (on) => on.length >= first && on.every((line, i) => line === lines[i]));
  assert.deepEqual(shown, lines.slice(0, Math.max(shown.length, first)), 'the editor shows the start of the file');
}

async function openPath(page: Page, path: string): Promise<void> {
  await runFromPalette(page, 'ExaVault: Open Path...');
  await answer(page, path);
}

/**
 * Runs the palette command with exactly this title (Enter would run the best fuzzy match, which may be
 * another). A palette that closes again at once (focus moving on a loaded machine) is opened again.
 */
async function runExactly(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await page.keyboard.press('F1');
      await quickInput(page).locator('input').fill(`>${title}`, { timeout: 5000 });
      await quickInput(page).locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).first().click({ timeout: 5000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
}

describe('ExaVault files in the real workbench', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    // The files' own log entries, the newest of the account: seconds before the server's clock
    // starts, as the generated ones are minutes to days before it (on any date).
    const now = new Date();
    server = await startExaVaultServer({ seed: 41, sessions: 60, webhooks: 10, accountName: 'acme', now });
    const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString().slice(0, 19) + 'Z';
    const entry = (id: number, operation: string, fileName: string, bytes: number, secondsAgo: number): SessionEntryWire => ({
      id, type: 'sessionActivity',
      attributes: { created: at(secondsAgo), operation, username: 'jsmith', ipAddress: '203.0.113.14', protocol: 'web', fileName, fileSource: '', bytesTransferred: bytes, duration: 1, sessionId: 'ui-files', status: '-' },
    });
    const arrived = [entry(9_200_004, 'DELE', GONE, 0, 5), entry(9_200_003, 'STOR', NOTES, 700, 10), entry(9_200_002, 'STOR', MEDIUM, MEDIUM_BYTES, 20), entry(9_200_001, 'STOR', GONE, 900, 30)];
    server.arrive({ sessions: [...arrived].reverse() });
    // What the tests rely on, checked once: these are the newest entries (on the sidebar's first page), and the files follow them.
    assert.deepEqual(server.sessions.slice(0, arrived.length).map((e) => e.id), arrived.map((e) => e.id), 'the files\' entries are the newest');
    assert.equal(server.resource(GONE), undefined, `${GONE} is gone`);
    assert.equal(server.resource(NOTES)?.type, 'file', `${NOTES} is a file`);
    assert.equal(server.resource(MEDIUM)?.size, MEDIUM_BYTES, `${MEDIUM} has ${MEDIUM_BYTES} bytes`);
    assert.ok((server.resource(SAMPLE_FILES.large)?.size ?? 0) > 5 * 1024 * 1024, `${SAMPLE_FILES.large} is over the 5 MB limit`);
  });
  after(() => server.close());
  afterEach(() => server.clearFaults());

  const session = useWorkbench('resources', () => importingAccount(server, {
    'exavault.sidebar.timeWindowHours': 2160, 'exavault.pageSize': PAGE_SIZE,
    // The 8 MB sample is over it; the 3 MB upload is under it (and big enough to show its progress).
    'exavault.resources.maxDownloadMegabytes': 5,
    // One line on screen for each line of the file, so what shows can be compared with it.
    'editor.wordWrap': 'off', '[markdown]': { 'editor.wordWrap': 'off' },
  }));

  it('opens a file from a sidebar row\'s context menu, showing the server\'s text', async () => {
    const { page } = session();
    await sessionsShown(page, server, PAGE_SIZE);
    await expandGroup(page, 'Sessions', 'Upload (STOR)');
    await fromRowMenu(page, entryRow(page, NOTES), 'Open Resource');
    await activeTab(page, NOTES_NAME).waitFor();
    await waitForEditorText(page, server.fileBytes(NOTES).toString('utf8'));
  });

  it('refuses typing in the opened file, while an untitled editor takes it (positive control)', async () => {
    const { page } = session();
    await signedIn(page, server);
    await openPath(page, NOTES);
    await activeTab(page, NOTES_NAME).waitFor();
    const text = server.fileBytes(NOTES).toString('utf8');
    await waitForEditorText(page, text);
    await activeEditor(page).locator('.monaco-editor .view-lines').click();
    await activeEditor(page).locator('.monaco-editor.focused').waitFor();
    await page.keyboard.type('XYZ');
    await page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).waitFor();
    assert.equal((await editorLines(page)).join('\n'), text);

    const untitled = page.locator('.tab', { hasText: /Untitled-\d+/ });
    try {
      await runExactly(page, 'File: New Untitled Text File');
      await activeTab(page, 'Untitled').waitFor();
      await activeEditor(page).locator('.monaco-editor.focused').waitFor();
      await page.keyboard.type('XYZ');
      await waitForEditorText(page, 'XYZ');
    } finally {
      // Closing all editors after the test would ask whether to save it: revert it here, whatever happened above.
      if (await untitled.count() > 0) {
        await untitled.first().click();
        await runExactly(page, 'View: Revert and Close Editor');
      }
    }
    await untitled.waitFor({ state: 'detached' });
  });

  /** Open Resource on the deleted file's row in the sidebar; resolves with the message that says it is gone. */
  async function openGoneFile(page: Page): Promise<Locator> {
    await sessionsShown(page, server, PAGE_SIZE);
    await expandGroup(page, 'Sessions', 'Delete (DELE)');
    // Its upload is listed too (in Upload): the deletion is the row with the trash icon.
    const row = entryRow(page, GONE).filter({ has: page.locator('.codicon-trash') });
    await row.hover();
    await row.locator('.action-label[aria-label^="Open Resource"]').click();
    return toast(page, `${GONE} is no longer in the ExaVault account acme`);
  }

  it('says a deleted file is gone, from the row\'s inline action, and offers its activity', async () => {
    const { page } = session();
    const message = await openGoneFile(page);
    await message.waitFor();
    const show = message.getByRole('button', { name: 'Show Activity for this Path' });
    await show.waitFor();
    await show.click();
    await message.waitFor({ state: 'detached' });
    // The path's activity, in a query panel: its upload and its deletion.
    const frame = panelFrame(page);
    await frame.locator('#status-text', { hasText: /^\d[\d,]* entr(y|ies), [\d,]+ API calls?$/ }).waitFor();
    const expected = server.sessions.filter((e) => e.attributes.fileName === GONE).length;
    assert.equal(expected, 2, `the server has the upload and the deletion of ${GONE}`);
    await frame.locator('#count', { hasText: exactly(rowCount(expected)) }).waitFor();
    // Positive control: the same action on an existing file opens it.
    await expandGroup(page, 'Sessions', 'Upload (STOR)');
    const existing = entryRow(page, NOTES);
    await existing.hover();
    await existing.locator('.action-label[aria-label^="Open Resource"]').click();
    await activeTab(page, NOTES_NAME).waitFor();
    await waitForEditorText(page, server.fileBytes(NOTES).toString('utf8'));
  });

  it('offers a deleted file\'s history with the message: who uploaded and who deleted it, and the calls it took', async () => {
    const { page } = session();
    const message = await openGoneFile(page);
    const trace = message.getByRole('button', { name: 'Trace Path History' });
    await trace.waitFor();
    const before = server.stats().requests;
    await trace.click();
    const logged = (operation: string) => server.sessions.find((e) => e.attributes.fileName === GONE && e.attributes.operation === operation)!.attributes;
    const expected = [`uploaded as ${GONE} by ${logged('STOR').username}`, `deleted (${GONE}) by ${logged('DELE').username}`];
    const shown = await poll(() => editorLines(page), (lines) => lines.some((line) => /^\d+ API calls\.$/.test(line)));
    const chain = shown.filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    assert.deepEqual(chain.map((line) => line.replace(/^\S+ \S+ \S+ {2}/, '')), expected, shown.join('\n'));
    assert.ok(shown.includes(`${server.stats().requests - before} API calls.`), shown.join('\n'));
    await activeTab(page, 'history of Old payroll 2025.csv.txt').waitFor();
  });

  it('checks a typed path, then opens a PNG in the image preview and a binary with VS Code\'s notice', async () => {
    const { page } = session();
    await signedIn(page, server);
    await runFromPalette(page, 'ExaVault: Open Path...');
    await quickInput(page).locator('input').fill('Samples/logo.png');
    await quickInput(page).getByText('Start the path with "/"').waitFor();
    await answer(page, SAMPLE_FILES.png);
    // The image preview is a webview.
    const image = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame').locator('img');
    await image.waitFor();
    const size = await poll(() => image.evaluate((element: HTMLImageElement) => [element.naturalWidth, element.naturalHeight]), ([width]) => width! > 0);
    assert.deepEqual(size, [96, 64]);
    await screenshot(page, 'resource-image');

    await openPath(page, SAMPLE_FILES.pdf);
    await activeEditor(page).getByText(/not displayed in the text editor because it is either binary/).waitFor();
  });

  it('opens a folder as a list to go through: into a folder, back up, and a file from it', async () => {
    const { page } = session();
    await signedIn(page, server);
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
    await activeTab(page, 'orders.csv').waitFor();
    const orders = server.fileBytes(ORDERS).toString('utf8');
    assert.ok(orders.startsWith('id,date,user,description,amount,status\n1,'), `${ORDERS} is the sample orders table`);
    await waitForEditorStart(page, orders);
  });

  it('refuses a file over the size limit with a message that leads to the setting', async () => {
    const { page } = session();
    await signedIn(page, server);
    server.resetStats();
    await openPath(page, SAMPLE_FILES.large);
    const message = toast(page, 'more than the 5.0 MB download limit');
    await message.waitFor();
    assert.equal(server.stats().byPath['/api/v2/resources/download'] ?? 0, 0, 'nothing downloaded');
    await screenshot(page, 'resource-too-large');
    await message.getByRole('button', { name: 'Open Settings' }).click();
    await page.locator('.settings-editor').getByText('Max Download Megabytes').first().waitFor();
    // Escape in its search box closes the settings editor (which keeps F1 from the command palette while it has the focus).
    await page.locator('.settings-editor .monaco-editor.focused').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.settings-editor').waitFor({ state: 'detached' });
  });

  it('shows a large download\'s progress in a notification, and stops it on Cancel', async () => {
    const { page } = session();
    // The sidebar's loads (started when the account came in, and its refresh) end: from here on the only request is the download.
    await sessionsShown(page, server, PAGE_SIZE);
    assert.equal(await poll(() => server.stats().inFlight, (count) => count === 0), 0, 'no request in flight before the download');
    // 3 MB at 50 KB a second: a minute (longer than any wait below), unless cancelled.
    server.setFaults({ downloadBytesPerSecond: 50_000 });
    server.resetStats();
    await openPath(page, MEDIUM);
    const progress = toast(page, `Downloading ${MEDIUM_NAME} from ExaVault`);
    await progress.waitFor();
    await progress.getByText(/KB of 3\.0 MB|MB of 3\.0 MB/).waitFor();
    await screenshot(page, 'resource-download-progress');
    assert.equal(server.stats().byPath['/api/v2/resources/download'], 1, 'one download asked for');
    assert.equal(server.stats().inFlight, 1, 'the download is under way');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached' });
    assert.equal(await poll(() => server.stats().inFlight, (count) => count === 0), 0, 'the server stopped sending');
    // No editor is left behind with an error: a file opened after the cancel is the only one.
    server.clearFaults();
    await openPath(page, NOTES);
    await activeTab(page, NOTES_NAME).waitFor();
    assert.equal(await page.locator('.tab', { hasText: MEDIUM_NAME }).count(), 0, `no ${MEDIUM_NAME} tab`);
    // Positive control: not cancelled, the same file opens.
    await openPath(page, MEDIUM);
    await activeTab(page, MEDIUM_NAME).waitFor();
    await waitForEditorStart(page, server.fileBytes(MEDIUM).toString('utf8'));
  });

  it('reveals a row\'s folder in the web file manager, with no credentials in the address', async () => {
    const { page } = session();
    await sessionsShown(page, server, PAGE_SIZE);
    await expandGroup(page, 'Sessions', 'Upload (STOR)');
    // Twice seen in full runs (never alone): the menu chose the item, and no tab opened within 30 s, with no
    // message anywhere. The second time, the menu is used again, and what was on screen is printed.
    let browserTab: Page | undefined;
    for (let attempt = 1; !browserTab; attempt++) {
      const opened = page.context().waitForEvent('page', { timeout: 20_000 });
      await fromRowMenu(page, entryRow(page, NOTES), 'Reveal in ExaVault Web File Manager');
      browserTab = await opened.catch(async (error: unknown) => {
        if (attempt === 2) {
          throw error;
        }
        const shown = await page.locator('.notifications-toasts, .monaco-dialog-box').allTextContents();
        console.warn(`      (no tab opened from the row menu's Reveal in 20 s; on screen: ${JSON.stringify(shown)}; choosing it again)`);
        return undefined;
      });
    }
    try {
      await browserTab.waitForURL(/\/files\//);
      // code-server sends addresses on this machine through its port forwarding (/proxy/<port>/).
      const port = new URL(server.url).port;
      assert.match(browserTab.url(), new RegExp(`^http://127\\.0\\.0\\.1:(${port}|\\d+/proxy/${port})/files/Samples$`));
      assert.ok(![server.apiKey, server.accessToken].some((secret) => browserTab.url().includes(secret)));
    } finally {
      await browserTab.close();
    }
  });

  it('opens a file from a query panel row, showing the server\'s text', async () => {
    const { page } = session();
    await signedIn(page, server);
    const frame = await openPanel(page, 'Session Logs');
    await frame.locator('#refine').fill(NOTES);
    await frame.locator('#count', { hasText: /^1 of \d+ rows?$/ }).waitFor();
    await rowCells(frame, 0).first().click();
    await frame.locator('.details button', { hasText: 'Open Resource' }).click();
    await activeTab(page, NOTES_NAME).waitFor();
    await waitForEditorText(page, server.fileBytes(NOTES).toString('utf8'));
  });
});
