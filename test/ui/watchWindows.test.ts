// Two windows of one browser profile on one watched account: one window polls, counted at the server,
// and an outage is told by one notification over both; with the lease switched off by its test switch
// (the positive control), the server counts polls from both. A mute holds across a reload.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startExaVaultServer, type LoggedRequest, type RunningExaVaultServer } from '../../server/index';
import { LEASE_SWITCH_OFF, LEASE_SWITCH_VARIABLE } from '../../src/watchView/leaseSwitch';
import { PACE_SWITCH_QUICK, PACE_SWITCH_VARIABLE, QUICK_PACE } from '../../src/watchView/paceSwitch';
import { until } from './queryPanelHelpers';
import { importingAccount, runFromPalette, signIn, useWorkbench, type UiSession, type WorkbenchOptions } from './workbench';

// The windows run under the watch's quick test pace: polls every second, on a server whose allowance
// is large enough that the share never stretches that; until the account's allowance is known (its
// first poll), the default one stretches the interval to 4 s.
const LONGEST_INTERVAL_MS = 4_000;
const SETTINGS = { 'exavault.watch.intervalMinutes': QUICK_PACE.shortestIntervalMs / 60_000, 'exavault.watch.maxShareOfAllowance': 1 };
/**
 * Polls counted before judging who polls: they span two of the other window's lease heartbeats (2 s
 * under the quick pace), at each of which it would take the lease if it were free.
 */
const POLLS = Math.ceil((2 * QUICK_PACE.heartbeatMs) / QUICK_PACE.shortestIntervalMs) + 1;
const ACCOUNT = 'twowindows';

/** The watch's requests at the server: its polls ask in date order, which nothing else these windows do asks for. */
const watchRequests = (server: RunningExaVaultServer): LoggedRequest[] =>
  server.requests().filter(({ path, query }) => path.startsWith('/api/v2/activity/') && query.sort === 'date');

/**
 * The watch's requests by poller, counted by its session log's (one a poll). While nothing new is
 * logged, a poller asks a log from the same time at every poll: when it started watching, or where
 * the record says the polls before it got to (a time per log: the two logs' differ), so its session
 * `startDate` names it at the server (two windows never start in the same millisecond).
 */
function requestsByPoller(requests: readonly LoggedRequest[]): Map<string, number> {
  const byStart = new Map<string, number>();
  for (const { query } of requests.filter(({ path }) => path.endsWith('/session'))) {
    const key = query.startDate ?? '';
    byStart.set(key, (byStart.get(key) ?? 0) + 1);
  }
  return byStart;
}

const incidentsPane = (page: Page) => page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Incidents"]') });

async function showIncidents(page: Page): Promise<void> {
  await runFromPalette(page, 'ExaVault: Focus on Incidents View');
  await incidentsPane(page).waitFor();
}

/** Watching turned on in the session's window, then a second window opened on it; the second says how it watches. */
async function watchInTwoWindows(session: UiSession, secondSays: string | RegExp): Promise<{ first: Page; second: Page }> {
  const first = session.page;
  await runFromPalette(first, 'ExaVault: Watch this Account');
  await first.locator('.notifications-toasts').getByText(new RegExp(`^Watching ${ACCOUNT}: about [\\d,]+ calls a day`)).waitFor();
  const second = await session.openWindow();
  await showIncidents(second);
  await incidentsPane(second).getByText(secondSays).waitFor({ timeout: 60_000 });
  return { first, second };
}

/** Counts the watch's requests at the server over POLLS polls of one poller's worth: by poller. */
async function pollersOver(server: RunningExaVaultServer): Promise<Map<string, number>> {
  server.resetStats();
  // Two logs: two requests a poll.
  await until(() => watchRequests(server).length >= 2 * POLLS, `${POLLS} polls at the server`, 3 * POLLS * LONGEST_INTERVAL_MS);
  return requestsByPoller(watchRequests(server));
}

/** A window's notifications about the account's failing endpoints, as its notification center lists them (toasts come and go). */
async function outageNotifications(page: Page) {
  const center = page.locator('.notifications-center');
  if (!await center.isVisible()) {
    await runFromPalette(page, 'Notifications: Show Notifications');
    await center.waitFor();
  }
  return center.locator('.notification-list-item-message', { hasText: `Endpoint failing on ${ACCOUNT}` });
}

