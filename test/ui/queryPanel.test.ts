// The query panel as a person uses it: opened from the palette, filtered, sorted, refined,
// stopped, exported and restored, in the real workbench against the local server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { OPERATIONS } from '../../src/api/wire';
import { displayText } from '../../src/activity/displayText';
import { matchesRefine, sessionCellTexts } from '../support/panelCells';
import { answerCost, finished, loadAll, newestFirst, openPanel, panelFrame, rowCells } from './queryPanelHelpers';
import { openSidebar, quickInput, runFromPalette, screenshot, useWorkbench } from './workbench';

const PAGE_SIZE = 50;

describe('query panel in the real workbench', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 11, sessions: 300, webhooks: 200, accountName: 'acme' });
  });
  after(() => server.close());
  afterEach(() => server.clearFaults());

  const session = useWorkbench('query-panel', () => ({
    env: { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken },
    settings: { 'exavault.importFromEnvironment': 'always', 'exavault.pageSize': PAGE_SIZE, 'exavault.search.confirmAboveCalls': 3 },
  }));
  const sessions = () => [...server.sessions].sort(newestFirst);
  let frame: FrameLocator;

  it('opens the session log for the last 24 hours from the palette', async () => {
    const { page } = session();
    // The sidebar activates the extension, which imports the account from the environment.
    await openSidebar(page);
    await page.locator('.statusbar-item', { hasText: 'acme' }).first().waitFor({ timeout: 60_000 });
    frame = await openPanel(page, 'Session Logs');
    const dayAgo = Date.now() - 86_400_000;
    assert.equal(await finished(frame), `${sessions().filter((entry) => Date.parse(entry.attributes.created!) >= dayAgo).length} rows`);
  });

  it('asks before a search that takes more calls than the setting allows, and "Stop Here" keeps the first page', async () => {
    await frame.locator('#range').selectOption('quarter');
    const message = await answerCost(frame, 'Stop Here');
    assert.match(message, /^This search will take about \d+ API calls\.$/);
    assert.equal(await finished(frame, /^Stopped: 50 entries, 1 API calls$/), '50 rows');
    assert.equal(await rowCells(frame, 0).nth(4).textContent(), displayText(sessions()[0]!.attributes.fileName ?? '', 300));
  });

  it('loads every page after "Load All", newest first, with the cells as the log has them', async () => {
    const { page } = session();
    await frame.locator('button', { hasText: 'Retry' }).click();
    await answerCost(frame, 'Load All');
    assert.equal(await loadAll(page, frame), `${server.sessions.length} rows`);
    const newest = sessions()[0]!.attributes;
    const cells = await rowCells(frame, 0).allTextContents();
    assert.equal(cells[1], OPERATIONS[newest.operation!.toUpperCase()] ?? newest.operation);
    assert.equal(cells[2], newest.username);
    assert.equal(cells[3], newest.ipAddress);
    await screenshot(page, 'panel-sessions');
  });

  it('charts the loaded rows, and narrows the search from a chart by click and by keyboard', async () => {
    const { page } = session();
    const byUser = new Map<string, number>();
    for (const entry of server.sessions) {
      byUser.set(entry.attributes.username ?? '', (byUser.get(entry.attributes.username ?? '') ?? 0) + 1);
    }
    const ranked = [...byUser].filter(([user]) => user !== '').sort((a, b) => b[1] - a[1]);
    const users = frame.locator('#chart-top-user').locator('xpath=..').locator('button.top-item:not([hidden])');
    await users.first().locator('.top-count', { hasText: String(ranked[0]![1]) }).waitFor();
    await screenshot(page, 'panel-charts');
    await users.first().click();
    assert.equal(await loadAll(page, frame, `${ranked[0]![1]} rows`), `${ranked[0]![1]} rows`);
    assert.equal(await frame.locator('#filter-username').inputValue(), ranked[0]![0]);
    // The keyboard: clear the filter, then into the list, down one, Enter.
    await frame.locator('#filter-username').fill('');
    await frame.locator('#filter-username').press('Enter');
    assert.equal(await loadAll(page, frame, `${server.sessions.length} rows`), `${server.sessions.length} rows`);
    await users.first().locator('.top-count', { hasText: String(ranked[0]![1]) }).waitFor();
    const secondUser = (await users.nth(1).locator('.top-label').textContent())!;
    await users.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await loadAll(page, frame, `${byUser.get(secondUser)} rows`), `${byUser.get(secondUser)} rows`);
    assert.equal(await frame.locator('#filter-username').inputValue(), secondUser);
    await frame.locator('#filter-username').fill('');
    await frame.locator('#filter-username').press('Enter');
    assert.equal(await loadAll(page, frame, `${server.sessions.length} rows`), `${server.sessions.length} rows`);
  });

  it('filters on a user on the server, and several operation types with one query each', async () => {
    const { page } = session();
    const user = sessions()[0]!.attributes.username!;
    await frame.locator('#filter-username').fill(user);
    await frame.locator('#filter-username').press('Enter');
    const byUser = sessions().filter((entry) => entry.attributes.username === user);
    assert.equal(await loadAll(page, frame), `${byUser.length} rows`);
    await frame.locator('.choices summary').click();
    await frame.locator('.choice-list input[value="STOR"]').check();
    await frame.locator('.choice-list input[value="RETR"]').check();
    await frame.locator('.choices summary').click();
    const expected = byUser.filter((entry) => ['STOR', 'RETR'].includes(entry.attributes.operation!.toUpperCase()));
    await frame.locator('.notes', { hasText: '2 operation types' }).waitFor();
    assert.equal(await loadAll(page, frame), `${expected.length} rows`);
    assert.equal(await frame.locator('.notes').textContent(), '2 operation types: the API takes one per request, so this runs 2 queries and merges them by time.');
    await frame.locator('#filter-username').fill('');
    await frame.locator('.choices summary').click();
    await frame.locator('.choice-list input[value="STOR"]').uncheck();
    await frame.locator('.choice-list input[value="RETR"]').uncheck();
    await frame.locator('button[type="submit"]').click();
    await frame.locator('.notes', { hasText: /^$/ }).waitFor({ state: 'attached' });
    assert.equal(await loadAll(page, frame), `${server.sessions.length} rows`);
  });

  it('filters on a path with a trailing * (everything below a folder)', async () => {
    const { page } = session();
    const folder = sessions().map((entry) => entry.attributes.fileName ?? '').find((path) => path.split('/').length > 3)!.split('/').slice(0, 2).join('/');
    await frame.locator('#filter-path').fill(`${folder}*`);
    await frame.locator('#filter-path').press('Enter');
    const below = server.sessions.filter((entry) => (entry.attributes.fileName ?? '').startsWith(folder)).length;
    assert.ok(below > 0 && below < server.sessions.length);
    assert.equal(await loadAll(page, frame, `${below} rows`), `${below} rows`);
    await frame.locator('#filter-path').fill('');
    await frame.locator('#filter-path').press('Enter');
    assert.equal(await loadAll(page, frame, `${server.sessions.length} rows`), `${server.sessions.length} rows`);
  });

  it('sorts by a column, both ways, and says so to screen readers', async () => {
    const userHeader = frame.locator('[role="columnheader"][data-column="user"]');
    const users = server.sessions.map((entry) => entry.attributes.username ?? '').sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    await userHeader.locator('button.sort').click();
    await frame.locator('[role="columnheader"][data-column="user"][aria-sort="ascending"]').waitFor();
    assert.equal(await rowCells(frame, 0).nth(2).textContent(), users[0]);
    await userHeader.locator('button.sort').click();
    await frame.locator('[role="columnheader"][data-column="user"][aria-sort="descending"]').waitFor();
    assert.equal(await rowCells(frame, 0).nth(2).textContent(), users.at(-1));
    await frame.locator('[role="columnheader"][data-column="time"] button.sort').click();
    await frame.locator('[role="columnheader"][data-column="time"][aria-sort="descending"]').waitFor();
  });

  it('refines the loaded rows as one types, without a request', async () => {
    server.resetStats();
    const needle = sessions()[3]!.attributes.ipAddress!.slice(0, 6);
    await frame.locator('#refine').fill(needle);
    const matching = server.sessions.filter((entry) => matchesRefine(sessionCellTexts(entry), needle)).length;
    await frame.locator('#count', { hasText: `${matching} of ${server.sessions.length} rows` }).waitFor();
    assert.equal(server.stats().requests, 0);
    await frame.locator('#refine').fill('');
    await frame.locator('#count', { hasText: `${server.sessions.length} rows` }).waitFor();
  });

  it('shows every field of the selected row, and moves the selection with the keyboard', async () => {
    await rowCells(frame, 0).first().click();
    const details = frame.locator('.details');
    const newest = sessions()[0]!;
    await details.locator('dd', { hasText: String(newest.id) }).waitFor();
    await frame.locator('.grid').press('ArrowDown');
    assert.equal(await frame.locator('.grid-body .grid-row[aria-selected="true"]').getAttribute('aria-rowindex'), '3');
    await details.locator('dd .value', { hasText: new RegExp(`^${sessions()[1]!.id}$`) }).waitFor();
  });

  it('stops a search in flight and keeps what it loaded', async () => {
    server.setFaults({ latencyMs: 1500 });
    await frame.locator('button[type="submit"]').click();
    await answerCost(frame, 'Load All');
    await frame.locator('#status-text', { hasText: /^Loading/ }).waitFor();
    await frame.getByRole('button', { name: 'Stop', exact: true }).click();
    const count = await finished(frame, /^Stopped: /);
    assert.match(count, /^\d+ rows$/);
    assert.ok(Number(/^\d+/.exec(count)![0]) < server.sessions.length);
  });

  it('says what failed, keeps the rows loaded before it, and Retry loads them all', async () => {
    await frame.locator('button[type="submit"]').click();
    const question = frame.locator('.cost');
    await question.waitFor();
    // The first page is in; every later request now fails.
    server.setFaults({ serverErrors: { status: 503, count: 1_000_000 } });
    await question.locator('button', { hasText: 'Load All' }).click();
    await frame.locator('#status-text', { hasText: /^Failed after 50 entries/ }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#count').textContent(), '50 rows');
    assert.match(await frame.locator('.problem').textContent() ?? '', /503[\s\S]*The rows loaded before it stay; Retry runs the search again\.$/);
    server.clearFaults();
    await frame.locator('button', { hasText: 'Retry' }).click();
    assert.equal(await loadAll(session().page, frame, `${server.sessions.length} rows`), `${server.sessions.length} rows`);
    assert.equal(await frame.locator('.problem').isVisible(), false);
  });

  it('exports exactly the rows shown, every field, to the file chosen in the save dialog', async () => {
    const { page } = session();
    await frame.locator('#count', { hasText: `${server.sessions.length} rows` }).waitFor();
    const user = sessions()[0]!.attributes.username!;
    await frame.locator('#refine').fill(user);
    const expected = sessions().filter((entry) => matchesRefine(sessionCellTexts(entry), user));
    assert.ok(expected.length > 0);
    await frame.locator('#count', { hasText: `${expected.length} of ${server.sessions.length} rows` }).waitFor();
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'exavault-export-')), 'sessions.json');
    await frame.locator('button', { hasText: 'Export JSON' }).click();
    const input = quickInput(page).locator('input').first();
    await input.waitFor();
    // The dialog fills in its suggestion once it has read the folder; typing before that is overwritten.
    await page.waitForFunction(() => /exavault-sessions-[\d-]+\.json$/.test((document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? ''));
    await input.fill(target);
    // The simple file dialog reads the typed path as it settles; Enter before that saves elsewhere.
    await quickInput(page).locator('.monaco-list-row').first().waitFor({ state: 'attached' }).catch(() => undefined);
    await page.waitForTimeout(500);
    await input.press('Enter');
    await page.locator('.notifications-toasts', { hasText: `Exported ${expected.length} rows to ${target}` }).waitFor();
    const exported = JSON.parse(fs.readFileSync(target, 'utf8')) as { id: number; username: string; fileName: string; created: string }[];
    assert.deepEqual(exported.map((row) => row.id), expected.map((entry) => entry.id));
    for (const [index, row] of exported.entries()) {
      const wire = expected[index]!.attributes;
      assert.equal(row.username, wire.username);
      assert.equal(row.fileName, wire.fileName ?? '');
      assert.equal(Date.parse(row.created), Date.parse(wire.created!));
    }
    await frame.locator('#refine').fill('');
  });

  it('comes back after a window reload with its filters, and runs them again', async () => {
    const { page } = session();
    await frame.locator('#filter-ipAddress').fill(sessions()[0]!.attributes.ipAddress!);
    await frame.locator('#filter-ipAddress').press('Enter');
    const expected = server.sessions.filter((entry) => entry.attributes.ipAddress === sessions()[0]!.attributes.ipAddress).length;
    await frame.locator('#count', { hasText: `${expected} rows` }).waitFor();
    await loadAll(page, frame);
    // As Developer: Reload Window does it: the workbench saves its state (the panel's filters) first.
    await runFromPalette(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    frame = panelFrame(page);
    await frame.locator('.grid').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#filter-ipAddress').inputValue(), sessions()[0]!.attributes.ipAddress);
    assert.equal(await loadAll(page, frame), `${expected} rows`);
  });

  it('searches webhook calls by status class, shows a call\'s response and event data, and opens the user\'s activity from a row', async () => {
    const { page } = session();
    const webhooks = await openPanel(page, 'Webhook Calls');
    await webhooks.locator('#range').selectOption('quarter');
    await loadAll(page, webhooks);
    await webhooks.locator('#filter-status').fill('4xx');
    await webhooks.locator('#filter-status').press('Enter');
    await webhooks.locator('.notes', { hasText: 'Status 4xx' }).waitFor();
    const failing = [...server.webhooks].sort(newestFirst).filter((call) => {
      const { status } = call.attributes as { status?: number };
      return status !== undefined && status >= 400 && status < 500;
    });
    assert.ok(failing.length > 0);
    assert.equal(await loadAll(page, webhooks), `${failing.length} rows`);
    assert.equal(await webhooks.locator('.notes').textContent(), 'Status 4xx: the API filters on one status code, so this loads calls of every status and keeps the 4xx ones here.');

    // Two events: one query each, said so; with the status class, both notes.
    await webhooks.locator('.choices summary').click();
    await webhooks.locator('.choice-list input[value="resources.upload"]').check();
    await webhooks.locator('.choice-list input[value="resources.delete"]').check();
    await webhooks.locator('.choices summary').click();
    await webhooks.locator('.notes', { hasText: '2 events' }).waitFor();
    const byEvents = failing.filter((call) => ['resources.upload', 'resources.delete'].includes(String((call.attributes as { event?: string }).event)));
    assert.equal(await loadAll(page, webhooks, `${byEvents.length} rows`), `${byEvents.length} rows`);
    assert.match(await webhooks.locator('.notes').textContent() ?? '', /^2 events: the API takes one per request, so this runs 2 queries and merges them by time\.Status 4xx/);

    await rowCells(webhooks, 0).first().click();
    const first = byEvents[0]!.attributes as { response?: string; username?: string; details?: { eventData?: unknown } };
    const values = webhooks.locator('.details dd .value');
    await values.first().waitFor();
    const texts = await values.allTextContents();
    assert.ok(texts.includes(first.response!), 'the listener\'s response, whole');
    if (first.details?.eventData) {
      assert.ok(texts.some((text) => text.includes('"eventData"')), 'v2 event data');
    }
    await screenshot(page, 'panel-webhooks');

    await webhooks.locator('.details button', { hasText: 'Activity for this User' }).click();
    await page.locator('.tab', { hasText: 'Sessions: acme' }).nth(1).waitFor();
    frame = panelFrame(page);
    await frame.locator('#filter-username').and(frame.locator(`[value="${first.username}"]`)).waitFor({ state: 'attached' }).catch(() => undefined);
    assert.equal(await frame.locator('#filter-username').inputValue(), first.username);
    const byUser = server.sessions.filter((entry) => entry.attributes.username === first.username).length;
    assert.equal(await loadAll(page, frame), `${byUser} rows`);
  });
});

