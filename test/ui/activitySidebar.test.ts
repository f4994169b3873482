// The activity sidebar as a person sees it: rows rendered by the real workbench, from the local server.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { HOSTILE_STRINGS, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { displayText } from '../../src/activity/displayText';
import { OPERATIONS } from '../../src/api/wire';
import { openSidebar, screenshot, useWorkbench } from './workbench';

const PAGE_SIZE = 25;
const pane = (page: Page, view: string) => page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
const rows = (page: Page, view: string) => pane(page, view).locator('.monaco-list-row');
const labelOf = (row: Locator) => row.locator('.label-name .monaco-highlighted-label');

/** Group rows read as "Upload (STOR), 3" (label, then count); entries are their children. */
async function groupCounts(page: Page, view: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const row of await rows(page, view).filter({ has: page.locator('[aria-level="1"], .monaco-tl-twistie.collapsible') }).all()) {
    const level = await row.getAttribute('aria-level');
    const label = await labelOf(row).textContent();
    const description = await row.locator('.label-description').textContent().catch(() => '');
    if (level === '1' && label && /^\d+/.test(description ?? '')) {
      counts.set(label, Number(/^\d+/.exec(description!)![0]));
    }
  }
  return counts;
}

function expectedGroups(server: RunningExaVaultServer, count: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of server.sessions.slice(0, count)) {
    const code = entry.attributes.operation!.toUpperCase();
    const label = `${OPERATIONS[code] ?? code} (${code})`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

describe('activity sidebar in the real workbench', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 5, sessions: 60, webhooks: 40, accountName: 'acme' });
  });
  after(() => server.close());
  afterEach(() => server.clearFaults());

  const session = useWorkbench('activity-sidebar', () => ({
    env: { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken },
    settings: { 'exavault.importFromEnvironment': 'always', 'exavault.sidebar.timeWindowHours': 2160, 'exavault.pageSize': PAGE_SIZE },
  }));

  it('shows the first page of sessions grouped by operation, with the counts of loaded entries', async () => {
    const { page } = session();
    await openSidebar(page);
    // Make room: the Webhook Calls pane folds away.
    await pane(page, 'Webhook Calls').locator('.pane-header').click();
    await rows(page, 'Sessions').filter({ hasText: 'Load more...' }).waitFor();
    assert.deepEqual(await groupCounts(page, 'Sessions'), expectedGroups(server, PAGE_SIZE));
    await screenshot(page, 'sidebar-sessions');
  });

  it('expands a group into its entries, newest first, labelled by path and described by user and time', async () => {
    const { page } = session();
    const [firstGroup] = expectedGroups(server, PAGE_SIZE).keys();
    await rows(page, 'Sessions').filter({ hasText: firstGroup! }).first().click();
    const code = /\((\w+)\)$/.exec(firstGroup!)![1];
    const entries = server.sessions.slice(0, PAGE_SIZE).filter((e) => e.attributes.operation!.toUpperCase() === code);
    const children = pane(page, 'Sessions').locator('.monaco-list-row[aria-level="2"]');
    await children.first().waitFor();
    const first = entries[0]!.attributes;
    const expectedLabel = first.fileName || `${first.username} @ ${first.ipAddress}`;
    assert.equal(await labelOf(children.first()).textContent(), expectedLabel);
    assert.match(await children.first().locator('.label-description').textContent() ?? '', new RegExp(`^${first.username} · `));
    await rows(page, 'Sessions').filter({ hasText: firstGroup! }).first().click(); // fold it again
  });

  it('loads the next page on "Load more...", without repeats', async () => {
    const { page } = session();
    await rows(page, 'Sessions').filter({ hasText: 'Load more...' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.monaco-list-row').length > 0);
    await assert.doesNotReject(async () => {
      for (let i = 0; i < 50; i++) {
        const counts = await groupCounts(page, 'Sessions');
        if ([...counts.values()].reduce((a, b) => a + b, 0) === 2 * PAGE_SIZE) {
          return;
        }
        await page.waitForTimeout(200);
      }
      throw new Error('the counts never reached two pages');
    });
    assert.deepEqual(await groupCounts(page, 'Sessions'), expectedGroups(server, 2 * PAGE_SIZE));
  });

  it('shows a failure as a row with the message, keeps what was loaded, and retries from it', async () => {
    const { page } = session();
    server.setFaults({ serverErrors: { status: 503, count: 1000 } });
    await pane(page, 'Sessions').locator('.pane-header').hover();
    await pane(page, 'Sessions').locator('.pane-header .action-label[aria-label="Refresh Sessions"]').click();
    const error = rows(page, 'Sessions').filter({ hasText: 'HTTP 503' });
    await error.waitFor();
    assert.equal([...(await groupCounts(page, 'Sessions')).values()].reduce((a, b) => a + b, 0), 2 * PAGE_SIZE);
    await screenshot(page, 'sidebar-error');
    server.clearFaults();
    await error.hover();
    await error.locator('.action-label[aria-label^="Retry"]').click();
    await error.waitFor({ state: 'detached' });
  });

  it('groups webhook calls by event, and by status class on the toggle', async () => {
    const { page } = session();
    await pane(page, 'Sessions').locator('.pane-header').click(); // fold Sessions, unfold Webhook Calls
    await pane(page, 'Webhook Calls').locator('.pane-header').click();
    const events = new Set(server.webhooks.slice(0, PAGE_SIZE).map((w) => w.attributes.webhookFormat ? String(w.attributes.event) : ''));
    const shown = await groupCounts(page, 'Webhook Calls');
    assert.ok([...shown.keys()].every((label) => events.has(label) || label === 'Upload' || label === 'Download'), [...shown.keys()].join());
    await pane(page, 'Webhook Calls').locator('.pane-header').hover();
    await pane(page, 'Webhook Calls').locator('.pane-header .action-label[aria-label="Group by Status"]').click();
    await rows(page, 'Webhook Calls').filter({ hasText: '2xx' }).first().waitFor();
    const classes = [...(await groupCounts(page, 'Webhook Calls')).keys()];
    assert.ok(classes.every((label) => ['2xx', '3xx', '4xx', '5xx', 'No answer'].includes(label)), classes.join());
    await screenshot(page, 'sidebar-webhooks-by-status');
  });

  it('resends a webhook call after a confirmation, once, and reports it', async () => {
    const { page } = session();
    const before = server.webhooks.length;
    const group = rows(page, 'Webhook Calls').filter({ hasText: '2xx' }).first();
    await group.click();
    const call = pane(page, 'Webhook Calls').locator('.monaco-list-row[aria-level="2"]').first();
    await call.hover();
    await call.locator('.action-label[aria-label^="Resend"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText('The listener receives the same webhook message again').waitFor();
    server.resetStats();
    await dialog.getByRole('button', { name: 'Resend' }).click();
    await page.locator('.notifications-toasts').getByText('Resent.').waitFor();
    const resends = Object.entries(server.stats().byPath).filter(([p]) => p.includes('/webhooks/resend/'));
    assert.deepEqual(resends.map(([, count]) => count), [1], 'exactly one resend request');
    assert.equal(server.webhooks.length, before + 1);
    assert.equal(server.webhooks[0]!.attributes.resend, true);
  });
});

describe('hostile log data in the sidebar', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 9, sessions: 60, webhooks: 30, accountName: 'hostile', dataset: 'hostile' });
  });
  after(() => server.close());

  const session = useWorkbench('hostile-sidebar', () => ({
    env: { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken },
    settings: { 'exavault.importFromEnvironment': 'always', 'exavault.sidebar.timeWindowHours': 2160, 'exavault.pageSize': 60 },
  }));

  it('shows every payload as its exact text, with no element made from it and no script run', async () => {
    const { page } = session();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Positive control: the listener does see an alert when one runs.
    await page.evaluate(() => alert('control'));
    assert.deepEqual(dialogs, ['control']);
    dialogs.length = 0;

    await openSidebar(page);
    await pane(page, 'Webhook Calls').locator('.pane-header').click();
    const groups = pane(page, 'Sessions').locator('.monaco-list-row[aria-level="1"]');
    await groups.first().waitFor();
    // Open groups until the rows on screen carry payloads.
    for (let i = 0; i < 4; i++) {
      await groups.nth(i).click();
    }
    const labels = pane(page, 'Sessions').locator('.monaco-list-row[aria-level="2"] .label-name .monaco-highlighted-label');
    await labels.first().waitFor();
    const rendered = await labels.evaluateAll((elements) => elements.map((e) => ({ text: e.textContent ?? '', children: e.childElementCount })));
    // Markup stays exactly as sent; line breaks, controls and invisible characters show as visible marks (displayText).
    const candidates = new Set(server.sessions.flatMap((e) => [e.attributes.fileName!, `${e.attributes.username} @ ${e.attributes.ipAddress}`].map((text) => displayText(text))));
    assert.ok(rendered.length >= 3, `rows: ${rendered.length}`);
    for (const { text, children } of rendered) {
      assert.ok(candidates.has(text), `shown exactly as sent: ${JSON.stringify(text.slice(0, 80))}`);
      assert.equal(children, 0, `no element inside the label of ${JSON.stringify(text.slice(0, 80))}`);
    }
    assert.ok(rendered.some(({ text }) => HOSTILE_STRINGS.some((payload) => payload.startsWith('<') && text.includes(payload))), 'a markup payload is on screen');
    // Hover a row: the tooltip, built from text, shows the payload as text too.
    const markupRow = pane(page, 'Sessions').locator('.monaco-list-row[aria-level="2"]', { hasText: '<' }).first();
    await markupRow.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').last();
    await hover.waitFor();
    assert.equal(await hover.locator('img, script, svg, a[href]').count(), 0, 'no element from data in the tooltip');
    // MarkdownString.appendText keeps spaces as no-break spaces: the same text, as it reads.
    const hoverText = (await hover.textContent() ?? '').replace(/\u00a0/g, ' ');
    assert.ok(HOSTILE_STRINGS.filter((p) => p.startsWith('<')).some((p) => hoverText.includes(p)), `a markup payload as text in the tooltip: ${hoverText.slice(0, 300)}`);
    await screenshot(page, 'sidebar-hostile');
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload]').length), 0);
  });
});
