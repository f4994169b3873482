// The query panel as a person uses it: opened from the palette, filtered, sorted, refined,
// stopped, exported and restored, in the real workbench against the local server. Each test opens
// a panel of its own and waits for the searches it starts; what it expects comes from the server's data.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { OPERATIONS, type SessionEntryWire, type WebhookEntryWire } from '../../src/api/wire';
import { displayText } from '../../src/activity/displayText';
import { formatRelative, formatTime } from '../../src/activity/format';
import { fromZoneInput, rezoneInput } from '../../src/panel/webview/zoneInput';
import { matchesRefine, sessionCellTexts } from '../support/panelCells';
import {
  answer, attachPanel, inLastRange, openQueryPanel, rowCell, rowCells, rowCount, search, searchAll, searchesAsked, searchEnd, startSearch, until, waitForQuestion, type QueryPanel,
} from './queryPanelHelpers';
import { waitUntil } from '../support/waitUntil';
import { exactly } from './uiSteps';
import { ACTION_TIMEOUT_MS, quickInput, runFromPalette, screenshot, useLocalAccount } from './workbench';

// Chosen for what the tests need of its data (each test checks what it relies on): sessions in the
// last 24 hours and none within hours of that range's start; webhook calls answered 4xx, some of
// them uploads; users whose session counts all differ at the top.
const SEED = 9;
const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
const QUARTER_MS = 90 * DAY_MS;
/** How long each page takes once the first is in, in the test that stops a search in flight: far longer than clicking Stop. */
const IN_FLIGHT_LATENCY_MS = 15_000;

/**
 * What the time column may say of `created` counted back from the search's start: the extension reads
 * its clock then, some moment from `before` (taken before the search) to now. Every text of that span.
 */
function relativeTexts(created: number, before: number): string[] {
  const after = Date.now();
  const texts = new Set([formatRelative(created, new Date(after))]);
  for (let moment = before; moment < after; moment += 1000) {
    texts.add(formatRelative(created, new Date(moment)));
  }
  return [...texts];
}
/** Waits for the count line to read exactly `text` (refining is in the webview: no search). */
const countReads = (frame: FrameLocator, text: string) => frame.locator('#count', { hasText: new RegExp(`^${text}$`) }).waitFor();

/**
 * Sets exavault.timeZone (`local`: the default, the file removed) in the workspace's settings file, as
 * a person editing .vscode/settings.json would: the workbench watches the workspace folder and the
 * extension hears of the change as from the Settings editor, which is VS Code's own UI, not under test.
 */
function setTimeZone(workspace: string, zone: string): void {
  const file = path.join(workspace, '.vscode', 'settings.json');
  if (zone === 'local') {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ 'exavault.timeZone': zone }));
}

