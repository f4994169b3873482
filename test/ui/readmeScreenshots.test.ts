// The README's screenshots (scripts/screenshots.ts copies them to docs/), taken from the demo's own
// account as a newcomer meets it: the sidebar over its newest hours, the failed-login burst and the
// webhook endpoint failing call after call in the query panel, a week of charts, a file opened, the
// file deleted after two colleagues downloaded it, and a saved search. Each must differ from the others.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNT, DEMO_SETTINGS } from '../../scripts/lib/demoAccount';
import { SAMPLE_FILES, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { openQueryPanel, rowCells, searchAll } from './queryPanelHelpers';
import { poll, setPaneExpanded, shownGroups, signedIn } from './sidebarHelpers';
import { palette, pickRows } from './uiSteps';
import { accountEnvironment, answer, quickInput, runFromPalette, screenshot, useWorkbench } from './workbench';

const HOUR = 3_600_000;
const time = (entry: { attributes: { created?: string } }): number => Date.parse(entry.attributes.created!);

/** The demo's latest stories, found in its data (server/generate tells them within the last hours). */
function latestStory(server: RunningExaVaultServer) {
  const since = Date.now() - 24 * HOUR;
  const sessions = server.sessions.filter((entry) => time(entry) > since);
  const failedFrom = new Map<string, number>();
  for (const entry of sessions.filter((candidate) => candidate.attributes.status === 'failed')) {
    failedFrom.set(entry.attributes.ipAddress!, (failedFrom.get(entry.attributes.ipAddress!) ?? 0) + 1);
  }
  const [attackerIp] = [...failedFrom].sort((a, b) => b[1] - a[1])[0] ?? [];
  const failedCalls = new Map<string, number>();
  for (const call of server.webhooks.filter((candidate) => time(candidate) > since && ((candidate.attributes.status ?? 200) < 200 || (candidate.attributes.status ?? 200) >= 300))) {
    failedCalls.set(call.attributes.endpointUrl!, (failedCalls.get(call.attributes.endpointUrl!) ?? 0) + 1);
  }
  const [failingEndpoint] = [...failedCalls].sort((a, b) => b[1] - a[1])[0] ?? [];
  const downloaded = new Set(server.sessions.filter((entry) => entry.attributes.operation === 'RETR').map((entry) => entry.attributes.fileName));
  const deletedPath = sessions.find((entry) => entry.attributes.operation === 'DELE' && downloaded.has(entry.attributes.fileName))?.attributes.fileName;
  assert.ok(attackerIp && failingEndpoint && deletedPath, `the demo's data tells its story in the last 24 hours: ${JSON.stringify({ attackerIp, failingEndpoint, deletedPath })}`);
  return { attackerIp, failingEndpoint, deletedPath };
}

/** Waits until `locator`'s box lies wholly inside the window, so that the screenshot shows all of it. */
async function whollyShown(page: Page, what: string, box: () => Promise<{ x: number; y: number; width: number; height: number } | null>): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const inside = await poll(box, (shown) => shown !== null && shown.x >= 0 && shown.y >= 0 && shown.x + shown.width <= width && shown.y + shown.height <= height);
  assert.ok(inside, `${what} lies inside the window`);
}

