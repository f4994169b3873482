// The sidebar views in the real extension host, against the local server started right here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { ExaVaultError } from '../../src/api/errors';
import type { ActivityEntry } from '../../src/api/models';
import type { ActivityView } from '../../src/treeViews/activityView';
import type { ActivityNode } from '../../src/treeViews/nodes';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { OPERATIONS } from '../../src/api/wire';
import { applySettings, resetSettings } from './settings';

const PAGE = 20;

async function rootItems<T extends ActivityEntry>(view: ActivityView<T>): Promise<{ node: ActivityNode<T>; item: vscode.TreeItem }[]> {
  const nodes = (await view.rows.getChildren()) ?? [];
  return Promise.all(nodes.map(async (node) => ({ node, item: await view.rows.getTreeItem(node) })));
}

const labelText = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('activity sidebar in the extension host', function () {
  let server: RunningExaVaultServer;
  let api: ExaVaultApi;
  const config = () => vscode.workspace.getConfiguration('exavault');

  before(async () => {
    server = await startExaVaultServer({ seed: 21, sessions: 300, webhooks: 120, accountName: 'integration', nonAdminAccessToken: 'ad'.repeat(32) });
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await applySettings({ pageSize: PAGE, 'sidebar.timeWindowHours': 2160 });
    await api.store.removeAll();
    await api.store.add({ label: 'integration', accountName: 'integration', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken });
  });
  after(async () => {
    await api.store.removeAll();
    await resetSettings(['pageSize', 'sidebar.timeWindowHours']);
    await server.close();
  });
  afterEach(() => server.clearFaults());

  const sessionIds = (view: ActivityView<ActivityEntry>) => view.current!.entries.map((e) => e.id);

  it('groups the first page by operation, in order of the newest entry, with counts', async () => {
    await api.views.sessions.reload();
    const expected = new Map<string, number>();
    for (const entry of server.sessions.slice(0, PAGE)) {
      const code = entry.attributes.operation!.toUpperCase();
      const label = `${OPERATIONS[code]} (${code})`;
      expected.set(label, (expected.get(label) ?? 0) + 1);
    }
    const rows = await rootItems(api.views.sessions);
    const groups = rows.filter((r) => r.node.kind === 'group').map((r) => [labelText(r.item), Number(String(r.item.description).split(' ')[0])]);
    assert.deepEqual(groups, [...expected.entries()]);
    assert.equal(rows.at(-1)!.node.kind, 'loadMore');
    // Inside a group, newest first, and every id stable across renders.
    const first = rows[0]!.node;
    const children = (await api.views.sessions.rows.getChildren(first))!;
    const created = children.map((c) => (c.kind === 'entry' ? c.entry.created! : 0));
    assert.deepEqual(created, [...created].sort((a, b) => b - a));
    assert.deepEqual((await rootItems(api.views.sessions)).map((r) => r.item.id), rows.map((r) => r.item.id));
  });

  it('loads more without repeats or gaps while new entries arrive, and merges them on refresh', async () => {
    await api.views.sessions.reload();
    const arrived = server.arrive({ sessions: 5 });
    await api.views.sessions.loadMore();
    const original = server.sessions.filter((s) => !arrived.sessions.some((a) => a.id === s.id)).map((s) => s.id);
    assert.deepEqual(sessionIds(api.views.sessions as never), original.slice(0, 2 * PAGE));
    await api.views.sessions.refresh();
    const ids = sessionIds(api.views.sessions as never);
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    assert.deepEqual(ids.slice(0, 5), arrived.sessions.map((s) => s.id));
    assert.deepEqual(ids.slice(5), original.slice(0, 2 * PAGE));
  });

  it('a time window changed while a reload runs wins: the reload ends with that window\'s entries', async () => {
    const HOURS = 240;
    const windowChanged = (hours: number) => new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('exavault.sidebar.timeWindowHours') && config().get('sidebar.timeWindowHours') === hours) {
          subscription.dispose();
          resolve();
        }
      });
    });
    // Slow enough that the reload is still waiting on its page when the change arrives, however busy
    // the machine; the start-over it causes runs with no latency (cleared below).
    server.setFaults({ latencyMs: 20_000 });
    let reloaded = false;
    const reload = api.views.sessions.reload().then(() => {
      reloaded = true;
    });
    try {
      const changed = windowChanged(HOURS);
      await config().update('sidebar.timeWindowHours', HOURS, vscode.ConfigurationTarget.Global);
      await changed;
      assert.equal(reloaded, false, 'the setting changed while the reload ran');
      server.clearFaults();
      await reload;
      const since = Date.now() - HOURS * 3_600_000;
      const inWindow = server.sessions.filter((s) => Date.parse(s.attributes.created!) >= since).map((s) => s.id);
      assert.ok(inWindow.length > PAGE && inWindow.length < server.sessions.length, `${inWindow.length} entries in the window`);
      assert.deepEqual(sessionIds(api.views.sessions as never), inWindow.slice(0, PAGE));
      // The window holds more than the page loaded: the header says so, with the new window.
      assert.match(api.views.sessions.treeView.description ?? '', new RegExp(`^${PAGE} loaded · newest .+ of 10 days$`));
    } finally {
      server.clearFaults();
      const restored = windowChanged(2160);
      await config().update('sidebar.timeWindowHours', 2160, vscode.ConfigurationTarget.Global);
      await restored;
      await api.views.sessions.reload();
    }
  });

  it('counts arrivals in the badge while the view is hidden, and clears it when the view is seen', async () => {
    const view = api.views.sessions.treeView;
    const visibility = (visible: boolean) => new Promise<void>((resolve) => {
      if (view.visible === visible) {
        resolve();
      }
      const subscription = view.onDidChangeVisibility((e) => e.visible === visible && (subscription.dispose(), resolve()));
    });
    // Its own starting point: the newest entries loaded, and no badge (the view seen), whatever ran
    // before: a refresh while the view was hidden, in an earlier test, counts in the badge too.
    await api.views.sessions.reload();
    await vscode.commands.executeCommand('exavault.sessions.focus');
    await visibility(true);
    assert.equal(view.badge?.value, undefined, 'no badge while the view is seen');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await visibility(false);
    server.arrive({ sessions: 3 });
    await api.views.sessions.refresh();
    assert.equal(view.badge?.value, 3);
    server.arrive({ sessions: 2 });
    await api.views.sessions.refresh();
    assert.equal(view.badge?.value, 5);
    await vscode.commands.executeCommand('exavault.sessions.focus');
    await visibility(true);
    assert.equal(view.badge, undefined);
  });

  it('narrows the view with "Filter to this User", and clears it', async () => {
    await api.views.sessions.reload();
    const [group] = await rootItems(api.views.sessions);
    const [node] = (await api.views.sessions.rows.getChildren(group!.node))!;
    const user = node!.kind === 'entry' ? node.entry.kind === 'session' && node.entry.username : '';
    await vscode.commands.executeCommand('exavault.filterToUser', node);
    const feed = api.views.sessions.current!;
    assert.deepEqual(feed.filters, { username: user });
    assert.ok(feed.entries.length > 0 && feed.entries.every((e) => e.username === user));
    assert.match(api.views.sessions.treeView.description ?? '', new RegExp(`^user ${user} · `));
    await vscode.commands.executeCommand('exavault.sessions.clearFilter');
    assert.deepEqual(api.views.sessions.current!.filters, {});
  });

  it('narrows the view to what failed with "Filter to Failures", and clears it', async () => {
    const view = api.views.webhooks;
    await view.reload();
    const shownIds = async () => {
      const ids: number[] = [];
      for (const { node } of await rootItems(view)) {
        for (const child of (await view.rows.getChildren(node)) ?? []) {
          if (child.kind === 'entry') {
            ids.push(child.entry.id);
          }
        }
      }
      return ids.sort((a, b) => a - b);
    };
    // Failed as the API notes say: an HTTP status of 400 or more, or none (a curl error number below 100).
    const failedOf = (calls: readonly ActivityEntry[]) => calls.filter((call) => call.kind === 'webhook' && (call.status === undefined || call.status < 100 || call.status >= 400))
      .map((call) => call.id).sort((a, b) => a - b);
    const loaded = view.current!.entries;
    const failed = failedOf(loaded);
    assert.ok(failed.length > 0 && failed.length < loaded.length, `the first page has failed and answered calls: ${failed.length} of ${loaded.length}`);
    // Positive control: before the filter, the view shows answered calls too.
    assert.equal((await shownIds()).length, loaded.length);
    const [group] = await rootItems(view);
    const [node] = (await view.rows.getChildren(group!.node))!;
    await vscode.commands.executeCommand('exavault.filterToFailures', node);
    assert.deepEqual(view.current!.filters, {}, 'no query parameter: failures are kept among the loaded calls');
    assert.deepEqual(await shownIds(), failedOf(view.current!.entries));
    assert.match(view.treeView.description ?? '', /^failed/i);
    await vscode.commands.executeCommand('exavault.webhooks.clearFilter');
    assert.equal((await shownIds()).length, view.current!.entries.length);
  });

  it('shows details as read-only JSON, and copies path and JSON', async () => {
    await api.views.sessions.reload();
    const entry = api.views.sessions.current!.entries.find((e) => e.fileName)!;
    const node = { kind: 'entry', id: `exavault.sessions/entry/${entry.id}`, entry };
    await vscode.commands.executeCommand('exavault.showDetails', node);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'exavault-details');
    assert.equal(editor.document.languageId, 'json');
    assert.equal(JSON.parse(editor.document.getText()).fileName, entry.fileName);
    await vscode.commands.executeCommand('exavault.copyPath', node);
    assert.equal(await vscode.env.clipboard.readText(), entry.fileName);
    await vscode.commands.executeCommand('exavault.copyAsJson', node);
    assert.equal(JSON.parse(await vscode.env.clipboard.readText()).id, entry.id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('groups webhook calls by status class on the toggle, marking failures', async () => {
    await api.views.webhooks.reload();
    await vscode.commands.executeCommand('exavault.webhooks.groupByStatus');
    const labels = (await rootItems(api.views.webhooks)).filter((r) => r.node.kind === 'group').map((r) => labelText(r.item));
    assert.ok(labels.length > 0 && labels.every((l) => ['2xx', '3xx', '4xx', '5xx', 'No answer'].includes(l)), labels.join());
    await vscode.commands.executeCommand('exavault.webhooks.groupByEvent');
    const events = (await rootItems(api.views.webhooks)).filter((r) => r.node.kind === 'group').map((r) => labelText(r.item));
    assert.ok(events.some((l) => l.startsWith('resources.')), events.join());
  });

  describe('auto-refresh (opt-in)', () => {
    afterEach(() => config().update('sidebar.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global));

    it('merges new entries on its own while the view is visible, and pauses after a 429', async () => {
      await vscode.commands.executeCommand('exavault.sessions.focus');
      await api.views.sessions.reload();
      const arrived = server.arrive({ sessions: 2 });
      await config().update('sidebar.autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global);
      const deadline = Date.now() + 10_000;
      while (api.views.sessions.current!.entries[0]?.id !== arrived.sessions[0]!.id && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(api.views.sessions.current!.entries[0]?.id, arrived.sessions[0]!.id);

      server.setFaults({ rateLimitBurst: 1000, retryAfterSeconds: 3600 });
      // Both views poll, each until its own 429. By the error's kind: the feeds' errors come from the
      // extension's bundle, whose ExaVaultError is another class than this bundle's.
      const views = [api.views.sessions, api.views.webhooks];
      const rateLimited = () => views.every((view) => (view.current!.error as ExaVaultError | undefined)?.kind === 'rateLimited');
      const until = Date.now() + 15_000;
      while (!rateLimited() && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(views.map((view) => (view.current!.error as ExaVaultError).kind), ['rateLimited', 'rateLimited']);
      server.resetStats();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(server.stats().requests, 0, `no polling while the allowance is out: ${JSON.stringify(server.requests())}`);
    });
  });

  describe('errors, each reading as what it is, with loaded entries kept', () => {
    const cases: [string, () => Promise<void> | void, ExaVaultError['kind'], RegExp][] = [
      ['offline', () => server.setFaults({ resetMidBody: 1000 }), 'network', /Could not reach ExaVault/],
      ['429', () => server.setFaults({ rateLimitBurst: 1000, retryAfterSeconds: 3600 }), 'rateLimited', /allowance .* used up .* work again at/],
      ['404 (retired activity API)', () => server.setFaults({ retiredActivity: true }), 'activityRetired', /Files\.com/],
      ['5xx', () => server.setFaults({ serverErrors: { status: 500, count: 1000 } }), 'server', /HTTP 500/],
    ];
    for (const [name, breakIt, kind, message] of cases) {
      it(name, async () => {
        await api.views.sessions.reload();
        const loaded = api.views.sessions.current!.entries.length;
        await breakIt();
        await api.views.sessions.refresh();
        const feed = api.views.sessions.current!;
        assert.equal((feed.error as ExaVaultError).kind, kind);
        assert.equal(feed.entries.length, loaded, 'loaded entries stay');
        const [first] = await rootItems(api.views.sessions);
        assert.equal(first!.node.kind, 'error');
        assert.match(labelText(first!.item), message);
      });
    }

    it('401 and 403: the message, once, and no retry loop', async () => {
      await api.views.sessions.reload();
      const account = api.store.active()!;
      server.resetStats();
      await api.store.updateCredentials(account.id, { apiKey: server.apiKey, accessToken: '0'.repeat(64) });
      await api.views.sessions.refresh();
      assert.equal((api.views.sessions.current!.error as ExaVaultError).kind, 'invalidCredentials');
      await api.store.updateCredentials(account.id, { apiKey: server.apiKey, accessToken: 'ad'.repeat(32) });
      await api.views.sessions.refresh();
      assert.equal((api.views.sessions.current!.error as ExaVaultError).kind, 'forbidden');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(server.stats().requests <= 4, `requests: ${server.stats().requests}`);
      await api.store.updateCredentials(account.id, { apiKey: server.apiKey, accessToken: server.accessToken });
    });
  });
});