describe('query panel in the real workbench', function () {
  const { server, serverStart, session } = useLocalAccount('query-panel', { seed: SEED, sessions: 300, webhooks: 200, accountName: 'acme' }, { 'exavault.pageSize': PAGE_SIZE, 'exavault.search.confirmAboveCalls': 3 });
  // No fault outlives its test (workbench.ts closes the test's panels and notifications).
  afterEach(() => server().clearFaults());

  const sessionsIn = (rangeMs: number) => inLastRange<SessionEntryWire>(server().sessions, rangeMs, serverStart());

  /** A sessions panel over the last 90 days with every page loaded, and the entries it shows. */
  async function allSessions(page: Page): Promise<{ panel: QueryPanel; frame: FrameLocator; entries: SessionEntryWire[] }> {
    const entries = sessionsIn(QUARTER_MS);
    const panel = await openQueryPanel(page, 'Session Logs');
    assert.equal(await searchAll(panel, () => panel.frame.locator('#range').selectOption('quarter')), rowCount(entries.length));
    return { panel, frame: panel.frame, entries };
  }

  it('opens the session log for the last 24 hours from the palette', async () => {
    const { page } = session();
    const expected = sessionsIn(DAY_MS);
    assert.ok(expected.length > 0, `seed ${SEED} has no session in the last 24 hours`);
    const panel = await openQueryPanel(page, 'Session Logs');
    assert.equal(await panel.frame.locator('#range').inputValue(), 'day');
    assert.equal(panel.first.state, 'done', panel.first.status);
    assert.equal(panel.first.count, rowCount(expected.length));
  });

  it('asks before a search that takes more calls than the setting allows, and "Stop Here" keeps the first page', async () => {
    const { page } = session();
    const entries = sessionsIn(QUARTER_MS);
    assert.ok(entries.length > 3 * PAGE_SIZE, 'the last 90 days take more than the 3 calls the setting allows');
    const panel = await openQueryPanel(page, 'Session Logs');
    await startSearch(panel, () => panel.frame.locator('#range').selectOption('quarter'));
    assert.match(await waitForQuestion(panel), /^This search will take about \d+ API calls\.$/);
    await answer(panel, 'Stop Here');
    const end = await searchEnd(panel, undefined);
    assert.equal(end.status, `Stopped: ${PAGE_SIZE} entries, 1 API call`);
    assert.equal(end.count, rowCount(PAGE_SIZE));
    const newest = entries[0]!.attributes;
    assert.equal(await rowCell(panel.frame, 0, 'user').textContent(), newest.username);
    assert.equal(await rowCell(panel.frame, 0, 'path').textContent(), displayText(newest.fileName ?? '', 300));
  });

  it('shows times in the zone the setting names, following a change while the panel is open', async () => {
    const { page, workbench } = session();
    const newest = sessionsIn(DAY_MS)[0];
    assert.ok(newest, `seed ${SEED} has no session in the last 24 hours`);
    const created = Date.parse(newest.attributes.created!);
    const panel = await openQueryPanel(page, 'Session Logs');
    const timeCell = rowCells(panel.frame, 0).first();
    try {
      // A custom range not yet sent stays, its bounds the same moments in each zone.
      await panel.frame.locator('#range').selectOption('custom');
      let previous: { zone: string; from: string } | undefined;
      for (const zone of ['America/New_York', 'Europe/Berlin']) {
        setTimeZone(workbench.dirs.workspace, zone);
        // Expected from the entry's own time, formatted here with Intl: never this machine's zone. Each
        // zone's text differs from the one before, so each wait sees the change arrive.
        const shown = exactly(formatTime(created, zone));
        await timeCell.filter({ hasText: shown }).waitFor();
        await panel.frame.locator('#range-zone', { hasText: exactly(zone) }).waitFor();
        const from = await panel.frame.locator('#from').inputValue();
        // Written as the table writes times (24-hour, the zone named beside it), not in the browser's locale.
        assert.match(from, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        assert.equal(`${from} ${zone}`, formatTime(fromZoneInput(from, zone), zone).replace(/:\d{2} \S+$/, ` ${zone}`));
        if (previous) {
          assert.equal(from, rezoneInput(previous.from, previous.zone, zone), `the range's start, from ${previous.zone} to ${zone}`);
        }
        previous = { zone, from };
        await timeCell.click();
        await panel.frame.locator('.details dd .value', { hasText: shown }).waitFor();
      }
      await screenshot(page, 'panel-time-zone');
    } finally {
      setTimeZone(workbench.dirs.workspace, 'local');
    }
  });

  it('loads every page after "Load All", newest first, with the cells as the log has them', async () => {
    const { page } = session();
    const entries = sessionsIn(QUARTER_MS);
    const panel = await openQueryPanel(page, 'Session Logs');
    await startSearch(panel, () => panel.frame.locator('#range').selectOption('quarter'));
    await waitForQuestion(panel);
    await answer(panel, 'Load All');
    const end = await searchEnd(panel, undefined);
    assert.equal(end.state, 'done', end.status);
    assert.equal(end.count, rowCount(entries.length));
    const newest = entries[0]!.attributes;
    assert.equal(await rowCell(panel.frame, 0, 'operation').textContent(), OPERATIONS[newest.operation!.toUpperCase()] ?? newest.operation);
    assert.equal(await rowCell(panel.frame, 0, 'user').textContent(), newest.username);
    assert.equal(await rowCell(panel.frame, 0, 'ip').textContent(), newest.ipAddress);
  });

  it('charts the loaded rows, and narrows the search from a chart by click and by keyboard', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    const byUser = new Map<string, number>();
    for (const entry of entries) {
      byUser.set(entry.attributes.username ?? '', (byUser.get(entry.attributes.username ?? '') ?? 0) + 1);
    }
    const ranked = [...byUser].filter(([user]) => user !== '').sort((a, b) => b[1] - a[1]);
    assert.ok(ranked.length >= 3 && ranked[0]![1] > ranked[1]![1] && ranked[1]![1] > ranked[2]![1], `seed ${SEED}: the top three users' counts must differ: ${JSON.stringify(ranked.slice(0, 3))}`);
    const users = frame.locator('#chart-top-user').locator('xpath=..').locator('button.top-item:not([hidden])');
    // The chart is drawn a little after the rows: wait for the top two as every row counts them.
    const topTwoShown = async () => {
      for (const [index, [user, count]] of ranked.slice(0, 2).entries()) {
        await users.nth(index).filter({ has: frame.locator('.top-label', { hasText: new RegExp(`^${user}$`) }) })
          .filter({ has: frame.locator('.top-count', { hasText: new RegExp(`^${count}$`) }) }).waitFor();
      }
    };
    await topTwoShown();
    assert.equal(await searchAll(panel, () => users.first().click()), rowCount(ranked[0]![1]));
    assert.equal(await frame.locator('#filter-username').inputValue(), ranked[0]![0]);
    // The keyboard: clear the filter, then into the list, down one, Enter.
    await frame.locator('#filter-username').fill('');
    assert.equal(await searchAll(panel, () => frame.locator('#filter-username').press('Enter')), rowCount(entries.length));
    await topTwoShown();
    await users.first().focus();
    assert.equal(await searchAll(panel, async () => {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }), rowCount(ranked[1]![1]));
    assert.equal(await frame.locator('#filter-username').inputValue(), ranked[1]![0]);
  });

  it('charts every row the table shows once loading ends, never the first batch only', async () => {
    const { page } = session();
    const calls = inLastRange<WebhookEntryWire>(server().webhooks, QUARTER_MS, serverStart());
    const statuses = new Set(calls.map((call) => String((call.attributes as { status?: number }).status ?? '')));
    assert.ok(calls.length > 3 * PAGE_SIZE && statuses.size <= 10, `seed ${SEED}: more than one batch of calls, of at most 10 statuses (so the top list holds every call): ${calls.length}, ${statuses.size}`);
    // A window tall enough that the charts stay open beside the webhook panel's table (they fold in the suites' usual one).
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: size.width, height: 1400 });
    try {
      const panel = await openQueryPanel(page, 'Webhook Calls');
      assert.equal(await searchAll(panel, () => panel.frame.locator('#range').selectOption('quarter')), rowCount(calls.length));
      await panel.frame.locator('details.charts[open]').waitFor();
      // The charts follow the table a moment later: wait for them to say the table's count, then check the lists add up to it.
      await panel.frame.locator(`canvas[aria-label^="Activity over time: ${calls.length} entries in "]`).waitFor();
      const counts = await panel.frame.locator('#chart-top-status').locator('xpath=..').locator('button.top-item:not([hidden]) .top-count').allTextContents();
      assert.equal(counts.reduce((sum, count) => sum + Number(count.replace(/,/g, '')), 0), calls.length);
      assert.equal(await panel.frame.locator('#count').textContent(), rowCount(calls.length));
    } finally {
      await page.setViewportSize(size);
    }
  });

  it('filters on a user on the server(), and several operation types with one query each', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    const user = entries[0]!.attributes.username!;
    const byUser = entries.filter((entry) => entry.attributes.username === user);
    await frame.locator('#filter-username').fill(user);
    assert.equal(await searchAll(panel, () => frame.locator('#filter-username').press('Enter')), rowCount(byUser.length));
    const expected = byUser.filter((entry) => ['STOR', 'RETR'].includes(entry.attributes.operation!.toUpperCase()));
    assert.ok(expected.length > 0 && expected.length < byUser.length, `seed ${SEED}: ${user} must have uploads or downloads and other entries`);
    await frame.locator('.choices summary').click();
    await frame.locator('.choice-list input[value="STOR"]').check();
    await frame.locator('.choice-list input[value="RETR"]').check();
    // Closing the list runs the search.
    assert.equal(await searchAll(panel, () => frame.locator('.choices summary').click()), rowCount(expected.length));
    assert.equal(await frame.locator('.notes').textContent(), '2 operation types: the API takes one per request, so this runs 2 queries and merges them by time.');
    // Every filter cleared: the whole log again, with no note.
    await frame.locator('.choices summary').click();
    await frame.locator('.choice-list input[value="STOR"]').uncheck();
    await frame.locator('.choice-list input[value="RETR"]').uncheck();
    await frame.locator('#filter-username').fill('');
    // Enter, not the Search button: the open list covers it now that the filters take two lines.
    assert.equal(await searchAll(panel, () => frame.locator('#filter-username').press('Enter')), rowCount(entries.length));
    assert.equal(await frame.locator('.notes').textContent(), '');
  });

  it('keeps what is typed in one filter while the search another filter started begins', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    // A user seen from more than one address.
    const first = entries.find((entry) => entries.some((other) => other.attributes.username === entry.attributes.username && other.attributes.ipAddress !== entry.attributes.ipAddress));
    assert.ok(first, `seed ${SEED} has a user seen from two addresses`);
    const { username: user, ipAddress: ip } = first.attributes as { username: string; ipAddress: string };
    const expected = entries.filter((entry) => entry.attributes.username === user && entry.attributes.ipAddress === ip);
    const byUser = entries.filter((entry) => entry.attributes.username === user);
    // As a person tabbing on: leaving the user field runs its search, and the address is typed before that search
    // begins in the panel. The panel sends a search a task after the change; the typing comes in the task after
    // that, long before the extension host's answer that it began can arrive.
    const usersSearch = await search(panel, () => frame.locator('#filter-username').evaluate(async (username: HTMLInputElement, [userText, ipText]) => {
      username.value = userText!;
      username.dispatchEvent(new Event('input', { bubbles: true }));
      username.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const address = document.querySelector<HTMLInputElement>('#filter-ipAddress')!;
      address.value = ipText!;
      address.dispatchEvent(new Event('input', { bubbles: true }));
    }, [user, ip]));
    assert.equal(usersSearch.count, rowCount(byUser.length), 'the user\'s search');
    assert.equal(await frame.locator('#filter-ipAddress').inputValue(), ip, 'the typed address is still there');
    assert.equal(await searchAll(panel, () => frame.locator('#filter-ipAddress').press('Enter')), rowCount(expected.length));
  });

  it('labels the operation list above it like the other fields, and says a mistyped status under its field without searching', async () => {
    const { page } = session();
    const sessions = await openQueryPanel(page, 'Session Logs');
    const label = sessions.frame.locator('#choice-label');
    assert.equal(await label.textContent(), 'Operations');
    const labelBox = (await label.boundingBox())!;
    const pickerBox = (await sessions.frame.locator('.choices summary').boundingBox())!;
    assert.ok(labelBox.y + labelBox.height <= pickerBox.y, `the label (${JSON.stringify(labelBox)}) is above the list (${JSON.stringify(pickerBox)})`);

    const webhooks = await openQueryPanel(page, 'Webhook Calls');
    const status = webhooks.frame.locator('#filter-status');
    const error = webhooks.frame.locator('#filter-status-error');
    const asked = await searchesAsked(webhooks);
    await status.fill('4x');
    await status.press('Enter');
    await error.filter({ hasText: /^A status code such as 404, or a class such as 4xx\.$/ }).waitFor();
    assert.equal(await status.getAttribute('aria-invalid'), 'true');
    assert.equal(await status.evaluate((input) => (input as HTMLInputElement).validationMessage), '', 'no bubble of the browser\'s own');
    // Positive control: the status corrected, Enter runs the search, and only that one was asked for.
    await status.fill('4xx');
    await searchAll(webhooks, () => status.press('Enter'));
    assert.equal(await searchesAsked(webhooks), asked + 1);
    assert.equal(await error.textContent(), '');
    assert.equal(await status.getAttribute('aria-invalid'), 'false');
  });

  it('filters on a path with a trailing * (everything below a folder)', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    const deep = entries.map((entry) => entry.attributes.fileName ?? '').find((file) => file.split('/').length > 3);
    assert.ok(deep, `seed ${SEED} has no path two folders deep`);
    const folder = deep.split('/').slice(0, 2).join('/');
    const below = entries.filter((entry) => (entry.attributes.fileName ?? '').startsWith(folder)).length;
    assert.ok(below > 0 && below < entries.length, `${folder}: ${below} of ${entries.length} entries`);
    await frame.locator('#filter-path').fill(`${folder}*`);
    assert.equal(await searchAll(panel, () => frame.locator('#filter-path').press('Enter')), rowCount(below));
    await frame.locator('#filter-path').fill('');
    assert.equal(await searchAll(panel, () => frame.locator('#filter-path').press('Enter')), rowCount(entries.length));
  });

  it('sorts by a column, both ways, and says so to screen readers', async () => {
    const { page } = session();
    const { frame, entries } = await allSessions(page);
    const userHeader = frame.locator('[role="columnheader"][data-column="user"]');
    const users = entries.map((entry) => entry.attributes.username ?? '').sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    await userHeader.locator('button.sort').click();
    await frame.locator('[role="columnheader"][data-column="user"][aria-sort="ascending"]').waitFor();
    assert.equal(await rowCell(frame, 0, 'user').textContent(), users[0]);
    await userHeader.locator('button.sort').click();
    await frame.locator('[role="columnheader"][data-column="user"][aria-sort="descending"]').waitFor();
    assert.equal(await rowCell(frame, 0, 'user').textContent(), users.at(-1));
    await frame.locator('[role="columnheader"][data-column="time"] button.sort').click();
    await frame.locator('[role="columnheader"][data-column="time"][aria-sort="descending"]').waitFor();
  });

  it('asks the server for an order from the filter bar, shows its rows in it, and says when the table sorts the loaded rows instead', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    await frame.locator('#order-note', { hasText: /^Server order: Time, newest first$/ }).waitFor();
    const users = entries.map((entry) => entry.attributes.username ?? '').sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    assert.equal(await searchAll(panel, () => frame.locator('#order').selectOption({ label: 'User, A to Z' })), rowCount(entries.length));
    await frame.locator('[role="columnheader"][data-column="user"][aria-sort="ascending"]').waitFor();
    await frame.locator('#order-note', { hasText: /^Server order: User, A to Z$/ }).waitFor();
    assert.equal(await rowCell(frame, 0, 'user').textContent(), users[0]);
    await page.locator('.tab.active', { hasText: 'Sessions: acme · by User, A to Z · 90 d' }).waitFor();
    // A column's sort is the table's own, over the rows loaded: said so, and no search runs.
    const asked = await searchesAsked(panel);
    await frame.locator('[role="columnheader"][data-column="time"] button.sort').click();
    await frame.locator('#order-note', { hasText: /^Sorted here by Time, newest first: loaded rows only$/ }).waitFor();
    assert.equal(await searchesAsked(panel), asked);
    assert.equal(await frame.locator('#order').inputValue(), 'user');
  });

  it('sorts IP addresses by their numbers, not as text', async () => {
    const { page } = session();
    const { frame, entries } = await allSessions(page);
    const ips = [...new Set(entries.map((entry) => entry.attributes.ipAddress ?? ''))];
    const number = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
    assert.ok(ips.every((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)), `seed ${SEED}: IPv4 addresses only, which this test orders itself`);
    const byNumber = [...ips].sort((a, b) => number(a) - number(b));
    const byText = [...ips].sort();
    assert.notDeepEqual(byNumber, byText, `seed ${SEED}: addresses whose text order differs from their numbers' (the positive control)`);
    await frame.locator('[role="columnheader"][data-column="ip"] button.sort').click();
    await frame.locator('[role="columnheader"][data-column="ip"][aria-sort="ascending"]').waitFor();
    assert.equal(await rowCell(frame, 0, 'ip').textContent(), byNumber[0]);
    await frame.locator('[role="columnheader"][data-column="ip"] button.sort').click();
    await frame.locator('[role="columnheader"][data-column="ip"][aria-sort="descending"]').waitFor();
    assert.equal(await rowCell(frame, 0, 'ip').textContent(), byNumber.at(-1));
  });

  it('sizes the columns to their widest text, keeps a width the user set, and hides a column every loaded row leaves empty', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    const failed = entries.filter((entry) => entry.attributes.status === 'failed');
    assert.ok(failed.length > 0, `seed ${SEED}: failed logins, whose status is the widest`);
    const cutShort = (cell: ReturnType<typeof rowCell>) => cell.evaluate((element) => element.scrollWidth > element.clientWidth);
    // Refined to a failed login (refining keeps the columns): its status reads in full, as does each header.
    await frame.locator('#refine').fill('failed');
    await countReads(frame, `${failed.length} of ${entries.length} rows`);
    assert.equal(await rowCell(frame, 0, 'status').textContent(), 'failed');
    assert.equal(await cutShort(rowCell(frame, 0, 'status')), false, 'the status "failed" is cut short');
    for (const header of await frame.locator('[role="columnheader"]:visible .label').all()) {
      assert.equal(await header.evaluate((element) => element.scrollWidth > element.clientWidth), false, `header ${await header.textContent()} is cut short`);
    }
    await frame.locator('#refine').fill('');
    // Positive control for what follows: with every operation loaded, the Path column shows, and no note.
    const pathHeader = frame.locator('[role="columnheader"][data-column="path"]');
    assert.ok(entries.some((entry) => entry.attributes.fileName), `seed ${SEED}: entries with a path`);
    assert.equal(await pathHeader.isVisible(), true);
    // The user widens Status; a search after that keeps the user's width.
    const statusHeader = frame.locator('[role="columnheader"][data-column="status"]');
    const fitted = (await statusHeader.boundingBox())!.width;
    await statusHeader.locator('.resizer').focus();
    for (let step = 0; step < 3; step++) {
      await page.keyboard.press('ArrowRight');
    }
    const logins = entries.filter((entry) => entry.attributes.operation?.toUpperCase() === 'PASS');
    assert.ok(logins.length > 0 && logins.every((entry) => !entry.attributes.fileName), `seed ${SEED}: logins, none with a path`);
    await frame.locator('.choices summary').click();
    await frame.locator('.choice-list input[value="PASS"]').check();
    assert.equal(await searchAll(panel, () => frame.locator('.choices summary').click()), rowCount(logins.length));
    await pathHeader.waitFor({ state: 'hidden' });
    assert.match(await frame.locator('#hidden-columns').textContent() ?? '', /^Not shown, empty in every loaded row: .*\bPath\b/);
    assert.equal(Math.round((await statusHeader.boundingBox())!.width), Math.round(fitted) + 30);
  });

  it('folds the charts when they would leave the table fewer than 10 rows, keeps the user\'s unfold, and puts the details beside or below the table, never over it', async () => {
    const { page } = session();
    const { frame } = await openQueryPanel(page, 'Session Logs');
    const open = frame.locator('details.charts[open]');
    const folded = frame.locator('details.charts:not([open])');
    const grid = frame.locator('.grid');
    const rowsInView = () => grid.evaluate((element) => Math.floor((element.clientHeight - element.querySelector<HTMLElement>('.grid-header')!.offsetHeight) / 22));
    /** Waits until the table's height is no longer `before` (the panel has laid out a resized window), then for the frame after. */
    const resized = async (before: number) => {
      await waitUntil('the table to take the window\'s new size', async () => (await grid.evaluate((element) => element.clientHeight)) !== before, ACTION_TIMEOUT_MS);
      await frame.locator('body').evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    };
    const size = page.viewportSize()!;
    try {
      // Positive control: the full window has room for the charts and 10 rows.
      await open.waitFor();
      assert.ok(await rowsInView() >= 10, `${await rowsInView()} rows in view beside the charts in the full window`);
      await page.setViewportSize({ width: size.width, height: 620 });
      await folded.waitFor();
      assert.ok(await rowsInView() >= 10, `${await rowsInView()} rows in view with the charts folded`);
      // The user opens them: they stay open while the window changes again.
      await frame.locator('details.charts > summary').click();
      await open.waitFor();
      const before = await grid.evaluate((element) => element.clientHeight);
      await page.setViewportSize({ width: size.width, height: 600 });
      await resized(before);
      assert.equal(await open.count(), 1, 'the charts the user opened folded again');

      // The details take their own room: beside the table, and below it in a narrow panel (the user folds
      // the charts again: they opened them, and in a narrow panel the charts and the details leave the table little).
      await page.setViewportSize(size);
      await frame.locator('details.charts > summary').click();
      await folded.waitFor();
      await rowCells(frame, 0).first().click();
      const details = frame.locator('.details');
      await details.locator('dd').first().waitFor();
      const overlap = async () => {
        const [table, pane] = [(await grid.boundingBox())!, (await details.boundingBox())!];
        return table.x < pane.x + pane.width && pane.x < table.x + table.width && table.y < pane.y + pane.height && pane.y < table.y + table.height;
      };
      assert.equal(await overlap(), false, 'the details cover the table');
      const wide = await grid.evaluate((element) => element.clientHeight);
      await page.setViewportSize({ width: 900, height: size.height });
      await resized(wide);
      assert.ok((await details.boundingBox())!.y >= (await grid.boundingBox())!.y + (await grid.boundingBox())!.height - 1, 'the details are below the table in a narrow panel');
      assert.equal(await overlap(), false, 'the details cover the table in a narrow panel');
      assert.ok(await rowsInView() >= 5, `${await rowsInView()} rows in view above the details`);
    } finally {
      await page.setViewportSize(size);
    }
  });

  it('refines the loaded rows as one types, without a request', async () => {
    const { page } = session();
    const { frame, entries } = await allSessions(page);
    server().resetStats();
    const needle = entries[3]!.attributes.ipAddress!.slice(0, 6);
    const matching = entries.filter((entry) => matchesRefine(sessionCellTexts(entry), needle)).length;
    assert.ok(matching > 0 && matching < entries.length, `"${needle}" refines ${matching} of ${entries.length} rows`);
    await frame.locator('#refine').fill(needle);
    await countReads(frame, `${matching} of ${entries.length} rows`);
    assert.equal(server().stats().requests, 0);
    await frame.locator('#refine').fill('');
    await countReads(frame, rowCount(entries.length));
  });

  it('shows every field of the selected row, and moves the selection with the keyboard', async () => {
    const { page } = session();
    const { frame, entries } = await allSessions(page);
    await rowCells(frame, 0).first().click();
    const details = frame.locator('.details');
    await details.locator('dd .value', { hasText: new RegExp(`^${entries[0]!.id}$`) }).waitFor();
    await frame.locator('.grid').press('ArrowDown');
    assert.equal(await frame.locator('.grid-body .grid-row[aria-selected="true"]').getAttribute('aria-rowindex'), '3');
    await details.locator('dd .value', { hasText: new RegExp(`^${entries[1]!.id}$`) }).waitFor();
  });

  it('stops a search in flight and keeps what it loaded', async () => {
    const { page } = session();
    const entries = sessionsIn(QUARTER_MS);
    const panel = await openQueryPanel(page, 'Session Logs');
    await startSearch(panel, () => panel.frame.locator('#range').selectOption('quarter'));
    await waitForQuestion(panel);
    // The first page is in; the next ones are slow to come, so Stop finds them on their way.
    server().setFaults({ latencyMs: IN_FLIGHT_LATENCY_MS });
    server().resetStats();
    await answer(panel, 'Load All');
    await panel.frame.locator('#status-text', { hasText: /^Loading/ }).waitFor();
    await until(() => server().stats().inFlight > 0, 'a page request on its way to the server');
    await panel.frame.getByRole('button', { name: 'Stop', exact: true }).click();
    const end = await searchEnd(panel, undefined);
    assert.equal(end.state, 'stopped', end.status);
    assert.match(end.count, /^\d+ rows?$/);
    assert.ok(Number(/^\d+/.exec(end.count)![0]) < entries.length, end.count);
  });

  it('says what failed, keeps the rows loaded before it, and Retry loads them all', async () => {
    const { page } = session();
    const entries = sessionsIn(QUARTER_MS);
    const panel = await openQueryPanel(page, 'Session Logs');
    await startSearch(panel, () => panel.frame.locator('#range').selectOption('quarter'));
    await waitForQuestion(panel);
    // The first page is in; every later request now fails.
    server().setFaults({ serverErrors: { status: 503, count: 1_000_000 } });
    await answer(panel, 'Load All');
    const failed = await searchEnd(panel, undefined);
    assert.match(failed.status, new RegExp(`^Failed after ${PAGE_SIZE} entries`));
    assert.equal(failed.count, rowCount(PAGE_SIZE));
    assert.match(await panel.frame.locator('.problem').textContent() ?? '', /503[\s\S]*The rows loaded before it stay; Retry runs the search again\.$/);
    server().clearFaults();
    assert.equal(await searchAll(panel, () => panel.frame.locator('button', { hasText: 'Retry' }).click()), rowCount(entries.length));
    assert.equal(await panel.frame.locator('.problem').isVisible(), false);
  });

  it('exports exactly the rows shown, every field, to the file chosen in the save dialog', async () => {
    const { page } = session();
    const { frame, entries } = await allSessions(page);
    const user = entries[0]!.attributes.username!;
    const expected = entries.filter((entry) => matchesRefine(sessionCellTexts(entry), user));
    assert.ok(expected.length > 0 && expected.length < entries.length, `"${user}" refines ${expected.length} of ${entries.length} rows`);
    await frame.locator('#refine').fill(user);
    await countReads(frame, `${expected.length} of ${entries.length} rows`);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'exavault-export-'));
    // Something for the dialog to list once it has read the folder typed (folders are listed whatever the file type).
    const marker = 'earlier-exports';
    fs.mkdirSync(path.join(folder, marker));
    const target = path.join(folder, 'sessions.json');
    await frame.locator('button', { hasText: 'Export JSON' }).click();
    const dialog = quickInput(page);
    const input = dialog.locator('input').first();
    await input.waitFor();
    // The dialog fills in its suggestion once it has read the folder; typing before that is overwritten.
    await page.waitForFunction(() => /exavault-sessions-[\d-]+\.json$/.test((document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? ''));
    await input.fill(target);
    // The simple file dialog then reads the typed path's folder and lists it; Enter before that only starts that reading.
    await dialog.locator('.monaco-list-row', { hasText: marker }).waitFor();
    assert.equal(await input.inputValue(), target);
    await input.press('Enter');
    await page.locator('.notifications-toasts', { hasText: `Exported ${rowCount(expected.length)} to ${target}` }).waitFor();
    const exported = JSON.parse(fs.readFileSync(target, 'utf8')) as { id: number; username: string; fileName: string; created: string }[];
    assert.deepEqual(exported.map((row) => row.id), expected.map((entry) => entry.id));
    for (const [index, row] of exported.entries()) {
      const wire = expected[index]!.attributes;
      assert.equal(row.username, wire.username);
      assert.equal(row.fileName, wire.fileName ?? '');
      assert.equal(Date.parse(row.created), Date.parse(wire.created!));
    }
    fs.rmSync(folder, { recursive: true });
  });

  it('shows the time column as exact times or as how long before the search ran, the other form in each cell\'s tooltip', async () => {
    const { page } = session();
    const newest = sessionsIn(DAY_MS)[0];
    assert.ok(newest, `seed ${SEED} has no session in the last 24 hours`);
    const created = Date.parse(newest.attributes.created!);
    const before = Date.now();
    const panel = await openQueryPanel(page, 'Session Logs');
    const cell = rowCell(panel.frame, 0, 'time');
    const toggle = panel.frame.getByRole('button', { name: 'Relative Times' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const exact = await cell.textContent() ?? '';
    // In the zone the setting names (the test of the setting checks which): a time, then the zone.
    assert.match(exact, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+$/);
    assert.ok(relativeTexts(created, before).includes(await cell.getAttribute('title') ?? ''), 'how long ago, in the tooltip');

    await toggle.click();
    await toggle.and(panel.frame.locator('[aria-pressed="true"]')).waitFor();
    await cell.and(panel.frame.locator(`[title="${exact}"]`)).waitFor();
    const relative = await cell.textContent() ?? '';
    assert.ok(relativeTexts(created, before).includes(relative), `"${relative}" is how long before the search ran the entry was logged`);
    await screenshot(page, 'panel-relative-times');

    await toggle.click();
    await cell.filter({ hasText: exactly(exact) }).waitFor();
    assert.ok(relativeTexts(created, before).includes(await cell.getAttribute('title') ?? ''));
  });

  it('comes back after a window reload with its filters, and runs them again', async () => {
    const { page } = session();
    const { panel, frame, entries } = await allSessions(page);
    const ip = entries[0]!.attributes.ipAddress!;
    const expected = entries.filter((entry) => entry.attributes.ipAddress === ip).length;
    await frame.locator('#filter-ipAddress').fill(ip);
    assert.equal(await searchAll(panel, () => frame.locator('#filter-ipAddress').press('Enter')), rowCount(expected));
    const relativeToggle = (panelFrame: FrameLocator) => panelFrame.getByRole('button', { name: 'Relative Times' }).and(panelFrame.locator('[aria-pressed="true"]'));
    await frame.getByRole('button', { name: 'Relative Times' }).click();
    await relativeToggle(frame).waitFor();
    const before = Date.now();
    // As Developer: Reload Window does it: the workbench saves its state (the panel's filters) first.
    // The mark goes with the page it was set in: gone means the window has loaded again.
    await page.evaluate(() => {
      (window as unknown as { testBeforeReload?: boolean }).testBeforeReload = true;
    });
    await runFromPalette(page, 'Developer: Reload Window');
    await page.waitForFunction(() => (window as unknown as { testBeforeReload?: boolean }).testBeforeReload === undefined, undefined, { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'acme' }).first().waitFor({ timeout: 60_000 });
    const restored = await attachPanel(page, 'Session Logs', 'Load All');
    assert.equal(await restored.frame.locator('#filter-ipAddress').inputValue(), ip);
    assert.equal(await restored.frame.locator('#range').inputValue(), 'quarter');
    assert.equal(restored.first.state, 'done', restored.first.status);
    assert.equal(restored.first.count, rowCount(expected));
    // The time column as it was: relative, counted back from the search run again.
    await relativeToggle(restored.frame).waitFor();
    const newest = await rowCell(restored.frame, 0, 'time').textContent() ?? '';
    assert.ok(relativeTexts(Date.parse(entries.find((entry) => entry.attributes.ipAddress === ip)!.attributes.created!), before).includes(newest), `"${newest}" is relative`);
  });

  it('searches webhook calls by status class, shows a call\'s response and event data, and opens the user\'s activity from a row', async () => {
    const { page } = session();
    const calls = inLastRange<WebhookEntryWire>(server().webhooks, QUARTER_MS, serverStart());
    const failing = calls.filter((call) => {
      const { status } = call.attributes as { status?: number };
      return status !== undefined && status >= 400 && status < 500;
    });
    assert.ok(failing.length > 0, `seed ${SEED} has no webhook call answered 4xx`);
    const events = ['resources.upload', 'resources.delete'];
    const byEvents = failing.filter((call) => events.includes(String((call.attributes as { event?: string }).event)));
    assert.ok(byEvents.length > 0, `seed ${SEED} has no upload or delete call answered 4xx`);
    const first = byEvents[0]!.attributes as { response?: string; username?: string; details?: { eventData?: unknown } };
    assert.ok(first.response, `webhook call ${byEvents[0]!.id} has no response`);
    assert.ok(first.username, `webhook call ${byEvents[0]!.id} has no user`);
    assert.ok(first.details?.eventData !== undefined, `webhook call ${byEvents[0]!.id} has no v2 event data`);
    const byUser = sessionsIn(QUARTER_MS).filter((entry) => entry.attributes.username === first.username).length;
    assert.ok(byUser > 0, `${first.username} has no session in the last 90 days`);

    const webhooks = await openQueryPanel(page, 'Webhook Calls');
    const frame = webhooks.frame;
    assert.equal(await searchAll(webhooks, () => frame.locator('#range').selectOption('quarter')), rowCount(calls.length));
    await frame.locator('#filter-status').fill('4xx');
    assert.equal(await searchAll(webhooks, () => frame.locator('#filter-status').press('Enter')), rowCount(failing.length));
    assert.equal(await frame.locator('.notes').textContent(), 'Status 4xx: the API filters on one status code, so this loads calls of every status and keeps the 4xx ones here.');

    // Two events: one query each, said so; with the status class, both notes.
    await frame.locator('.choices summary').click();
    for (const event of events) {
      await frame.locator(`.choice-list input[value="${event}"]`).check();
    }
    assert.equal(await searchAll(webhooks, () => frame.locator('.choices summary').click()), rowCount(byEvents.length));
    assert.match(await frame.locator('.notes').textContent() ?? '', /^2 events: the API takes one per request, so this runs 2 queries and merges them by time\.Status 4xx/);

    await rowCells(frame, 0).first().click();
    const values = frame.locator('.details dd .value');
    await values.filter({ hasText: first.response }).first().waitFor();
    const texts = await values.allTextContents();
    assert.ok(texts.includes(first.response), 'the listener\'s response, whole');
    // v2 event data: each part a labelled field (the whole JSON is Copy as JSON's).
    const resourcePath = (first.details?.eventData as { resources?: { path?: string }[] }).resources?.[0]?.path;
    assert.ok(resourcePath, `webhook call ${byEvents[0]!.id} names no resource in its event data`);
    assert.equal(await frame.locator('.details dt', { hasText: /^Resource › Path$/ }).count(), 1, 'v2 event data, labelled');
    assert.ok(texts.includes(resourcePath), 'the resource\'s path, as sent');

    await frame.locator('.details button', { hasText: 'Activity for this User' }).click();
    await page.locator('.tab.active', { hasText: 'Sessions: acme' }).waitFor();
    const activity = await attachPanel(page, 'Session Logs', 'Load All');
    assert.equal(await activity.frame.locator('#filter-username').inputValue(), first.username);
    assert.equal(await activity.frame.locator('#range').inputValue(), 'quarter');
    assert.equal(activity.first.state, 'done', activity.first.status);
    assert.equal(activity.first.count, rowCount(byUser));
  });
});
