// The query panel's columns and details as a person uses them: a column chosen from the keyboard
// shows the server's values and stays chosen across a window reload and in a new panel; a v2
// webhook call's details list each part of its event data as a labelled field (hostile values in
// them: queryPanelHostile.test.ts). Expectations are read off the local server's data.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { WebhookEntryWire } from '../../src/api/wire';
import {
  attachPanel, attributesOf, chooseColumn, detailFields, inLastRange, openQueryPanel, rowCell, rowCount, searchAll, selectRow, SEP, showCharts, type QueryPanel,
} from './queryPanelHelpers';
import { runFromPalette, screenshot, useLocalAccount } from './workbench';

const QUARTER_MS = 90 * 86_400_000;


const headers = (frame: FrameLocator) => frame.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.column));

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
    const { server, serverStart, session } = useLocalAccount('query-panel-columns', { seed: 9, sessions: 100, webhooks: 200, accountName: 'acme' }, { 'exavault.pageSize': 100, 'exavault.search.confirmAboveCalls': 1000 });

    async function quarterOfCalls(page: Page): Promise<{ panel: QueryPanel; calls: WebhookEntryWire[] }> {
      const calls = inLastRange(server().webhooks, QUARTER_MS, serverStart());
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

});