const startServer = () => startExaVaultServer({ seed: 62, sessions: 100, webhooks: 50, accountName: ACCOUNT, dailyAllowance: 1_000_000 });
/** Both windows' environment: the account to import, and the watch's quick test pace. */
const quickWatch = (server: RunningExaVaultServer): WorkbenchOptions => {
  const options = importingAccount(server, SETTINGS);
  return { ...options, env: { ...options.env, [PACE_SWITCH_VARIABLE]: PACE_SWITCH_QUICK } };
};

describe('Watch in two windows of one browser profile', function () {
  this.timeout(240_000);
  let server: RunningExaVaultServer;

  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());
  const session = useWorkbench('watch-windows', () => quickWatch(server));
  before(() => signIn(session().page, ACCOUNT));

  it('polls from one window only, tells of an outage in one notification over both, and the mute holds across a reload', async () => {
    const { first, second } = await watchInTwoWindows(session(), `Watching ${ACCOUNT} (another window polls it).`);
    const pollers = await pollersOver(server);
    assert.equal(pollers.size, 1, `polls at the server by poller: ${JSON.stringify([...pollers])}`);

    // Entries are logged to the second: what the server stamps from the next one on is after the watch started.
    const nextSecond = Math.floor(Date.now() / 1000) * 1000 + 1000;
    await until(() => Date.now() >= nextSecond, 'the next second');
    const outage = server.inject({ kind: 'outage', calls: 6, minutes: 0 });
    const endpoint = outage.subject.endpointUrl!;
    const listed = [await outageNotifications(first), await outageNotifications(second)];
    await Promise.any(listed.map((notifications) => notifications.first().waitFor({ timeout: 6 * LONGEST_INTERVAL_MS })));
    // Two more polls, which see the outage's entries again in their overlap, and two more heartbeats of the other window.
    const seen = watchRequests(server).length;
    await until(() => watchRequests(server).length >= seen + 2 * 2, 'two more polls', 6 * LONGEST_INTERVAL_MS);
    const told = (await Promise.all(listed.map((notifications) => notifications.allTextContents()))).flat();
    assert.deepEqual(told, [`Endpoint failing on ${ACCOUNT}: ${endpoint}`]);
    await second.close();

    // Muted from its notification; a second outage, on another endpoint, is not.
    assert.equal(await listed[0]!.count(), 1, 'the window that polls, the first, tells of it');
    await first.locator('.notifications-center .notification-list-item', { hasText: endpoint }).getByRole('button', { name: 'Mute for 1 Hour' }).click();
    const other = [...new Set(server.webhooks.map((call) => call.attributes.endpointUrl as string | undefined))].find((url) => url && url !== endpoint)!;
    server.inject({ kind: 'outage', endpointUrl: other, calls: 6, minutes: 0 });
    await showIncidents(first);
    const row = (page: Page, url: string) => incidentsPane(page).locator('.monaco-list-row', { hasText: `Endpoint failing: ${url}` });
    await row(first, other).waitFor({ timeout: 6 * LONGEST_INTERVAL_MS });
    assert.equal(await row(first, endpoint).count(), 0, 'muted before the reload');

    await session().reload();
    await showIncidents(first);
    // Positive control: the incidents are read back after the reload (the unmuted one is listed).
    await row(first, other).waitFor({ timeout: 60_000 });
    assert.equal(await row(first, endpoint).count(), 0, 'still muted after the reload');
  });
});

describe('Watch in two windows with the lease switched off (the control)', function () {
  this.timeout(240_000);
  let server: RunningExaVaultServer;

  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());
  const session = useWorkbench('watch-windows-no-lease', (): WorkbenchOptions => {
    const options = quickWatch(server);
    return { ...options, env: { ...options.env, [LEASE_SWITCH_VARIABLE]: LEASE_SWITCH_OFF } };
  });
  before(() => signIn(session().page, ACCOUNT));

  it('polls from both windows, counted at the server', async () => {
    const { second } = await watchInTwoWindows(session(), new RegExp(`^Watching ${ACCOUNT}: about [\\d,]+ calls a day`));
    const pollers = await pollersOver(server);
    assert.equal(pollers.size, 2, `polls at the server by poller: ${JSON.stringify([...pollers])}`);
    await second.close();
  });
});
