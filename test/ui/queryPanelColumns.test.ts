// The query panel's columns and details as a person uses them: a column chosen from the keyboard
// shows the server's values and stays chosen across a window reload and in a new panel; a v2
// webhook call's details list each part of its event data as a labelled field; hostile values in
// the new columns and fields come out as text. Expectations are read off the local server's data.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { HOSTILE_STRINGS, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import type { WebhookEntryWire } from '../../src/api/wire';
import { displayLines, displayText } from '../../src/activity/displayText';
import { attachPanel, inLastRange, openQueryPanel, rowCell, rowCount, searchAll, showCharts, type QueryPanel } from './queryPanelHelpers';
import { importingAccount, runFromPalette, screenshot, signIn, useWorkbench } from './workbench';

const QUARTER_MS = 90 * 86_400_000;
const SEP = ' \u203a ';

type WebhookAttributes = {
  attemptId?: string; ipAddress?: string; webhookFormat?: string;
  details?: { accountName?: string; attemptId?: string; eventData?: { transferStatus?: string; resources?: { path?: string }[] } };
};
const attributesOf = (call: WebhookEntryWire) => call.attributes as WebhookAttributes;

const headers = (frame: FrameLocator) => frame.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.column));

/** Ticks a column in the chooser from the keyboard: the summary opens it, Space ticks, Escape closes it. */
async function chooseColumn(frame: FrameLocator, id: string): Promise<void> {
  const summary = frame.locator('.column-chooser summary');
  await summary.focus();
  await summary.press('Enter');
  const box = frame.locator(`.column-list input[value="${id}"]`);
  await box.focus();
  await box.press('Space');
  await box.press('Escape');
  await frame.locator(`[role="columnheader"][data-column="${id}"]`).waitFor();
}

/** The details pane's fields as label and value, in order. */
async function detailFields(frame: FrameLocator): Promise<[string, string][]> {
  return frame.locator('.details dl.fields').evaluate((list) => {
    const labels = Array.from(list.querySelectorAll('dt'), (dt) => dt.textContent ?? '');
    const values = Array.from(list.querySelectorAll('dd .value'), (value) => value.textContent ?? '');
    return labels.map((label, index): [string, string] => [label, values[index]!]);
  });
}

/** Selects the `index`th row from the keyboard (the table scrolls to it) and waits for its details. */
async function selectRow(frame: FrameLocator, index: number): Promise<void> {
  const grid = frame.locator('.grid');
  await grid.focus();
  await grid.press('Home');
  for (let step = 0; step < index; step++) {
    await grid.press('ArrowDown');
  }
  await frame.locator(`.grid-row[aria-rowindex="${index + 2}"][aria-selected="true"]`).waitFor();
  await frame.locator('.details dl.fields').waitFor();
}

async function reloadWindow(page: Page, accountName: string): Promise<void> {
  // As Developer: Reload Window does it: the workbench saves the panel's state first. The mark goes with the page it was set in.
  await page.evaluate(() => {
    (window as unknown as { testBeforeReload?: boolean }).testBeforeReload = true;
  });
  await runFromPalette(page, 'Developer: Reload Window');
  await page.waitForFunction(() => (window as unknown as { testBeforeReload?: boolean }).testBeforeReload === undefined, undefined, { timeout: 60_000 });
  await page.locator('.statusbar-item', { hasText: accountName }).first().waitFor({ timeout: 60_000 });
}

