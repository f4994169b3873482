// The activity sidebar as a person sees it: rows rendered by the real workbench, from the local server.
// Each test signs in, unfolds the pane it reads and waits for the server's data itself, so any one
// of them runs alone; expectations come from the server's entries (newest first, as loaded).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { HOSTILE_STRINGS, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { displayText } from '../../src/activity/displayText';
import { baseName, parentFolder } from '../../src/activity/pathName';
import type { WebhookEntryWire } from '../../src/api/wire';
import {
  collapseAll, countBy, entryRows, escaped, expandGroup, expectedSessionGroups, labelOf, labelsInOrder, offersAction, operationLabel, pane, poll,
  refreshed, rows, sessionsShown, setPaneExpanded, shownGroups, signedIn, totalOf, viewAction, waitForServerGroups, type GroupCounts,
} from './sidebarHelpers';
import { importingAccount, screenshot, useWorkbench } from './workbench';

const PAGE_SIZE = 25;

const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'No answer'];

/** A call's status class: 2xx ... 5xx, or "No answer" (no status, or a curl error number below 100). */
function statusClass(call: WebhookEntryWire): string {
  const status = Number(call.attributes.status);
  return Number.isFinite(status) && status >= 200 && status < 600 ? `${Math.floor(status / 100)}xx` : 'No answer';
}

/** The webhook groups of the server's newest `count` calls: by event (as first seen), or by status class (in class order). */
function expectedWebhookGroups(server: RunningExaVaultServer, count: number, by: 'event' | 'status'): GroupCounts {
  const calls = server.webhooks.slice(0, count);
  if (by === 'event') {
    return countBy(calls, (call) => String(call.attributes.event));
  }
  return countBy(calls, statusClass).sort(([a], [b]) => STATUS_CLASSES.indexOf(a) - STATUS_CLASSES.indexOf(b));
}

/** Shows the Webhook Calls pane alone, grouped `by` event or status, with the server's data loaded. */
async function webhooksShown(page: Page, server: RunningExaVaultServer, by: 'event' | 'status'): Promise<number> {
  await signedIn(page, server);
  await setPaneExpanded(page, 'Sessions', false);
  await setPaneExpanded(page, 'Webhook Calls', true);
  // The grouping is remembered: the title bar offers the other one.
  const [choose, other] = by === 'event' ? ['Group by Event', 'Group by Status'] : ['Group by Status', 'Group by Event'];
  if (await offersAction(page, 'Webhook Calls', choose)) {
    await viewAction(page, 'Webhook Calls', choose);
  }
  await pane(page, 'Webhook Calls').locator(`.pane-header .action-label[aria-label="${other}"]`).waitFor({ state: 'attached' });
  const loaded = await refreshed(page, 'Webhook Calls', (count) => expectedWebhookGroups(server, count, by), PAGE_SIZE);
  await collapseAll(page, 'Webhook Calls');
  return loaded;
}

