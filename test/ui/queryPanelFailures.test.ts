// What went wrong, as the query panel shows it: failed logins and failed webhook calls marked in
// the table (icon, colour, words for screen readers), "Failed only" in the filter bar, the charts'
// failure parts narrowing to failures, tab titles naming the search, and chart clicks that change
// nothing running no search; then, from a call's details, its cause (compared with the cause the
// server's generator recorded, and the calls it spent counted) and Resend Failed Calls (Cancel sends
// nothing, confirming sends exactly the count asked about, counted at the server). Against the local
// server in the real workbench, one workbench for the file; expectations come from its data.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { isNoAnswer, OPERATIONS, type SessionEntryWire, type WebhookEntryWire } from '../../src/api/wire';
import {
  attachPanel, inLastRange, openQueryPanel, rowCell, rowCells, rowCount, searchAll, searchEnd, searchesAsked, showCharts, startSearch, type QueryPanel,
} from './queryPanelHelpers';
import { runFromPalette, screenshot, useLocalAccount } from './workbench';

// Chosen for its data (each test checks what it relies on): failed logins and failed webhook calls in the last 90 days.
const SEED = 9;
const QUARTER_MS = 90 * 86_400_000;
/** At most this many bars in the activity chart. */
const MAX_BINS = 60;
/** How far apart a look-alike of a call's cause may be and still be taken for it. */
const WINDOW_MS = 10_000;


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
  const { server, serverStart, session } = useLocalAccount('query-panel-failures', { seed: SEED, sessions: 300, webhooks: 200, accountName: 'acme' }, { 'exavault.pageSize': 100, 'exavault.search.confirmAboveCalls': 1000 });

  const sessionsIn = () => inLastRange<SessionEntryWire>(server().sessions, QUARTER_MS, serverStart());
  const callsIn = () => inLastRange<WebhookEntryWire>(server().webhooks, QUARTER_MS, serverStart());
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

  describe('following a webhook call to its cause', () => {
    it('shows Caused by in a call\'s details, as recorded, with one query, and opens the session entry in one click', async () => {
      const { page } = session();
      const calls = inLastRange<WebhookEntryWire>(server().webhooks, QUARTER_MS, serverStart());
      const sameUserAndPath = (call: WebhookEntryWire) => calls.filter((other) => other.attributes.username === call.attributes.username
        && other.attributes.resourcePath === call.attributes.resourcePath);
      const sessionOf = (id: number) => server().sessions.find((entry) => entry.id === id)!;
      // A v2 call whose user and path have one recorded cause (every row the filters leave is its), with no look-alike seconds apart.
      const chosen = calls.find((call) => {
        const causeId = server().causeOf(call.id);
        if (call.attributes.webhookFormat !== 'v2' || causeId === undefined || new Set(sameUserAndPath(call).map((other) => server().causeOf(other.id))).size !== 1) {
          return false;
        }
        const cause = sessionOf(causeId);
        return !server().sessions.some((other) => other.id !== cause.id && other.attributes.username === cause.attributes.username
          && other.attributes.fileName === cause.attributes.fileName && other.attributes.operation === cause.attributes.operation
          && Math.abs(Date.parse(other.attributes.created!) - Date.parse(cause.attributes.created!)) <= 2 * WINDOW_MS);
      });
      assert.ok(chosen, `seed ${SEED} has no v2 call with a single recorded cause`);
      const cause = sessionOf(server().causeOf(chosen.id)!);
      const { username, resourcePath } = chosen.attributes as { username: string; resourcePath: string };

      const panel = await openQueryPanel(page, 'Webhook Calls');
      const { frame } = panel;
      await frame.locator('#filter-username').fill(username);
      await frame.locator('#filter-resourcePath').fill(resourcePath);
      // Enter sends the typed filters, so no later change of focus sends them again.
      await searchAll(panel, () => frame.locator('#filter-resourcePath').press('Enter'));
      assert.equal(await searchAll(panel, () => frame.locator('#range').selectOption('quarter')), rowCount(sameUserAndPath(chosen).length));

      await rowCells(frame, 0).first().click();
      await frame.locator('.details h2').waitFor();
      const before = server().stats().requests;
      await frame.locator('.details button', { hasText: 'Show Cause' }).click();
      const finding = frame.locator('.details .finding');
      await finding.waitFor();
      assert.equal(server().stats().requests - before, 1, 'one session-log query');
      assert.equal(await finding.locator('h3').textContent(), 'Caused by');
      const summary = await finding.locator('.finding-summary').textContent();
      assert.ok(summary?.startsWith(`Exact: ${OPERATIONS[cause.attributes.operation!]} of ${cause.attributes.fileName} by ${cause.attributes.username} at `), summary ?? '');
      assert.match(await finding.locator('.finding-why').textContent() ?? '', /^The only .+ from this address within 10 seconds of the event \(\d s apart\)\.$/);

      await finding.locator('button', { hasText: 'Open Cause' }).click();
      await page.locator('.tab.active', { hasText: 'Sessions: acme' }).waitFor();
      const opened = await attachPanel(page, 'Session Logs');
      assert.equal(opened.first.count, rowCount(1));
      assert.equal(await opened.frame.locator('#filter-username').inputValue(), cause.attributes.username);
      assert.equal(await opened.frame.locator('#filter-path').inputValue(), cause.attributes.fileName);
    });
  });

  describe('resending an endpoint\'s failed calls', () => {
    it('asks with the endpoint and the count, sends nothing on Cancel, and sends exactly that count on Resend', async () => {
      const { page } = session();
      // One failure nothing delivered since, for sure: a call of a v2 listener failing now on a file of its own.
      const model = server().webhooks.find((call) => call.attributes.webhookFormat === 'v2')!;
      const nextId = Math.max(...server().webhooks.map((call) => call.id)) + 1;
      server().arrive({ webhooks: [{ ...model, id: nextId, attributes: {
        ...model.attributes, status: 500, resend: false, resourcePath: '/resend-test/never-delivered.csv', created: new Date(Date.now() - 60_000).toISOString(),
      } }] });
      const endpoint = model.attributes.endpointUrl!;
      const calls = inLastRange<WebhookEntryWire>(server().webhooks, QUARTER_MS, serverStart());

      const panel = await openQueryPanel(page, 'Webhook Calls');
      const { frame } = panel;
      await frame.locator('#filter-endpointUrl').fill(endpoint);
      await searchAll(panel, () => frame.locator('#filter-endpointUrl').press('Enter'));
      await searchAll(panel, () => frame.locator('#range').selectOption('quarter'));
      await rowCells(frame, 0).first().click();
      await frame.locator('.details h2').waitFor();

      const resendPosts = () => Object.entries(server().stats().byPath).filter(([path]) => path.includes('/webhooks/resend/'));
      const dialog = page.locator('.monaco-dialog-box');
      const ask = async () => {
        await frame.locator('.details button', { hasText: 'Resend Failed Calls to this Endpoint...' }).click();
        const question = dialog.locator('.dialog-message-text');
        await question.waitFor();
        const match = new RegExp(`^Resend (\\d+) failed calls to ${endpoint.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?$`).exec(await question.textContent() ?? '');
        assert.ok(match, await question.textContent() ?? '');
        return Number(match[1]);
      };

      server().resetStats();
      const count = await ask();
      assert.ok(count > 0);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.deepEqual(resendPosts(), [], 'Cancel sends nothing');
      assert.deepEqual(server().resends(), []);

      // Positive control: the same question answered Resend sends exactly the count it named.
      assert.equal(await ask(), count);
      await dialog.getByRole('button', { name: `Resend ${count}` }).click();
      // The summary is a notification: a toast, or only in the notification center. The workbench
      // shows no toast for a notification added when more than 3 were added in the last 800 ms (its
      // spam protection, NotificationsToasts.SPAM_PROTECTION), and a test clicking at machine speed
      // adds 4: two searches' progress, the sending's progress and the summary. The user then finds
      // the summary under the status bar's bell, as the test does.
      const summary = page.locator('.notification-list-item-message', { hasText: /^Sent / }).first();
      await summary.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => runFromPalette(page, 'Notifications: Show Notifications'));
      await summary.waitFor({ state: 'attached' });
      assert.equal(await summary.textContent(), `Sent ${count}.`);
      assert.equal(server().resends().length, count);
      assert.equal(resendPosts().length, count);
      assert.ok(resendPosts().every(([, posts]) => posts === 1), 'each call POSTed once');
      const ids = new Set(server().resends().map((record) => record.activityId));
      assert.ok(calls.filter((call) => ids.has(call.id)).every((call) => call.attributes.endpointUrl === endpoint && failedCall(call)), 'only failed calls to that endpoint');
    });
  });
});
