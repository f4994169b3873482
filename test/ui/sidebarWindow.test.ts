// The sidebar's time window, changed as most people change it: the views' "Sidebar Time Window..."
// button, not the setting. What the views show comes from the server's entries in each window.
import * as assert from 'node:assert/strict';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import type { SessionEntryWire } from '../../src/api/wire';
import { inLastRange } from './queryPanelHelpers';
import { expectedSessionGroups, setPaneExpanded, shownGroups, signedIn, totalOf, viewAction, waitForDescription, waitForServerGroups } from './sidebarHelpers';
import { pickRow } from './uiSteps';
import { importingAccount, quickInput, screenshot, useWorkbench } from './workbench';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 100;

describe('the sidebar\'s time window', function () {
  let server: RunningExaVaultServer;
  let serverStart: number;
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ seed: 5, sessions: 60, webhooks: 40, accountName: 'acme', now: new Date(serverStart) });
  });
  after(() => server.close());

  // No window in the settings: the default (24 hours) until the picker changes it.
  const session = useWorkbench('sidebar-window', () => importingAccount(server, { 'exavault.pageSize': PAGE_SIZE }));

  it('is picked from the views\' title bar: both views say it and load that window\'s entries', async () => {
    const { page } = session();
    const inLast = (rangeMs: number) => Math.min(PAGE_SIZE, inLastRange<SessionEntryWire>(server.sessions, rangeMs, serverStart).length);
    const [day, quarter] = [inLast(DAY_MS), inLast(90 * DAY_MS)];
    assert.ok(quarter > day, 'the last 90 days hold more sessions than the last 24 hours');
    await signedIn(page, server);
    await setPaneExpanded(page, 'Webhook Calls', false);
    await setPaneExpanded(page, 'Sessions', true);
    await waitForDescription(page, 'Sessions', 'last 24 h');
    assert.equal(await waitForServerGroups(page, 'Sessions', (count) => expectedSessionGroups(server, count), day), day);

    await viewAction(page, 'Sessions', 'Sidebar Time Window...');
    await quickInput(page).locator('.quick-input-title', { hasText: 'Time Window of the Sidebar' }).waitFor();
    // The window shown now is marked as such.
    await pickRow(page, 'Last 24 hours').filter({ hasText: 'shown now' }).waitFor();
    await pickRow(page, 'Last 90 days').click();

    await waitForDescription(page, 'Sessions', 'last 90 days');
    assert.equal(await waitForServerGroups(page, 'Sessions', (count) => expectedSessionGroups(server, count), quarter), quarter);
    assert.equal(totalOf(await shownGroups(page, 'Sessions')), quarter);
    // The other view follows (its description shows while it is unfolded).
    await setPaneExpanded(page, 'Webhook Calls', true);
    await waitForDescription(page, 'Webhook Calls', 'last 90 days');
    await screenshot(page, 'sidebar-time-window');
  });
});
