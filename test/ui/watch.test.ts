// Watching as the user sees it: an outage the server injects on a watched account is told by one
// notification (never one per entry, nor again at the next polls), and its Show Evidence opens the
// query panel on exactly the incident's entries, compared with the server's record of what it injected.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startExaVaultServer, type InjectedIncident, type RunningExaVaultServer } from '../../server/index';
import { displayText } from '../../src/activity/displayText';
import { PACE_SWITCH_QUICK, PACE_SWITCH_VARIABLE, QUICK_PACE } from '../../src/watchView/paceSwitch';
import { attachPanel, rowCell, rowCount, until } from './queryPanelHelpers';
import { importingAccount, runFromPalette, screenshot, signIn, useWorkbench, type WorkbenchOptions } from './workbench';

// The window runs under the watch's quick test pace: polls every second, on a server whose allowance is
// large enough that the share never stretches that; until the account's allowance is known (its first
// poll), the default one stretches the interval to 4 s.
const LONGEST_INTERVAL_MS = 4_000;

const toasts = (page: Page) => page.locator('.notifications-toasts .notification-toast', { hasText: 'Endpoint failing on watchui' });

describe('Watch in the workbench', function () {
  this.timeout(120_000);
  let server: RunningExaVaultServer;

  before(async () => {
    server = await startExaVaultServer({ seed: 61, sessions: 100, webhooks: 50, accountName: 'watchui', dailyAllowance: 1_000_000 });
  });
  after(() => server?.close());
  const session = useWorkbench('watch', (): WorkbenchOptions => {
    const options = importingAccount(server, { 'exavault.watch.intervalMinutes': QUICK_PACE.shortestIntervalMs / 60_000, 'exavault.watch.maxShareOfAllowance': 1 });
    return { ...options, env: { ...options.env, [PACE_SWITCH_VARIABLE]: PACE_SWITCH_QUICK } };
  });
  before(() => signIn(session().page, 'watchui'));

  it('tells of an outage in one notification, whose Show Evidence opens the panel on exactly the incident\'s entries', async () => {
    const { page } = session();
    await runFromPalette(page, 'ExaVault: Watch this Account');
    await page.locator('.notifications-toasts').getByText(/^Watching watchui: about [\d,]+ calls a day/).waitFor();
    // Its first poll, counted at the server: the entries that come from here on are new to the watch.
    const before = server.stats().requests;
    await until(() => server.stats().requests >= before + 2, 'the watch\'s first poll', 4 * LONGEST_INTERVAL_MS);
    // Entries are logged to the second: what the server stamps from the next one on is after the watch started.
    const nextSecond = Math.floor(Date.now() / 1000) * 1000 + 1000;
    await until(() => Date.now() >= nextSecond, 'the next second');
    const outage: InjectedIncident = server.inject({ kind: 'outage', calls: 6, minutes: 0 });

    await toasts(page).first().waitFor({ timeout: 6 * LONGEST_INTERVAL_MS });
    // Two more polls, which see the outage's entries again in their overlap: still one notification.
    const seen = server.stats().requests;
    await until(() => server.stats().requests >= seen + 4, 'two more polls', 6 * LONGEST_INTERVAL_MS);
    assert.equal(await toasts(page).count(), 1);
    await screenshot(page, 'watch-notification');

    await toasts(page).getByRole('button', { name: 'Show Evidence' }).click();
    const panel = await attachPanel(page, 'Webhook Calls');
    assert.equal(panel.first.state, 'done', panel.first.status);
    assert.equal(panel.first.count, rowCount(outage.entries.length));
    const expected = outage.entries.map(({ id }) => server.webhooks.find((call) => call.id === id)!.attributes.resourcePath as string | undefined ?? '');
    const shown: string[] = [];
    for (let row = 0; row < outage.entries.length; row++) {
      shown.push((await rowCell(panel.frame, row, 'resource').textContent()) ?? '');
    }
    assert.deepEqual(shown.sort(), expected.map((path) => displayText(path, 300)).sort());
  });
});
