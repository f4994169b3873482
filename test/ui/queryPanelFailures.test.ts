// What went wrong, as the query panel shows it: failed logins and failed webhook calls marked in
// the table (icon, colour, words for screen readers), "Failed only" in the filter bar, the charts'
// failure parts narrowing to failures, tab titles naming the search, and chart clicks that change
// nothing running no search. Against the local server in the real workbench; expectations come from its data.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { isNoAnswer, type SessionEntryWire, type WebhookEntryWire } from '../../src/api/wire';
import {
  inLastRange, openQueryPanel, rowCell, rowCount, searchAll, searchEnd, searchesAsked, showCharts, signIn, startSearch, type QueryPanel,
} from './queryPanelHelpers';
import { importingAccount, screenshot, useWorkbench } from './workbench';

// Chosen for its data (each test checks what it relies on): failed logins and failed webhook calls in the last 90 days.
const SEED = 9;
const QUARTER_MS = 90 * 86_400_000;
/** At most this many bars in the activity chart. */
const MAX_BINS = 60;


/** How a cell looks: its colour, and what its ::before draws (the mark's glyph). */
const looks = (cell: Locator) => cell.evaluate((element) => ({
  colour: getComputedStyle(element).color,
  mark: getComputedStyle(element, '::before').content,
}));

/** The colour the theme's error foreground resolves to in the panel. */
const errorColour = (frame: FrameLocator) => frame.locator('body').evaluate((body) => {
  const probe = document.createElement('span');
  probe.style.color = 'var(--vscode-errorForeground)';
  body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
});

/** The words a screen reader reads after a cell: the text of what its aria-describedby names. */
const description = (cell: Locator) => cell.evaluate((element) => (element.getAttribute('aria-describedby') ?? '')
  .split(/\s+/).filter(Boolean).map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' '));

/**
 * Once the activity chart counts `total` entries (it is drawn a little after the rows), chooses with
 * the keyboard, as a screen reader user would, a part whose series is `label` (newest time first,
 * each bar's parts from the bottom up, as the chart says them), and presses Enter on it: the search
 * that starts has begun when this returns. Fails when no bar has such a part.
 */
async function enterChartPart(panel: QueryPanel, total: number, label: string): Promise<void> {
  const canvas = panel.frame.locator('.chart-time canvas');
  const said = panel.frame.locator('.chart-time p[aria-live]');
  await panel.frame.locator(`.chart-time canvas[aria-label^="Activity over time: ${total} entries in "]`).waitFor();
  await canvas.focus();
  await canvas.press('ArrowRight');
  let previousBin = '';
  for (let bin = 0; bin < MAX_BINS; bin++) {
    const whole = (await said.textContent()) ?? '';
    if (whole === previousBin) {
      break;
    }
    previousBin = whole;
    let climbed = 0;
    let last = whole;
    for (;;) {
      await canvas.press('ArrowUp');
      const part = (await said.textContent()) ?? '';
      if (part.startsWith(`${label} at `)) {
        await startSearch(panel, () => canvas.press('Enter'));
        return;
      }
      if (part === last) {
        break;
      }
      last = part;
      climbed++;
    }
    for (let step = 0; step < climbed; step++) {
      await canvas.press('ArrowDown');
    }
    await canvas.press('ArrowLeft');
  }
  throw new Error(`No bar of the activity chart has a part "${label}".`);
}