describe('README screenshots, from the demo account', function () {
  let server: RunningExaVaultServer;
  let story: ReturnType<typeof latestStory>;
  const taken: string[] = [];
  before(async function () {
    this.timeout(60_000);
    server = await startExaVaultServer({ ...DEMO_ACCOUNT });
    story = latestStory(server);
  });
  after(() => server.close());
  const session = useWorkbench('readme-screenshots', () => ({
    env: accountEnvironment(server),
    settings: DEMO_SETTINGS,
  }));

  it('sidebar-sessions: the Sessions view over the newest entries', async () => {
    const { page } = session();
    await signedIn(page, server);
    await setPaneExpanded(page, 'Webhook Calls', false);
    await setPaneExpanded(page, 'Sessions', true);
    await poll(() => shownGroups(page, 'Sessions'), (groups) => groups.length >= 3);
    taken.push(await screenshot(page, 'sidebar-sessions'));
  });

  it('panel-sessions: the failed-login burst, one address\'s logins in the last 24 hours', async () => {
    const { page } = session();
    const panel = await openQueryPanel(page, 'Session Logs');
    await panel.frame.locator('#filter-ipAddress').fill(story.attackerIp);
    await searchAll(panel, () => panel.frame.locator('#filter-ipAddress').press('Enter'));
    // The charts drawn from this search's rows: one address among the top ones.
    const topAddresses = panel.frame.locator('#chart-top-ip').locator('xpath=..').locator('button.top-item:not([hidden])');
    const shown = await poll(() => topAddresses.allTextContents(), (texts) => texts.length === 1 && texts[0]!.includes(story.attackerIp));
    assert.ok(shown.length === 1 && shown[0]!.includes(story.attackerIp), `top addresses: ${JSON.stringify(shown)}`);
    taken.push(await screenshot(page, 'panel-sessions'));
  });

  it('panel-charts: a week of sessions, charted', async () => {
    const { page } = session();
    const panel = await openQueryPanel(page, 'Session Logs');
    await searchAll(panel, () => panel.frame.locator('#range').selectOption('week'));
    await panel.frame.locator('#chart-top-user').locator('xpath=..').locator('button.top-item:not([hidden])').first().waitFor();
    taken.push(await screenshot(page, 'panel-charts'));
  });

  it('panel-webhooks: the endpoint that failed call after call, a call\'s details', async () => {
    const { page } = session();
    // The panel opens over the sidebar's window (7 days here): more calls than the cost question's
    // limit for every webhook call. The first page is enough before the endpoint filter narrows it.
    const panel = await openQueryPanel(page, 'Webhook Calls', 'Stop Here');
    await panel.frame.locator('#filter-endpointUrl').fill(story.failingEndpoint);
    await searchAll(panel, () => panel.frame.locator('#filter-endpointUrl').press('Enter'));
    await rowCells(panel.frame, 0).first().click();
    await panel.frame.locator('.details dd .value').first().waitFor();
    taken.push(await screenshot(page, 'panel-webhooks'));
  });

  it('resource-text: a file of the account, opened read-only', async () => {
    const { page } = session();
    await runFromPalette(page, 'ExaVault: Open Path...');
    await answer(page, SAMPLE_FILES.markdown);
    await page.locator('.editor-group-container.active .tab.active', { hasText: 'README.md' }).waitFor();
    await page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor();
    taken.push(await screenshot(page, 'resource-text'));
  });

  it('resource-deleted: the file deleted after two colleagues downloaded it, its message whole', async () => {
    const { page } = session();
    await runFromPalette(page, 'ExaVault: Open Path...');
    await answer(page, story.deletedPath);
    const message = page.locator('.notifications-toasts .notification-toast', { hasText: `${story.deletedPath} is no longer in the ExaVault account demo` });
    await message.getByRole('button', { name: 'Show Activity for this Path' }).waitFor();
    await whollyShown(page, 'the message', () => message.boundingBox());
    taken.push(await screenshot(page, 'resource-deleted'));
  });

  it('saved-searches-view: a search saved, in the Saved Searches view', async () => {
    const { page } = session();
    // The newest recent search, under the name proposed for it (what the search is).
    await palette(page, 'ExaVault: Save Search...');
    await pickRows(page).first().click();
    await quickInput(page).getByText('A name for the search', { exact: false }).waitFor();
    await quickInput(page).locator('input').first().press('Enter');
    await page.locator('.notifications-toasts').getByText(/^Saved the search as ".*"\. It is in the Saved Searches view\.$/).waitFor();
    const savedSearches = page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Saved Searches"]') });
    if (await savedSearches.locator('.pane-header').getAttribute('aria-expanded') === 'false') {
      await savedSearches.locator('.pane-header').click();
    }
    await savedSearches.locator('.monaco-list-row').first().waitFor();
    taken.push(await screenshot(page, 'saved-searches-view'));
  });

  it('took each one different from the others', () => {
    assert.equal(taken.length, 7, 'every screenshot above was taken');
    const hashes = taken.map((file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    assert.equal(new Set(hashes).size, taken.length, `identical screenshots among ${taken.join(', ')}`);
  });
});