describe('activity sidebar in the real workbench', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 5, sessions: 60, webhooks: 40, accountName: 'acme' });
  });
  after(() => server.close());
  afterEach(() => server.clearFaults());

  const session = useWorkbench('activity-sidebar', () => importingAccount(server, { 'exavault.sidebar.timeWindowHours': 2160, 'exavault.pageSize': PAGE_SIZE }));

  it('shows the first page of sessions grouped by operation, with the counts of loaded entries', async () => {
    const { page } = session();
    await signedIn(page, server);
    // Make room: the Webhook Calls pane folds away.
    await setPaneExpanded(page, 'Webhook Calls', false);
    await setPaneExpanded(page, 'Sessions', true);
    // The first page, as the view loads it when it first shows: exactly one page, and more to load.
    await waitForServerGroups(page, 'Sessions', (count) => expectedSessionGroups(server, count), PAGE_SIZE);
    assert.deepEqual(await shownGroups(page, 'Sessions'), expectedSessionGroups(server, PAGE_SIZE));
    await rows(page, 'Sessions').filter({ hasText: 'Load more...' }).waitFor();
  });

  it('expands a group into its entries, newest first, labelled by file name and described by time, user and folder (logins: by user and address, said once)', async () => {
    const { page } = session();
    const loaded = await sessionsShown(page, server, PAGE_SIZE);
    const [[firstGroup]] = expectedSessionGroups(server, loaded) as [[string, number]];
    const code = /\((\w+)\)$/.exec(firstGroup)![1];
    const entries = server.sessions.slice(0, loaded).filter((e) => e.attributes.operation!.toUpperCase() === code).map((e) => e.attributes);
    assert.ok(entries.length > 0, `the server's newest ${loaded} sessions have a ${firstGroup} entry`);
    await expandGroup(page, 'Sessions', firstGroup);
    const children = entryRows(page, 'Sessions');
    await children.first().waitFor();
    const expectedLabels = entries.map((e) => (e.fileName ? baseName(e.fileName) : `${e.username} @ ${e.ipAddress}`));
    assert.deepEqual(await labelsInOrder(children), expectedLabels, `${firstGroup}: its entries, newest first`);
    // The time first, where a narrow sidebar does not cut it off; the user only where the label does not say it.
    const newest = entries[0]!;
    const description = await children.first().locator('.label-description').textContent() ?? '';
    assert.match(description, newest.fileName
      ? new RegExp(`^[^·]+ · ${escaped(newest.username!)} · ${escaped(parentFolder(newest.fileName))}$`)
      : /^[^·]+$/);
    await collapseAll(page, 'Sessions'); // fold it again
  });

  it('loads the next page on "Load more...", without repeats', async () => {
    const { page } = session();
    const loaded = await sessionsShown(page, server, PAGE_SIZE);
    assert.ok(server.sessions.length >= loaded + PAGE_SIZE, `the server has another page after the ${loaded} loaded sessions (${server.sessions.length} in all)`);
    await rows(page, 'Sessions').filter({ hasText: 'Load more...' }).click();
    // One more page, continuing exactly where the list ended: the groups of the newest entries, one page further.
    await waitForServerGroups(page, 'Sessions', (count) => expectedSessionGroups(server, count), loaded + PAGE_SIZE);
    assert.equal(totalOf(await shownGroups(page, 'Sessions')), loaded + PAGE_SIZE, 'exactly one page more');
  });

  it('shows a failure as a row with the message, keeps what was loaded, and retries from it', async () => {
    const { page } = session();
    const loaded = await sessionsShown(page, server, PAGE_SIZE);
    server.setFaults({ serverErrors: { status: 503, count: 1000 } });
    await viewAction(page, 'Sessions', 'Refresh Sessions');
    const error = rows(page, 'Sessions').filter({ hasText: 'HTTP 503' });
    await error.waitFor();
    assert.deepEqual(await shownGroups(page, 'Sessions'), expectedSessionGroups(server, loaded), 'what was loaded stays');
    await screenshot(page, 'sidebar-error');
    server.clearFaults();
    await error.hover();
    await error.locator('.action-label[aria-label^="Retry"]').click();
    await error.waitFor({ state: 'detached' });
    assert.deepEqual(await shownGroups(page, 'Sessions'), expectedSessionGroups(server, loaded), 'the retry keeps them, and adds nothing (nothing new arrived)');
  });

  it('groups webhook calls by event, and by status class on the toggle', async () => {
    const { page } = session();
    const firstPage = server.webhooks.slice(0, PAGE_SIZE);
    assert.equal(firstPage.length, PAGE_SIZE, 'the server has a page of webhook calls');
    assert.ok(firstPage.every((call) => call.attributes.webhookFormat), 'the first page has v1 and v2 calls only (their event is the group\'s label)');
    assert.ok(new Set(firstPage.map(statusClass)).size >= 2, `the first page has calls of two status classes at least: ${[...new Set(firstPage.map(statusClass))].join()}`);
    // By event: the groups (and counts) of the server's newest calls, checked as they load.
    const loaded = await webhooksShown(page, server, 'event');
    // By status class, on the toggle: the same calls, 2xx first and "No answer" last.
    await viewAction(page, 'Webhook Calls', 'Group by Status');
    await waitForServerGroups(page, 'Webhook Calls', (count) => expectedWebhookGroups(server, count, 'status'), loaded);
    await screenshot(page, 'sidebar-webhooks-by-status');
  });

  it('resends a webhook call after a confirmation, once, and reports it', async () => {
    const { page } = session();
    const loaded = await webhooksShown(page, server, 'status');
    const target = server.webhooks.slice(0, loaded).find((call) => statusClass(call) === '2xx');
    assert.ok(target, `a 2xx call among the server's newest ${loaded} webhook calls`);
    await expandGroup(page, 'Webhook Calls', '2xx');
    // The group's first entry is its newest call.
    const call = entryRows(page, 'Webhook Calls').first();
    await call.waitFor();
    assert.equal(await labelOf(call).textContent(), target.attributes.resourcePath ? baseName(String(target.attributes.resourcePath)) : target.attributes.endpointUrl);
    await call.hover();
    await call.locator('.action-label[aria-label^="Resend"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText('The listener receives the same webhook message again').waitFor();
    const before = server.webhooks.length;
    server.resetStats();
    await dialog.getByRole('button', { name: 'Resend' }).click();
    await page.locator('.notifications-toasts').getByText('Resent.').waitFor();
    const resends = Object.entries(server.stats().byPath).filter(([p]) => p.includes('/webhooks/resend/'));
    assert.deepEqual(resends, [[`/api/v2/webhooks/resend/${target.id}`, 1]], 'exactly one resend request, for that call');
    assert.equal(server.webhooks.length, before + 1);
    assert.equal(server.webhooks[0]!.attributes.resend, true);
    assert.equal(server.webhooks[0]!.attributes.resourcePath, target.attributes.resourcePath);
  });
});

