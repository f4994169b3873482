// A sidebar view's own filters, set as most people set them: the view's "Filter..." title action.
// What the view shows comes from the server's entries: a user the API filters on, a status class
// kept among what it loads.
import * as assert from 'node:assert/strict';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { normalizeWebhook } from '../../src/api/normalize';
import type { WebhookCall } from '../../src/api/models';
import type { WebhookEntryWire } from '../../src/api/wire';
import { inLastRange } from './queryPanelHelpers';
import { countBy, pane, setPaneExpanded, signedIn, viewAction, waitForDescription, waitForServerGroups, type GroupCounts } from './sidebarHelpers';
import { answer, importingAccount, quickInput, screenshot, useWorkbench } from './workbench';

const QUARTER_MS = 90 * 86_400_000;
const TITLE = 'Filter Webhook Calls';

describe('the sidebar\'s own filters', function () {
  let server: RunningExaVaultServer;
  let serverStart: number;
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ seed: 5, sessions: 20, webhooks: 80, accountName: 'acme', now: new Date(serverStart) });
  });
  after(() => server.close());

  // A window that holds every call, and pages larger than the log: each view loads its whole window.
  const session = useWorkbench('sidebar-filters', () => importingAccount(server, { 'exavault.pageSize': 100, 'exavault.sidebar.timeWindowHours': 2160 }));

  it('narrows a view to a user and a status class from its title bar, says so in its header, and Clear Filter restores it', async () => {
    const { page } = session();
    const calls = inLastRange<WebhookEntryWire>(server.webhooks, QUARTER_MS, serverStart).map(normalizeWebhook);
    const byEvent = (shown: readonly WebhookCall[]) => (): GroupCounts => countBy(shown, (call) => call.event || '?');
    const inServerErrors = (call: WebhookCall) => !call.noAnswer && call.status !== undefined && Math.floor(call.status / 100) === 5;
    // The user with the most 5xx calls: the filter then shows some, and hides that user's other calls.
    const [user] = countBy(calls.filter((call) => call.username && inServerErrors(call)), (call) => call.username!).sort((a, b) => b[1] - a[1])[0] ?? [];
    assert.ok(user, 'some 5xx calls have a user');
    const usersCalls = calls.filter((call) => call.username?.toLowerCase() === user.toLowerCase());
    const matching = usersCalls.filter(inServerErrors);
    assert.ok(usersCalls.length > matching.length, `${user} has calls of other statuses too`);

    await signedIn(page, server);
    await setPaneExpanded(page, 'Sessions', false);
    await setPaneExpanded(page, 'Webhook Calls', true);
    const description = (text: string) => waitForDescription(page, 'Webhook Calls', text);
    await description('last 90 days');
    assert.equal(await waitForServerGroups(page, 'Webhook Calls', byEvent(calls), calls.length), calls.length);
    const clearFilter = pane(page, 'Webhook Calls').locator('.pane-header .action-label[aria-label="Clear Filter"]');
    assert.equal(await clearFilter.count(), 0, 'no Clear Filter while nothing is filtered');

    await viewAction(page, 'Webhook Calls', 'Filter Webhook Calls...');
    // Events (none picked: every event), endpoint, status, resource path, user.
    await quickInput(page).locator('.quick-input-title', { hasText: `${TITLE} (1/5)` }).waitFor();
    await quickInput(page).locator('input').first().press('Enter');
    await answer(page, '', '2/5');
    // The status is checked as the search wizard checks it.
    await quickInput(page).locator('.quick-input-title', { hasText: '(3/5)' }).waitFor();
    await quickInput(page).locator('input').first().fill('4x');
    await quickInput(page).getByText('Enter a status such as 404 or a class such as 4xx').waitFor();
    await answer(page, '5xx', '3/5');
    await answer(page, '', '4/5');
    await answer(page, user, '5/5');

    const header = `status 5xx · user ${user} · ${matching.length} of ${usersCalls.length} loaded match · last 90 days`;
    await description(header);
    assert.equal(await pane(page, 'Webhook Calls').locator('.pane-header .description').textContent(), header);
    assert.equal(await waitForServerGroups(page, 'Webhook Calls', byEvent(matching), matching.length), matching.length);
    await clearFilter.waitFor({ state: 'attached' });
    await screenshot(page, 'sidebar-filters');

    await viewAction(page, 'Webhook Calls', 'Clear Filter');
    await description('last 90 days');
    assert.equal(await pane(page, 'Webhook Calls').locator('.pane-header .description').textContent(), 'last 90 days');
    assert.equal(await waitForServerGroups(page, 'Webhook Calls', byEvent(calls), calls.length), calls.length);
    await clearFilter.waitFor({ state: 'detached' });
  });
});
