// Trace Path History in the real extension host, against a local server started right here whose log
// is large enough to tell whole file lives: the document the user sees is compared with the lives the
// server's generator recorded (never with the tracer run again), and its calls counted at the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { PathHistory } from '../../src/activity/correlate/pathHistory';
import { formatTime } from '../../src/activity/format';
import { resourceUri } from '../../src/resources/resourceUri';
import { waitUntil } from '../support/waitUntil';
import { startExaVaultServer, type FileHistory, type FileStep, type RunningExaVaultServer } from '../../server/index';
import { applySettings, resetSettings } from './settings';

// Not UTC nor, on a usual test machine, the local zone: the times shown must follow the setting.
const ZONE = 'Asia/Kathmandu';

describe('Trace Path History in the extension host', function () {
  this.timeout(60_000);
  let server: RunningExaVaultServer;
  let api: ExaVaultApi;
  let accountId: string;
  const config = () => vscode.workspace.getConfiguration('exavault');
  const last = (life: FileHistory) => life.steps.at(-1)!;

  before(async () => {
    server = await startExaVaultServer({ seed: 31, sessions: 1500, webhooks: 50, accountName: 'pathhistory' });
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await applySettings({ pageSize: 1000, timeZone: ZONE });
    await api.store.removeAll();
    accountId = (await api.store.add({ label: 'pathhistory', accountName: 'pathhistory', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken })).id;
    // The sidebar loads the new account's log: done here, so the server counts only the traces' calls.
    assert.equal(await api.views.sessions.reload(), undefined);
    assert.equal(await api.views.webhooks.reload(), undefined);
  });
  after(async () => {
    await api.store.removeAll();
    await resetSettings(['pageSize', 'timeZone', 'pathHistory.maxCalls']);
    await server.close();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  /** Runs the command on `argument`: the history it returns, the text it shows (naming the calls), and the /api/v2 requests it took. */
  const tracePathHistory = async (argument: unknown) => {
    const before = server.stats().requests;
    const history = await vscode.commands.executeCommand<PathHistory | undefined>('exavault.tracePathHistory', argument);
    const requests = server.stats().requests - before;
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.uri.scheme, 'exavault-path-history');
    // The same path traced again shows in the same document, whose text VS Code reloads a moment later.
    const thisTrace = () => document.getText().split('\n').includes(`${requests} API calls.`);
    await waitUntil(`the document to name this trace's ${requests} calls, in:\n${document.getText()}`, thisTrace);
    return { history, requests, text: document.getText() };
  };

  /** Each recorded step on a line of its own, in order: when (in the zone set), the path it came from and the one it is about, who. */
  const assertNamesEachStep = (text: string, recorded: FileStep[]) => {
    const lines = text.split('\n');
    const names = (line: string, step: FileStep) => line.startsWith(formatTime(step.created, ZONE)) && line.includes(step.path) && line.includes(step.source)
      && (line.endsWith(` by ${step.username}`) || line.includes(` by ${step.username}, `));
    let from = 0;
    for (const step of recorded) {
      const index = lines.findIndex((line, i) => i >= from && names(line, step));
      assert.ok(index >= 0, `${step.operation} ${step.path} by ${step.username}, after line ${from}, in:\n${text}`);
      from = index + 1;
    }
  };

  it('tells a moved file\'s life from its upload to its deletion, from the query panel\'s row, with the calls it took', async () => {
    const life = server.fileHistories.find((candidate) => candidate.ended?.path === last(candidate).path);
    assert.ok(life, 'the generator told a moved file deleted');
    const { history, requests, text } = await tracePathHistory({ accountId, path: life.steps[0]!.path });
    assert.ok(history);
    assertNamesEachStep(text, [...life.steps, life.ended!]);
    assert.ok(requests > 0);
    assert.ok(text.split('\n').includes(`${requests} API calls.`), text);
    assert.ok(!text.includes('Stopped at the cap'), 'positive control of the cap test');
  });

  it('tells a file gone with its folder, from the file\'s exavault: URI', async () => {
    const life = server.fileHistories.find((candidate) => candidate.ended && candidate.ended.path !== last(candidate).path);
    assert.ok(life, 'the generator told a folder deleted with a file in it');
    const { requests, text } = await tracePathHistory(resourceUri(accountId, last(life).path));
    assertNamesEachStep(text, [...life.steps, life.ended!]);
    assert.ok(text.split('\n').includes(`${requests} API calls.`), text);
  });

  it('stops at the calls the setting allows, and says so', async () => {
    const CAP = 5;
    const life = server.fileHistories.find((candidate) => candidate.ended?.path === last(candidate).path)!;
    await config().update('pathHistory.maxCalls', CAP, vscode.ConfigurationTarget.Global);
    const { history, requests, text } = await tracePathHistory({ accountId, path: life.steps[0]!.path });
    assert.equal(requests, CAP);
    assert.equal(history?.capped, true);
    assert.ok(text.split('\n').includes(`${CAP} API calls.`), text);
    assert.match(text, new RegExp(`Stopped at the cap of ${CAP} API calls \\(setting exavault\\.pathHistory\\.maxCalls\\)`));
    // Positive control: with the default cap, the same trace needs more calls than that, and ends.
    await config().update('pathHistory.maxCalls', undefined, vscode.ConfigurationTarget.Global);
    const uncapped = await tracePathHistory({ accountId, path: life.steps[0]!.path });
    assert.ok(uncapped.requests > CAP, `${uncapped.requests} calls`);
    assert.equal(uncapped.history?.ended, true);
  });
});
