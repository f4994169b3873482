// Following a webhook call to its cause in the query panel, as a person does it, in the real
// workbench against the local server: what the details say is compared with the cause the server's
// generator recorded, and the calls it spent counted.
import * as assert from 'node:assert/strict';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { OPERATIONS, type WebhookEntryWire } from '../../src/api/wire';
import { attachPanel, inLastRange, openQueryPanel, rowCells, rowCount, searchAll, signIn } from './queryPanelHelpers';
import { importingAccount, useWorkbench } from './workbench';

// The query panel tests' account: its data keeps clear of the 90 days' boundary.
const SEED = 9;
const QUARTER_MS = 90 * 86_400_000;
const WINDOW_MS = 10_000;

describe('following a webhook call to its cause in the query panel', function () {
  let server: RunningExaVaultServer;
  let serverStart: number;
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ seed: SEED, sessions: 300, webhooks: 200, accountName: 'acme', now: new Date(serverStart) });
  });
  after(() => server.close());

  const session = useWorkbench('correlate', () => importingAccount(server, { 'exavault.pageSize': 1000 }));
  before(() => signIn(session().page, 'acme'));

  it('shows Caused by in a call\'s details, as recorded, with one query, and opens the session entry in one click', async () => {
    const { page } = session();
    const calls = inLastRange<WebhookEntryWire>(server.webhooks, QUARTER_MS, serverStart);
    const sameUserAndPath = (call: WebhookEntryWire) => calls.filter((other) => other.attributes.username === call.attributes.username
      && other.attributes.resourcePath === call.attributes.resourcePath);
    const sessionOf = (id: number) => server.sessions.find((entry) => entry.id === id)!;
    // A v2 call whose user and path have one recorded cause (every row the filters leave is its), with no look-alike seconds apart.
    const chosen = calls.find((call) => {
      const causeId = server.causeOf(call.id);
      if (call.attributes.webhookFormat !== 'v2' || causeId === undefined || new Set(sameUserAndPath(call).map((other) => server.causeOf(other.id))).size !== 1) {
        return false;
      }
      const cause = sessionOf(causeId);
      return !server.sessions.some((other) => other.id !== cause.id && other.attributes.username === cause.attributes.username
        && other.attributes.fileName === cause.attributes.fileName && other.attributes.operation === cause.attributes.operation
        && Math.abs(Date.parse(other.attributes.created!) - Date.parse(cause.attributes.created!)) <= 2 * WINDOW_MS);
    });
    assert.ok(chosen, `seed ${SEED} has no v2 call with a single recorded cause`);
    const cause = sessionOf(server.causeOf(chosen.id)!);
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
    const before = server.stats().requests;
    await frame.locator('.details button', { hasText: 'Show Cause' }).click();
    const finding = frame.locator('.details .finding');
    await finding.waitFor();
    assert.equal(server.stats().requests - before, 1, 'one session-log query');
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