describe('query panel: what went wrong', function () {
  let server: RunningExaVaultServer;
  /** The server's `now`: every entry is this minus a fixed offset. */
  let serverStart: number;
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ seed: SEED, sessions: 300, webhooks: 200, accountName: 'acme', now: new Date(serverStart) });
  });
  after(() => server.close());

  const session = useWorkbench('query-panel-failures', () => importingAccount(server, { 'exavault.pageSize': 100, 'exavault.search.confirmAboveCalls': 1000 }));
  before(() => signIn(session().page, 'acme'));

  const sessionsIn = () => inLastRange<SessionEntryWire>(server.sessions, QUARTER_MS, serverStart);
  const callsIn = () => inLastRange<WebhookEntryWire>(server.webhooks, QUARTER_MS, serverStart);
  const failedLogin = (entry: SessionEntryWire) => entry.attributes.status === 'failed';
  const failedCall = (call: WebhookEntryWire) => {
    const { status } = call.attributes as { status?: number };
    return status !== undefined && (status < 100 || status >= 400);
  };

  it('marks failed logins with an icon, the error colour and words for screen readers, the status beside the operation, and keeps them alone with "Failed only"', async () => {
    const { page } = session();
    const entries = sessionsIn();
    const failed = entries.filter(failedLogin);
    assert.ok(failed.length > 0 && failed.length < entries.length, `seed ${SEED}: ${failed.length} failed logins of ${entries.length} entries`);
    const panel = await openQueryPanel(page, 'Session Logs');
    const { frame } = panel;
    assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(entries.length));
    const headers = await frame.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.column));
    assert.deepEqual(headers.slice(0, 3), ['time', 'operation', 'status']);
    await page.locator('.tab.active', { hasText: 'Sessions: acme · 90 d' }).waitFor();

    assert.equal(await searchAll(panel, () => frame.locator('#filter-failed').selectOption({ label: 'Failed only' })), rowCount(failed.length));
    assert.equal(await frame.locator('#filter-failed').inputValue(), 'true');
    assert.match(await frame.locator('.notes').textContent() ?? '', /^Failed only: the API does not filter on failures/);
    await page.locator('.tab.active', { hasText: 'Sessions: acme · failed logins and transfers only · 90 d' }).waitFor();
    const marked = rowCell(frame, 0, 'status');
    assert.equal(await marked.textContent(), 'failed');
    assert.equal(await description(marked), 'Failed');
    const error = await errorColour(frame);
    assert.deepEqual(await looks(marked), { colour: error, mark: '"\uea87"' });
    await screenshot(page, 'panel-failed-logins');

    // Every status again: a row that did not fail has none of it (the failed row above is the positive control).
    assert.equal(await searchAll(panel, () => frame.locator('#filter-failed').selectOption({ label: 'All entries' })), rowCount(entries.length));
    const index = entries.findIndex((entry) => !failedLogin(entry));
    assert.ok(index >= 0 && index < 10, `a row in view that did not fail (${index})`);
    const plain = rowCell(frame, index, 'status');
    assert.equal(await description(plain), '');
    const plainLooks = await looks(plain);
    assert.notEqual(plainLooks.colour, error);
    assert.equal(plainLooks.mark, 'none');
  });

  it('narrows to failed logins from their series in the chart, and a chart click that changes nothing runs no search', async () => {
    const { page } = session();
    const entries = sessionsIn();
    const failed = entries.filter(failedLogin);
    const panel = await openQueryPanel(page, 'Session Logs');
    const { frame } = panel;
    assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(entries.length));
    assert.match(await frame.locator('.chart-hint').textContent() ?? '', /only that operation or the failed logins and transfers/);
    await enterChartPart(panel, entries.length, 'Failed logins and transfers');
    assert.equal((await searchEnd(panel)).count, rowCount(failed.length));
    assert.equal(await frame.locator('#filter-failed').inputValue(), 'true');

    // The top user of the failed logins, twice: the second click asks for the search already shown.
    const byUser = new Map<string, number>();
    for (const entry of failed) {
      byUser.set(entry.attributes.username ?? '', (byUser.get(entry.attributes.username ?? '') ?? 0) + 1);
    }
    const ranked = [...byUser].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // The charts may have folded to give the table room as the failed rows came.
    await showCharts(frame);
    const users = frame.locator('#chart-top-user').locator('xpath=..').locator('button.top-item:not([hidden])');
    const top = users.first().filter({ has: frame.locator('.top-label', { hasText: new RegExp(`^${ranked[0]![0]}$`) }) });
    await top.waitFor();
    assert.equal(await searchAll(panel, () => top.click()), rowCount(ranked[0]![1]));
    const asked = await searchesAsked(panel);
    await top.click();
    // Positive control: a click that changes the search (the top IP address of that user's failed logins) runs one, and only it.
    const user = ranked[0]![0];
    const byIp = new Map<string, number>();
    for (const entry of failed.filter((e) => (e.attributes.username ?? '') === user)) {
      byIp.set(entry.attributes.ipAddress ?? '', (byIp.get(entry.attributes.ipAddress ?? '') ?? 0) + 1);
    }
    const topIp = [...byIp].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    const ips = frame.locator('#chart-top-ip').locator('xpath=..').locator('button.top-item:not([hidden])');
    const topIpButton = ips.first().filter({ has: frame.locator('.top-label', { hasText: new RegExp(`^${topIp[0].replace(/[.:]/g, '\\$&')}$`) }) });
    assert.equal(await searchAll(panel, () => topIpButton.click()), rowCount(topIp[1]));
    assert.equal(await searchesAsked(panel), asked + 1, 'the click on what the search already was asked for none');
  });

  it('marks failed webhook calls, and the chart\'s Failure part narrows to them', async () => {
    const { page } = session();
    const calls = callsIn();
    const failed = calls.filter(failedCall);
    assert.ok(failed.length > 0 && failed.length < calls.length, `seed ${SEED}: ${failed.length} failed calls of ${calls.length}`);
    const panel = await openQueryPanel(page, 'Webhook Calls');
    const { frame } = panel;
    assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(calls.length));
    const headers = await frame.locator('[role="columnheader"]').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.column));
    assert.deepEqual(headers.slice(0, 3), ['time', 'event', 'status']);
    // Sorted by status, highest first (as text: "no answer..." above the codes): a failed call comes first.
    const statusSort = frame.locator('[role="columnheader"][data-column="status"] button.sort');
    await statusSort.click();
    await frame.locator('[role="columnheader"][data-column="status"][aria-sort="ascending"]').waitFor();
    await statusSort.click();
    await frame.locator('[role="columnheader"][data-column="status"][aria-sort="descending"]').waitFor();
    const marked = rowCell(frame, 0, 'status');
    assert.equal(await description(marked), 'Failed call');
    assert.deepEqual(await looks(marked), { colour: await errorColour(frame), mark: '"\uea87"' });
    // A call with no HTTP answer says why (curl's error 28 is a timeout); refined to those words, every such call shows them.
    const timedOut = calls.filter((call) => (call.attributes as { status?: number }).status === 28);
    assert.ok(timedOut.length > 0, `seed ${SEED}: calls that timed out (curl error 28)`);
    await frame.locator('#refine').fill('timed out');
    await frame.locator('#count', { hasText: new RegExp(`^${timedOut.length} of ${calls.length} rows$`) }).waitFor();
    assert.equal(await rowCell(frame, 0, 'status').textContent(), 'no answer: timed out (error 28)');
    await frame.locator('#refine').fill('');

    await showCharts(frame);
    await frame.locator('.chart-toggle button', { hasText: 'Success / failure' }).click();
    assert.equal(await frame.locator('.chart-hint').textContent(), 'Click Failure in a bar to show only the failed calls, or a time below the bars to show only that time.');
    await enterChartPart(panel, calls.length, 'Failure');
    assert.equal((await searchEnd(panel)).count, rowCount(failed.length));
    assert.equal(await frame.locator('#filter-failed').inputValue(), 'true');
    await page.locator('.tab.active', { hasText: 'Webhook Calls: acme · failed calls only · 90 d' }).waitFor();
  });

  it('keeps the calls that got no answer alone, beside every failed call, and says what it loads', async () => {
    const { page } = session();
    const calls = callsIn();
    const unanswered = calls.filter((call) => isNoAnswer((call.attributes as { status?: number }).status ?? -1));
    assert.ok(unanswered.length > 0 && unanswered.length < calls.filter(failedCall).length, `seed ${SEED}: ${unanswered.length} calls with no answer`);
    const panel = await openQueryPanel(page, 'Webhook Calls');
    const { frame } = panel;
    assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(calls.length));
    assert.deepEqual(await frame.locator('#filter-failed option').allTextContents(), ['All entries', 'Failed only', 'No answer only']);
    assert.equal(await searchAll(panel, () => frame.locator('#filter-failed').selectOption({ label: 'No answer only' })), rowCount(unanswered.length));
    assert.match(await frame.locator('.notes').textContent() ?? '', /^No answer only: the API filters on one status code/);
    await page.locator('.tab.active', { hasText: 'Webhook Calls: acme · calls with no answer only · 90 d' }).waitFor();
    for (let index = 0; index < unanswered.length; index++) {
      assert.match(await rowCell(frame, index, 'status').textContent() ?? '', /^no answer(: [a-z ]+)? \(error \d+\)$/);
    }
  });
});