describe('hostile log data in the sidebar', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 9, sessions: 60, webhooks: 30, accountName: 'hostile', dataset: 'hostile' });
  });
  after(() => server.close());

  const session = useWorkbench('hostile-sidebar', () => importingAccount(server, { 'exavault.sidebar.timeWindowHours': 2160, 'exavault.pageSize': 60 }));

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

    await signedIn(page, server);
    await setPaneExpanded(page, 'Webhook Calls', false);
    await setPaneExpanded(page, 'Sessions', true);
    const loaded = await waitForServerGroups(page, 'Sessions', (count) => expectedSessionGroups(server, count), 1);
    // Open the first four groups, from the bottom up (opening one moves only the rows below it), once
    // the server's data says a markup payload is among their entries.
    const opened = expectedSessionGroups(server, loaded).slice(0, 4).map(([label]) => label);
    const markup = HOSTILE_STRINGS.filter((payload) => payload.startsWith('<'));
    const openedEntries = server.sessions.slice(0, loaded).filter((e) => opened.includes(operationLabel(e.attributes.operation!)));
    assert.ok(openedEntries.some((e) => markup.some((payload) => `${e.attributes.fileName} ${e.attributes.username}`.includes(payload))),
      `a markup payload among the entries of ${opened.join(', ')}`);
    for (const label of [...opened].reverse()) {
      await expandGroup(page, 'Sessions', label);
    }
    const labels = entryRows(page, 'Sessions').locator('.label-name .monaco-highlighted-label');
    await labels.first().waitFor();
    const rendered = await labels.evaluateAll((elements) => elements.map((e) => ({ text: e.textContent ?? '', children: e.childElementCount })));
    // Markup stays exactly as sent; line breaks, controls and invisible characters show as visible marks (displayText).
    const candidates = new Set(server.sessions.flatMap((e) => [baseName(e.attributes.fileName!), `${e.attributes.username} @ ${e.attributes.ipAddress}`].map((text) => displayText(text))));
    assert.ok(rendered.length >= 3, `rows: ${rendered.length}`);
    for (const { text, children } of rendered) {
      assert.ok(candidates.has(text), `shown exactly as sent: ${JSON.stringify(text.slice(0, 80))}`);
      assert.equal(children, 0, `no element inside the label of ${JSON.stringify(text.slice(0, 80))}`);
    }
    const shownPayload = markup.find((payload) => rendered.some(({ text }) => text.includes(payload)));
    assert.ok(shownPayload, 'a markup payload is on screen');
    // Hover its row: the tooltip, built from text, shows the payload as text too.
    const markupRow = entryRows(page, 'Sessions').filter({ hasText: shownPayload }).first();
    await markupRow.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').last();
    await hover.waitFor();
    // The tooltip is resolved when asked for: wait for its fields. MarkdownString.appendText keeps
    // spaces as no-break spaces: the same text, as it reads.
    const hoverText = await poll(async () => (await hover.textContent() ?? '').replace(/\u00a0/g, ' '), (text) => markup.some((p) => text.includes(p)));
    assert.ok(markup.some((p) => hoverText.includes(p)), `a markup payload as text in the tooltip: ${hoverText.slice(0, 300)}`);
    assert.equal(await hover.locator('img, script, svg, a[href]').count(), 0, 'no element from data in the tooltip');
    await screenshot(page, 'sidebar-hostile');
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload]').length), 0);
  });
});
