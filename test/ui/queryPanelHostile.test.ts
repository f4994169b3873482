// Log data is anyone's text: in the query panel every hostile string must come out as exactly that
// text, in an element with no children, with nothing blocked by (or slipping past) the CSP: in the
// default columns, in the columns a user chooses, and in the details.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { HOSTILE_STRINGS } from '../../server/index';
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { displayLines, displayText } from '../../src/activity/displayText';
import { screenshot, useLocalAccount } from './workbench';
import { attributesOf, chooseColumn, detailFields, inLastRange, openQueryPanel, rowCell, rowCells, rowCount, searchAll, selectRow, SEP } from './queryPanelHelpers';

/** Every cell and detail value: its text, and whether it has element children. */
async function renderedTexts(frame: FrameLocator, selector: string): Promise<{ text: string; children: number }[]> {
  return frame.locator(selector).evaluateAll((elements) => elements.map((element) => ({ text: element.textContent ?? '', children: element.childElementCount })));
}

const violations = (frame: FrameLocator) => frame.locator('body').evaluate((body) => Number(body.dataset.cspViolations ?? 0));

describe('query panel with hostile log data', function () {
  const { server, serverStart, session } = useLocalAccount('query-panel-hostile', { seed: 3, sessions: 120, webhooks: 80, accountName: 'hostile', dataset: 'hostile' }, { 'exavault.pageSize': 100, 'exavault.search.confirmAboveCalls': 1000 });

  for (const log of ['Session Logs', 'Webhook Calls'] as const) {
    it(`shows ${log.toLowerCase()} cells and details as the exact text, inert`, async () => {
      const { page } = session();
      const quarter = 90 * 86_400_000;
      const entries: (SessionEntryWire | WebhookEntryWire)[] = log === 'Session Logs' ? inLastRange(server().sessions, quarter, serverStart()) : inLastRange(server().webhooks, quarter, serverStart());
      assert.ok(entries.length > 5, `the last 90 days hold ${entries.length} ${log.toLowerCase()}`);
      const panel = await openQueryPanel(page, log);
      const frame = panel.frame;
      assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(entries.length));

      // The table: the user column of the rows in view, each as one line of text (controls made visible), no markup.
      const shown = await frame.locator('.grid-body .grid-row:not([hidden])').count();
      assert.ok(shown > 5);
      for (let index = 0; index < shown - 2; index++) {
        const cell = rowCell(frame, index, 'user');
        const expected = (entries[index]!.attributes as { username?: string }).username ?? '';
        assert.equal(await cell.textContent(), displayText(expected, 300), `row ${index}`);
      }
      const cells = await renderedTexts(frame, '.grid-body .grid-cell');
      assert.ok(cells.some(({ text }) => HOSTILE_STRINGS.some((payload) => text === displayText(payload, 300) && /[<>[]/.test(payload))), 'the rows in view hold payloads');
      assert.deepEqual(cells.filter(({ children }) => children > 0), []);

      // The details: every value as sent, line breaks kept and invisible characters shown as marks (displayLines).
      await rowCells(frame, 0).first().click();
      const values = frame.locator('.details dd .value');
      await values.first().waitFor();
      const details = await renderedTexts(frame, '.details dd .value');
      const user = (entries[0]!.attributes as { username?: string }).username!;
      assert.ok(details.some(({ text }) => text === displayLines(user)), `the user ${JSON.stringify(user.slice(0, 40))} shows exactly, as displayLines shows it`);
      assert.deepEqual(details.filter(({ children }) => children > 0), []);
      await screenshot(page, `panel-hostile-${log === 'Session Logs' ? 'sessions' : 'webhooks'}`);

      // Nothing was blocked by the CSP: nothing tried to load or run.
      assert.equal(await violations(frame), 0);
    });
  }

  it('shows hostile values in the new columns and detail fields as exactly their text', async () => {
    const { page } = session();
    const calls = inLastRange(server().webhooks, 90 * 86_400_000, serverStart());
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

  it('would have seen a payload that ran or loaded (positive control)', async () => {
    const { page } = session();
    const { frame } = await openQueryPanel(page, 'Session Logs');
    const before = await violations(frame);
    assert.equal(before, 0);
    // Markup put in as HTML, as a careless renderer would: it has children, and its image and handler are blocked and counted.
    await frame.locator('body').evaluate((body, payload) => {
      const probe = document.createElement('div');
      probe.id = 'probe';
      // eslint-disable-next-line no-restricted-syntax -- the positive control: what the panel must never do.
      probe.innerHTML = payload;
      body.append(probe);
    }, HOSTILE_STRINGS[0]!);
    assert.equal(await frame.locator('#probe').evaluate((probe) => probe.childElementCount), 1);
    // The panel counts the first violation it hears of on its body (the count was 0 before).
    await frame.locator('body[data-csp-violations]').waitFor({ state: 'attached' });
    assert.ok(await violations(frame) > before, 'the CSP counter saw the blocked payload');
    await frame.locator('#probe').evaluate((probe) => probe.remove());
  });
});
