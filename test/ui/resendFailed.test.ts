// Resend Failed Calls from the query panel, as a person does it, in the real workbench against the
// local server: the question names the endpoint and the count, Cancel sends nothing, and confirming
// sends exactly the count asked about, counted at the server.
import * as assert from 'node:assert/strict';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import type { WebhookEntryWire } from '../../src/api/wire';
import { inLastRange, openQueryPanel, rowCells, searchAll, signIn } from './queryPanelHelpers';
import { importingAccount, runFromPalette, useWorkbench } from './workbench';

// The query panel tests' account: its data keeps clear of the 90 days' boundary.
const SEED = 9;
const QUARTER_MS = 90 * 86_400_000;

/** Failed as the API notes say: an answer of 400 or more, or none (0 or a curl error number). */
const failed = (call: WebhookEntryWire) => typeof call.attributes.status === 'number' && (call.attributes.status >= 400 || call.attributes.status < 100);

describe('resending an endpoint\'s failed calls from the query panel', function () {
  let server: RunningExaVaultServer;
  let serverStart: number;
  before(async () => {
    serverStart = Date.now();
    server = await startExaVaultServer({ seed: SEED, sessions: 300, webhooks: 200, accountName: 'acme', now: new Date(serverStart) });
  });
  after(() => server.close());

  const session = useWorkbench('resend-failed', () => importingAccount(server, { 'exavault.pageSize': 1000 }));
  before(() => signIn(session().page, 'acme'));

  it('asks with the endpoint and the count, sends nothing on Cancel, and sends exactly that count on Resend', async () => {
    const { page } = session();
    // One failure nothing delivered since, for sure: a call of a v2 listener failing now on a file of its own.
    const model = server.webhooks.find((call) => call.attributes.webhookFormat === 'v2')!;
    const nextId = Math.max(...server.webhooks.map((call) => call.id)) + 1;
    server.arrive({ webhooks: [{ ...model, id: nextId, attributes: {
      ...model.attributes, status: 500, resend: false, resourcePath: '/resend-test/never-delivered.csv', created: new Date(Date.now() - 60_000).toISOString(),
    } }] });
    const endpoint = model.attributes.endpointUrl!;
    const calls = inLastRange<WebhookEntryWire>(server.webhooks, QUARTER_MS, serverStart);

    const panel = await openQueryPanel(page, 'Webhook Calls');
    const { frame } = panel;
    await frame.locator('#filter-endpointUrl').fill(endpoint);
    await searchAll(panel, () => frame.locator('#filter-endpointUrl').press('Enter'));
    await searchAll(panel, () => frame.locator('#range').selectOption('quarter'));
    await rowCells(frame, 0).first().click();
    await frame.locator('.details h2').waitFor();

    const resendPosts = () => Object.entries(server.stats().byPath).filter(([path]) => path.includes('/webhooks/resend/'));
    const dialog = page.locator('.monaco-dialog-box');
    const ask = async () => {
      await frame.locator('.details button', { hasText: 'Resend Failed Calls to this Endpoint...' }).click();
      const question = dialog.locator('.dialog-message-text');
      await question.waitFor();
      const match = new RegExp(`^Resend (\\d+) failed calls to ${endpoint.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?$`).exec(await question.textContent() ?? '');
      assert.ok(match, await question.textContent() ?? '');
      return Number(match[1]);
    };

    server.resetStats();
    const count = await ask();
    assert.ok(count > 0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(resendPosts(), [], 'Cancel sends nothing');
    assert.deepEqual(server.resends(), []);

    // Positive control: the same question answered Resend sends exactly the count it named.
    assert.equal(await ask(), count);
    await dialog.getByRole('button', { name: `Resend ${count}` }).click();
    // The summary is a notification: a toast, or only in the notification center when the workbench
    // shows no toast for it (seen in about four runs of five here, right after the sending's progress
    // notification closes), which is where the user then finds it, under the status bar's bell.
    const summary = page.locator('.notification-list-item-message', { hasText: /^Sent / }).first();
    await summary.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => runFromPalette(page, 'Notifications: Show Notifications'));
    await summary.waitFor({ state: 'attached' });
    assert.equal(await summary.textContent(), `Sent ${count}.`);
    assert.equal(server.resends().length, count);
    assert.equal(resendPosts().length, count);
    assert.ok(resendPosts().every(([, posts]) => posts === 1), 'each call POSTed once');
    const ids = new Set(server.resends().map((record) => record.activityId));
    assert.ok(calls.filter((call) => ids.has(call.id)).every((call) => call.attributes.endpointUrl === endpoint && failed(call)), 'only failed calls to that endpoint');
  });
});