describe('query panel columns and details', function () {
  describe('with the demo data', () => {
    let server: RunningExaVaultServer;
    let serverStart: number;
    before(async () => {
      serverStart = Date.now();
      server = await startExaVaultServer({ seed: 9, sessions: 100, webhooks: 200, accountName: 'acme', now: new Date(serverStart) });
    });
    after(() => server.close());

    const session = useWorkbench('query-panel-columns', () => importingAccount(server, { 'exavault.pageSize': 100, 'exavault.search.confirmAboveCalls': 1000 }));
    before(() => signIn(session().page, 'acme'));

    async function quarterOfCalls(page: Page): Promise<{ panel: QueryPanel; calls: WebhookEntryWire[] }> {
      const calls = inLastRange(server.webhooks, QUARTER_MS, serverStart);
      const panel = await openQueryPanel(page, 'Webhook Calls');
      assert.equal(await searchAll(panel, () => panel.frame.locator('#range').selectOption('quarter')), rowCount(calls.length));
      return { panel, calls };
    }

    it('shows a chosen column with the server\'s values, still after a window reload and in a new panel', async () => {
      const { page } = session();
      const { panel, calls } = await quarterOfCalls(page);
      const { frame } = panel;
      const attemptIds = calls.map((call) => attributesOf(call).attemptId ?? attributesOf(call).details?.attemptId ?? '');
      assert.ok(attemptIds.slice(0, 5).every((id) => id !== ''), 'the newest calls have attempt ids');
      assert.ok(!(await headers(frame)).includes('attemptId'), 'positive control: not shown by default');

      await chooseColumn(frame, 'attemptId');
      const shown = await headers(frame);
      assert.equal(shown.at(-1), 'attemptId', 'a chosen column comes last');
      for (let index = 0; index < 5; index++) {
        await rowCell(frame, index, 'attemptId').filter({ hasText: attemptIds[index]! }).waitFor();
      }
      assert.equal(await frame.locator('#count').textContent(), rowCount(calls.length), 'every loaded row is still there');
      await frame.locator('#refine').fill(attemptIds[1]!);
      await frame.locator('#count', { hasText: `1 of ${calls.length} rows` }).waitFor();
      await frame.locator('#refine').fill('');

      await reloadWindow(page, 'acme');
      const restored = await attachPanel(page, 'Webhook Calls');
      assert.deepEqual(await headers(restored.frame), shown, 'the restored panel shows the columns it showed');
      await rowCell(restored.frame, 0, 'attemptId').filter({ hasText: attemptIds[0]! }).waitFor();

      const fresh = await openQueryPanel(page, 'Webhook Calls');
      assert.deepEqual(await headers(fresh.frame), shown, 'a new panel shows the columns last chosen');
      await fresh.frame.locator('.column-chooser summary').click();
      await fresh.frame.locator('.column-list button', { hasText: 'Default Columns' }).click();
      await fresh.frame.locator('[role="columnheader"][data-column="attemptId"]').waitFor({ state: 'detached' });
    });

    it('counts the most frequent values of a shown column picked in the charts', async () => {
      const { page } = session();
      const { panel, calls } = await quarterOfCalls(page);
      const { frame } = panel;
      const counts = new Map<string, number>();
      for (const call of calls) {
        const watched = (call.attributes as { webhookPath?: string }).webhookPath ?? '';
        counts.set(watched, (counts.get(watched) ?? 0) + 1);
      }
      const most = Math.max(...counts.values());
      const leaders = [...counts].filter(([, count]) => count === most).map(([watched]) => watched || '(none)');
      assert.ok(counts.size > 1, 'the calls watch more than one path');
      assert.equal(await frame.locator('#chart-top-column option[value="webhookPath"]').count(), 0, 'positive control: a hidden column is not offered');
      await chooseColumn(frame, 'webhookPath');
      // The webhook panel's charts fold to give the table room in the suites' window.
      await showCharts(frame);
      await frame.locator('#chart-top-column').selectOption('webhookPath');
      const first = frame.locator('.chart-top-any .top-item').first();
      await first.locator('.top-count', { hasText: new RegExp(`^${most}$`) }).waitFor();
      assert.ok(leaders.includes((await first.locator('.top-label').textContent()) ?? ''), `the most frequent watched path is one of ${leaders.join(', ')}`);
      assert.equal(await frame.locator('.chart-top-any .top-item:not([hidden])').count(), Math.min(10, counts.size));
      await frame.locator('.column-chooser summary').click();
      await frame.locator('.column-list button', { hasText: 'Default Columns' }).click();
    });

    it('lists each part of a v2 call\'s event data as a labelled field, the JSON a copy away', async () => {
      const { page } = session();
      const { panel, calls } = await quarterOfCalls(page);
      const index = calls.findIndex((call) => attributesOf(call).webhookFormat === 'v2' && attributesOf(call).details?.eventData?.transferStatus);
      assert.ok(index >= 0, 'seed 9 has a v2 transfer in the last 90 days');
      const { details } = attributesOf(calls[index]!);
      await selectRow(panel.frame, index);
      const fields = await detailFields(panel.frame);
      const value = (label: string) => fields.find(([shown]) => shown === label)?.[1];
      assert.equal(value('Transfer status'), details!.eventData!.transferStatus);
      assert.equal(value(`Resource${SEP}Path`), details!.eventData!.resources![0]!.path);
      assert.equal(value(`Details${SEP}Account name`), details!.accountName);
      assert.ok(!fields.some(([label]) => label === 'Details'), 'no JSON blob among the fields');
      await panel.frame.locator('.details button', { hasText: 'Copy as JSON' }).waitFor();
      await screenshot(page, 'panel-webhook-details-parts');
    });
  });

  describe('with hostile data', () => {
    let server: RunningExaVaultServer;
    let serverStart: number;
    before(async () => {
      serverStart = Date.now();
      server = await startExaVaultServer({ seed: 3, sessions: 40, webhooks: 80, accountName: 'hostile', dataset: 'hostile', now: new Date(serverStart) });
    });
    after(() => server.close());

    const session = useWorkbench('query-panel-columns-hostile', () => importingAccount(server, { 'exavault.pageSize': 100, 'exavault.search.confirmAboveCalls': 1000 }));
    before(() => signIn(session().page, 'hostile'));

    it('shows hostile values in the new columns and detail fields as exactly their text', async () => {
      const { page } = session();
      const calls = inLastRange(server.webhooks, QUARTER_MS, serverStart);
      const panel = await openQueryPanel(page, 'Webhook Calls');
      const { frame } = panel;
      assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(calls.length));
      await chooseColumn(frame, 'ip');
      await chooseColumn(frame, 'resources');
      const cells = frame.locator('.grid-body .grid-row:not([hidden]) .grid-cell[data-column="ip"], .grid-body .grid-row:not([hidden]) .grid-cell[data-column="resources"]');
      await rowCell(frame, 0, 'ip').filter({ hasText: displayText(attributesOf(calls[0]!).ipAddress ?? '', 300) }).waitFor();
      const rendered = await cells.evaluateAll((elements) => elements.map((element) => ({ column: (element as HTMLElement).dataset.column, text: element.textContent ?? '', children: element.childElementCount })));
      const shownRows = rendered.length / 2;
      assert.ok(shownRows > 3);
      for (let index = 0; index < shownRows - 2; index++) {
        const ip = attributesOf(calls[index]!).ipAddress ?? '';
        const path = (attributesOf(calls[index]!).details?.eventData?.resources ?? []).map((resource) => resource.path ?? '').join('; ');
        assert.equal(await rowCell(frame, index, 'ip').textContent(), displayText(ip, 300), `row ${index} ip`);
        assert.equal(await rowCell(frame, index, 'resources').textContent(), displayText(path, 300), `row ${index} resources`);
      }
      // Positive control: the rows in view do hold markup payloads in these columns.
      assert.ok(rendered.some(({ text }) => HOSTILE_STRINGS.some((payload) => /[<>[]/.test(payload) && text.includes(displayText(payload, 300)))), 'the new columns hold payloads');
      assert.deepEqual(rendered.filter(({ children }) => children > 0), []);

      const index = calls.findIndex((call) => (attributesOf(call).details?.eventData?.resources ?? []).length > 0);
      assert.ok(index >= 0 && index < 30, 'a v2 call with resources among the first rows');
      await selectRow(frame, index);
      const resourcePath = attributesOf(calls[index]!).details!.eventData!.resources![0]!.path!;
      const fields = await detailFields(frame);
      assert.equal(fields.find(([label]) => label === `Resource${SEP}Path`)?.[1], displayLines(resourcePath));
      const children = await frame.locator('.details dd .value, .details dt').evaluateAll((elements) => elements.filter((element) => element.childElementCount > 0).length);
      assert.equal(children, 0);
      assert.equal(await frame.locator('body').evaluate((body) => Number(body.dataset.cspViolations ?? 0)), 0);
    });
  });
});
