// Correlation commands in the real extension host, against the local server started right here:
// each verdict is compared with the cause the server's generator recorded, and the calls it spent counted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { CauseVerdict } from '../../src/activity/correlate/causedBy';
import type { TriggeredCalls } from '../../src/activity/correlate/triggeredCalls';
import { TRIGGERED_WINDOW_MS } from '../../src/activity/correlate/triggeredCalls';
import type { SessionStory } from '../../src/activity/correlate/sessionStory';
import type { ActivityEntry, SessionEntry, WebhookCall } from '../../src/api/models';
import { OPERATIONS } from '../../src/api/wire';
import type { ActivityNode } from '../../src/treeViews/nodes';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { applySettings, resetSettings } from './settings';

describe('correlation commands in the extension host', function () {
  let server: RunningExaVaultServer;
  let api: ExaVaultApi;
  let calls: readonly WebhookCall[];
  let sessions: readonly SessionEntry[];
  const SETTINGS = { pageSize: 1000, 'sidebar.timeWindowHours': 2160 };

  before(async () => {
    server = await startExaVaultServer({ seed: 23, sessions: 400, webhooks: 150, accountName: 'correlate' });
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    // One page holds every entry, so the sidebar has rows of each kind to run the commands on.
    await applySettings(SETTINGS);
    await api.store.removeAll();
    await api.store.add({ label: 'correlate', accountName: 'correlate', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken });
    assert.equal(await api.views.webhooks.reload(), undefined);
    calls = api.views.webhooks.current!.entries;
    assert.equal(calls.length, server.webhooks.length);
    assert.equal(await api.views.sessions.reload(), undefined);
    sessions = api.views.sessions.current!.entries;
    assert.equal(sessions.length, server.sessions.length);
  });
  after(async () => {
    await api.store.removeAll();
    await resetSettings(SETTINGS);
    await server.close();
  });

  const row = (entry: ActivityEntry): ActivityNode<ActivityEntry> => ({
    viewId: (entry.kind === 'webhook' ? api.views.webhooks : api.views.sessions).presenter.viewId, id: `test-${entry.id}`, kind: 'entry', entry,
  });
  /** Show Cause on the call's row: the verdict, and the /api/v2 requests it took. */
  const showCause = async (call: WebhookCall) => {
    const before = server.stats().requests;
    const verdict = await vscode.commands.executeCommand<CauseVerdict | undefined>('exavault.showCause', row(call));
    return { verdict, requests: server.stats().requests - before };
  };
  const sessionTime = (id: number) => Date.parse(server.sessions.find((entry) => entry.id === id)!.attributes.created!);

  it('Show Cause finds the session entry the generator recorded, with one query', async () => {
    const caused = calls.filter((call) => call.format === 'v2' && !call.resend && server.causeOf(call.id) !== undefined);
    assert.ok(caused.length >= 3, `${caused.length} v2 calls with a cause`);
    for (const call of caused.slice(0, 5)) {
      const { verdict, requests } = await showCause(call);
      assert.equal(requests, 1);
      assert.ok(verdict && verdict.confidence !== 'none', verdict?.why);
      const cause = server.causeOf(call.id)!;
      // The match is the recorded cause, or (likely) a look-alike logged the same second.
      assert.ok(verdict.entry!.id === cause || (verdict.confidence === 'likely' && verdict.entry!.created === sessionTime(cause)), `${verdict.entry!.id} for ${cause}`);
    }
  });

  it('Show Cause says none was found for a call made through the API, with one query', async () => {
    const uncaused = calls.filter((call) => call.format !== 'legacy' && server.causeOf(call.id) === undefined);
    assert.ok(uncaused.length > 0);
    const { verdict, requests } = await showCause(uncaused[0]!);
    assert.equal(requests, 1);
    assert.equal(verdict?.confidence, 'none');
    assert.equal(verdict.entry, undefined);
  });

  it('Show Cause says a legacy call cannot be matched, without a request', async () => {
    const legacy = calls.find((call) => call.format === 'legacy');
    assert.ok(legacy);
    const { verdict, requests } = await showCause(legacy);
    assert.equal(requests, 0);
    assert.equal(verdict?.matchable, false);
    assert.match(verdict.why, /cannot be matched/);
  });

  it('Show Cause on anything but a webhook call does nothing', async () => {
    const before = server.stats().requests;
    assert.equal(await vscode.commands.executeCommand('exavault.showCause'), undefined);
    assert.equal(server.stats().requests, before);
  });

  /** Webhook Calls It Triggered on the entry's row: what it found, and the /api/v2 requests it took. */
  const showTriggered = async (entry: SessionEntry) => {
    const before = server.stats().requests;
    const found = await vscode.commands.executeCommand<TriggeredCalls | undefined>('exavault.showTriggeredCalls', row(entry));
    return { found, requests: server.stats().requests - before };
  };

  it('Webhook Calls It Triggered finds the calls the generator recorded for the entry, with one query', async () => {
    const recorded = (entry: SessionEntry) => server.webhooks.filter((call) => server.causeOf(call.id) === entry.id && call.attributes.webhookFormat !== undefined
      && Date.parse(call.attributes.created!) <= entry.created! + TRIGGERED_WINDOW_MS);
    const lookAlike = (entry: SessionEntry) => sessions.some((other) => other.id !== entry.id && other.username === entry.username
      && other.fileName === entry.fileName && other.operation === entry.operation && Math.abs(other.created! - entry.created!) <= TRIGGERED_WINDOW_MS);
    const causes = sessions.filter((entry) => recorded(entry).length > 0 && !lookAlike(entry));
    assert.ok(causes.length >= 2, `${causes.length} entries with calls`);
    for (const entry of causes.slice(0, 3)) {
      const expected = recorded(entry);
      const { found, requests } = await showTriggered(entry);
      assert.equal(requests, 1);
      assert.deepEqual(found!.calls.map((call) => call.id).sort(), expected.map((call) => call.id).sort());
      const failures = expected.filter((call) => (call.attributes.status ?? 200) >= 400 || (call.attributes.status ?? 200) < 100).length;
      assert.equal(found!.summary, failures === 0 ? `${expected.length} calls, none failed` : `${expected.length} calls, ${failures} failed`);
    }
  });

  it('Webhook Calls It Triggered makes no request for a login, which posts no event', async () => {
    const login = sessions.find((entry) => entry.operation === 'PASS')!;
    const { found, requests } = await showTriggered(login);
    assert.equal(requests, 0);
    assert.equal(found?.queried, false);
  });

  it('Show Session opens the connection\'s timeline, every logged entry of its sessionId in order, with one query', async () => {
    const entry = sessions.find((candidate) => !['PASS', 'EXIT'].includes(candidate.operation)
      && sessions.filter((other) => other.sessionId === candidate.sessionId).length >= 3)!;
    const logged = server.sessions.filter((other) => other.attributes.sessionId === entry.sessionId).reverse();
    const before = server.stats().requests;
    const story = await vscode.commands.executeCommand<SessionStory | undefined>('exavault.showSession', row(entry));
    assert.equal(server.stats().requests - before, 1);
    assert.deepEqual(story?.entries.map((found) => found.id), logged.map((found) => found.id));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'exavault-session');
    const text = editor.document.getText();
    assert.match(text, new RegExp(`^Session ${entry.sessionId}\nUser: ${entry.username}\n`));
    const [, body] = text.split('\n\n');
    const lines = body!.trim().split('\n');
    assert.equal(lines.length, logged.length);
    assert.ok(lines.every((line, i) => line.includes(OPERATIONS[logged[i]!.attributes.operation!]!)), lines.join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
