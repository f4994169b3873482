// Resend Failed Calls... in the real extension host, against a local server started here over the
// hand-written log of test/fixtures/resendCalls.ts: what the dialogs and notifications say, and what
// the server received again, counted there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { ResendReport } from '../../src/webhooks/resendCalls';
import type { ResendFailedCallsArgs } from '../../src/webhooks/resendFailedArgs';
import type { ActivityNode } from '../../src/treeViews/nodes';
import type { WebhookCall } from '../../src/api/models';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { replaceWindow } from '../support/replaceWindow';
import { DUE_WHEN_FORGOTTEN, ENDPOINT, FROM, NOW, RESEND_FIXTURE, TO } from '../fixtures/resendCalls';
import { applySettings, resetSettings } from './settings';


/** What the user was shown: the modal question with its detail, and the notifications. */
interface Shown {
  questions: { message: string; detail: string | undefined; buttons: string[] }[];
  notices: string[];
}

describe('Resend Failed Calls in the extension host', function () {
  let server: RunningExaVaultServer;
  let api: ExaVaultApi;
  let restore: (() => void)[] = [];
  const config = () => vscode.workspace.getConfiguration('exavault');
  const args: ResendFailedCallsArgs = { endpointUrl: ENDPOINT, range: { from: FROM, to: TO } };
  const resentIds = () => server.resends().map((record) => record.activityId);
  const resendPosts = () => Object.entries(server.stats().byPath).filter(([path]) => path.startsWith('/api/v2/webhooks/resend/'));

  before(async () => {
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
  });
  // Each test gets the log as written: a resend changes what the next plan finds.
  beforeEach(async () => {
    server = await startExaVaultServer({ fixture: { sessions: [], webhooks: RESEND_FIXTURE }, now: new Date(NOW), accountName: 'resend' });
    await api.store.removeAll();
    await api.store.add({ label: 'resend', accountName: 'resend', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken });
  });
  afterEach(async () => {
    restore.forEach((undo) => undo());
    restore = [];
    await config().update('webhooks.resendCap', undefined, vscode.ConfigurationTarget.Global);
    await api.store.removeAll();
    await server.close();
  });

  /**
   * Answers the modal question with `answer` (its button, or undefined for Cancel), and records every notification; progress runs as it would, its Cancel pressed after `cancelAfter` results.
   */
  function watchWindow(answer: (buttons: string[]) => string | undefined, options: { cancelAfter?: number } = {}): Shown {
    const shown: Shown = { questions: [], notices: [] };
    const notice = (async (message: string) => {
      shown.notices.push(message);
      return undefined;
    }) as never;
    restore.push(
      replaceWindow('showWarningMessage', (async (message: string, ...rest: unknown[]) => {
        const [first, ...others] = rest;
        if (typeof first === 'object' && first !== null && (first as vscode.MessageOptions).modal) {
          const buttons = others as string[];
          shown.questions.push({ message, detail: (first as vscode.MessageOptions).detail, buttons });
          return answer(buttons);
        }
        shown.notices.push(message);
        return undefined;
      }) as never),
      replaceWindow('showInformationMessage', notice),
      replaceWindow('showErrorMessage', notice),
    );
    if (options.cancelAfter !== undefined) {
      const cancelAfter = options.cancelAfter;
      restore.push(replaceWindow('withProgress', (async (_options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<unknown>) => {
        const source = new vscode.CancellationTokenSource();
        let reports = 0;
        try {
          return await task({ report: () => {
            if (++reports === cancelAfter) {
              source.cancel();
            }
          } }, source.token);
        } finally {
          source.dispose();
        }
      }) as never));
    }
    return shown;
  }

  const run = (target: ResendFailedCallsArgs | ActivityNode<WebhookCall> = args) =>
    vscode.commands.executeCommand<ResendReport | undefined>('exavault.resendFailedCalls', target);
  const due = DUE_WHEN_FORGOTTEN.length;

  it('asks first, naming the endpoint, the count and the range; Cancel sends nothing (positive control: confirming sends exactly those calls)', async () => {
    const declined = watchWindow(() => undefined);
    assert.equal(await run(), undefined);
    assert.equal(declined.questions.length, 1);
    const [question] = declined.questions;
    assert.equal(question!.message, `Resend ${due} failed calls to ${ENDPOINT}?`);
    assert.deepEqual(question!.buttons, [`Resend ${due}`]);
    assert.match(question!.detail ?? '', new RegExp(`^9 calls failed to ${ENDPOINT.replace(/\./g, '\\.')} between .+ and .+; 2 already delivered since \\(resent or retried\\) are skipped; 2 repeated attempts of an event sent once; ${due} to send\\.`));
    assert.deepEqual(resendPosts(), []);
    assert.deepEqual(resentIds(), []);
    assert.deepEqual(declined.notices, []);
    restore.forEach((undo) => undo());
    restore = [];

    const confirmed = watchWindow((buttons) => buttons[0]);
    const report = await run();
    assert.equal(report?.sent, due);
    assert.deepEqual(resentIds(), DUE_WHEN_FORGOTTEN);
    assert.equal(resendPosts().length, due);
    assert.deepEqual(confirmed.notices, [`Sent ${due}.`]);

    // What was sent is remembered, and the resends are in the log: nothing is left to send.
    const again = watchWindow((buttons) => buttons[0]);
    assert.equal(await run(), undefined);
    assert.deepEqual(again.questions, []);
    assert.match(again.notices[0] ?? '', /^Nothing to resend: 9 calls failed to .+; 0 to send\.$/);
    assert.equal(resentIds().length, due);
  });

  it('sends no more than the cap, and says so in the question', async () => {
    await config().update('webhooks.resendCap', 2, vscode.ConfigurationTarget.Global);
    const shown = watchWindow((buttons) => buttons[0]);
    const report = await run();
    assert.equal(shown.questions[0]!.message, `Resend 2 failed calls to ${ENDPOINT}?`);
    assert.match(shown.questions[0]!.detail ?? '', new RegExp(`2 to send now \\(the cap per run\\), ${due - 2} left for another run\\..*At most 2 are sent per run`));
    assert.equal(report?.sent, 2);
    assert.deepEqual(resentIds(), DUE_WHEN_FORGOTTEN.slice(0, 2));
    assert.deepEqual(shown.notices, ['Sent 2.']);
  });

  it('never retries a failed resend: one POST for it, the others sent, the failure in the summary', async () => {
    // The first POST fails: a fault of resends alone, so the sidebar's own requests cannot use it up.
    server.setFaults({ resendErrors: 1 });
    const shown = watchWindow((buttons) => buttons[0]);
    const report = await run();
    assert.deepEqual([report?.sent, report?.failed, report?.notSent], [due - 1, 1, 0]);
    assert.equal(server.stats().byPath[`/api/v2/webhooks/resend/${DUE_WHEN_FORGOTTEN[0]}`], 1);
    assert.equal(resendPosts().length, due);
    assert.deepEqual(resentIds(), DUE_WHEN_FORGOTTEN.slice(1));
    assert.equal(shown.notices.length, 1);
    assert.match(shown.notices[0]!, new RegExp(`^Sent ${due - 1}, failed 1: .+\\.$`));
  });

  it('stops before the next call when Cancel is pressed during the sending, and says how many were not sent', async () => {
    // The look-up reports no progress; the sending reports once per call: Cancel after the second.
    const shown = watchWindow((buttons) => buttons[0], { cancelAfter: 2 });
    const report = await run();
    assert.deepEqual([report?.sent, report?.notSent, report?.stoppedBy], [2, due - 2, 'cancelled']);
    assert.deepEqual(resentIds(), DUE_WHEN_FORGOTTEN.slice(0, 2));
    assert.equal(resendPosts().length, 2);
    assert.deepEqual(shown.notices, [`Sent 2, not sent ${due - 2} (cancelled).`]);
  });

  it('runs on an endpoint group of the Webhook Calls view, over the sidebar\'s window (positive control: grouped by event, no group offers it)', async () => {
    // Generated calls, up to the server's now: the sidebar's 90 days hold them all.
    const generated = await startExaVaultServer({ seed: 31, sessions: 200, webhooks: 120, accountName: 'grouped' });
    await api.store.removeAll();
    await api.store.add({ label: 'grouped', accountName: 'grouped', baseUrl: generated.baseUrl }, { apiKey: generated.apiKey, accessToken: generated.accessToken });
    await applySettings({ 'sidebar.timeWindowHours': 2160, pageSize: 1000 });
    const view = api.views.webhooks;
    const groupRows = async () => {
      const rows = (await view.rows.getChildren()) ?? [];
      return Promise.all(rows.filter((row) => row.kind === 'group').map(async (row) => ({ row, item: await view.rows.getTreeItem(row) })));
    };
    try {
      assert.equal(await view.reload(), undefined);
      await vscode.commands.executeCommand('exavault.webhooks.groupByEvent');
      assert.ok((await groupRows()).length > 0);
      assert.ok((await groupRows()).every(({ item }) => item.contextValue === 'group'));
      await vscode.commands.executeCommand('exavault.webhooks.groupByEndpoint');
      const endpointGroups = (await groupRows()).filter(({ item }) => item.contextValue === 'group.endpoint');
      const failing = endpointGroups.find(({ row }) => row.kind === 'group' && row.group.failed > 0);
      assert.ok(failing && failing.row.kind === 'group', 'an endpoint with failed calls');
      const shown = watchWindow(() => undefined);
      generated.resetStats();
      await run(failing.row as ActivityNode<WebhookCall>);
      const asked = shown.questions[0]?.message ?? shown.notices[0] ?? '';
      assert.ok(asked.includes(failing.row.group.endpointUrl!), asked);
      assert.ok(generated.stats().byPath['/api/v2/activity/webhooks']! >= 1, 'the failed calls were looked for');
      assert.deepEqual(Object.keys(generated.stats().byPath).filter((path) => path.includes('/resend/')), []);
      assert.deepEqual(generated.resends(), []);
    } finally {
      await vscode.commands.executeCommand('exavault.webhooks.groupByEvent');
      await resetSettings(['sidebar.timeWindowHours', 'pageSize']);
      await api.store.removeAll();
      await generated.close();
    }
  });
});
