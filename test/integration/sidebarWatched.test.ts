// The sidebar of a watched account in the real extension host: with auto-refresh on, the views take
// the watch's new entries and send no request of their own, counted at the local server started
// here, whether this window polls or another one does and shares what it reads; unwatched (before,
// and after Stop Watching), the same views ask the server themselves.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { ActivityEntry } from '../../src/api/models';
import { normalizeSession } from '../../src/api/normalize';
import { AccountLease } from '../../src/watch/lease';
import { QUICK_PACE } from '../../src/watchView/paceSwitch';
import { appendSharedEntries, emptySharedEntries, readSharedEntries, sharedEntriesFile, writeSharedEntries } from '../../src/watch/sharedEntries';
import type { ActivityView } from '../../src/treeViews/activityView';
import type { SessionEntryWire } from '../../src/api/wire';
import { waitUntil } from '../support/waitUntil';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { applySettings, resetSettings } from './settings';

// The suite runs under the watch's quick test pace (scripts/lib/integration.ts): polls every second, on
// a server whose allowance is large enough that the share never stretches that; until the account's
// allowance is known, the default one stretches the interval to 4 s.
const WATCH_INTERVAL_MINUTES = QUICK_PACE.shortestIntervalMs / 60_000;
const DAILY_ALLOWANCE = 1_000_000;
// The longest interval, and room for a slow shared machine to answer.
const WITHIN_ONE_INTERVAL_MS = 4_000 + 8_000;
// A window that does not poll reads what the polling one shares at its lease heartbeat; room for a slow machine.
const WITHIN_ONE_HEARTBEAT_MS = QUICK_PACE.heartbeatMs + 8_000;
const SESSIONS_PATH = '/api/v2/activity/session';
const WEBHOOKS_PATH = '/api/v2/activity/webhooks';

const labelText = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

/** Every entry row the view's provider gives, by entry id, with the label VS Code shows. */
async function entryLabels<T extends ActivityEntry>(view: ActivityView<T>): Promise<Map<number, string>> {
  const labels = new Map<number, string>();
  for (const group of (await view.rows.getChildren()) ?? []) {
    for (const node of (await view.rows.getChildren(group)) ?? []) {
      if (node.kind === 'entry') {
        labels.set(node.entry.id, labelText(await view.rows.getTreeItem(node)));
      }
    }
  }
  return labels;
}

/** What a session row is labelled: the file's name, or for entries without one the user and where from. */
const sessionLabel = ({ attributes }: SessionEntryWire) => (attributes.fileName
  ? path.posix.basename(attributes.fileName)
  : (attributes.ipAddress ? `${attributes.username} @ ${attributes.ipAddress}` : attributes.username));

describe('sidebar of a watched account in the extension host', function () {
  this.timeout(120_000);
  let server: RunningExaVaultServer;
  let api: ExaVaultApi;
  let accountId: string;
  const SETTINGS: Record<string, unknown> = {
    'watch.intervalMinutes': WATCH_INTERVAL_MINUTES, 'watch.maxShareOfAllowance': 1,
    'sidebar.autoRefreshSeconds': 1, 'sidebar.timeWindowHours': 2160, pageSize: 20,
  };
  const activityRequests = () => {
    const { byPath } = server.stats();
    return { sessions: byPath[SESSIONS_PATH] ?? 0, webhooks: byPath[WEBHOOKS_PATH] ?? 0 };
  };
  const status = () => api.watch.service.statuses().find(({ account }) => account.id === accountId)?.status;
  const viewsIdle = () => api.views.sessions.current?.activity === undefined && api.views.webhooks.current?.activity === undefined;

  before(async () => {
    server = await startExaVaultServer({ seed: 51, sessions: 60, webhooks: 20, accountName: 'fed', dailyAllowance: DAILY_ALLOWANCE });
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await api.store.removeAll();
    await applySettings(SETTINGS);
    accountId = (await api.store.add({ label: 'fed', accountName: 'fed', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken })).id;
    await vscode.commands.executeCommand('exavault.sessions.focus');
    assert.equal(await api.views.sessions.reload(), undefined);
    assert.equal(await api.views.webhooks.reload(), undefined);
  });
  after(async () => {
    await api.store.removeAll();
    await resetSettings(SETTINGS);
    await server.close();
  });

  it('unwatched, auto-refresh asks the server itself (the control for the next test)', async () => {
    server.resetStats();
    await waitUntil('the sidebar\'s own refresh, at the server', () => activityRequests().sessions > 0, WITHIN_ONE_INTERVAL_MS);
    assert.equal(api.watch.service.requestsSent(), 0, 'nothing watches the account');
  });

  it('watched, shows the poller\'s new entries, badge included, and only the poller asks the server', async () => {
    await vscode.commands.executeCommand('exavault.watchAccount', accountId);
    await waitUntil('the watch to poll the account', () => status()?.kind === 'polling');
    // The views catch up once, when the poller starts, with what arrived before; its first poll is an
    // interval later. After it, entries the server stamps are newer than where the poller started.
    await waitUntil('the first poll of both logs', () => api.watch.service.requestsSent() >= 2, WITHIN_ONE_INTERVAL_MS);
    await waitUntil('the views to be idle', viewsIdle);
    await api.watch.service.whenIdle();
    server.resetStats();
    const sentBefore = api.watch.service.requestsSent();

    const arrived = server.arrive({ sessions: 3 });
    const expected = new Map(arrived.sessions.map((wire) => [wire.id, sessionLabel(wire)]));
    await waitUntil('the arrivals in the sidebar', async () => {
      const shown = await entryLabels(api.views.sessions);
      return arrived.sessions.every((wire) => shown.has(wire.id));
    }, 2 * WITHIN_ONE_INTERVAL_MS);
    const shown = await entryLabels(api.views.sessions);
    assert.deepEqual(new Map([...expected.keys()].map((id) => [id, shown.get(id)])), expected);

    // Hidden, the view counts what the poller brings in its badge.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitUntil('the view to be hidden', () => !api.views.sessions.treeView.visible);
    const more = server.arrive({ sessions: 2 });
    await waitUntil('the badge', () => api.views.sessions.treeView.badge?.value === more.sessions.length, 2 * WITHIN_ONE_INTERVAL_MS);
    assert.deepEqual(api.views.sessions.current!.entries.slice(0, 2).map((entry) => entry.id).sort(), more.sessions.map((wire) => wire.id).sort());

    await api.watch.service.whenIdle();
    const polled = api.watch.service.requestsSent() - sentBefore;
    const counted = activityRequests();
    assert.equal(counted.sessions + counted.webhooks, polled, `the server counted ${JSON.stringify(counted)}; the poller sent ${polled}`);
    assert.ok(polled >= 4, `each batch came with a poll of both logs: ${polled} requests`);
    await vscode.commands.executeCommand('exavault.sessions.focus');
  });

  it('after Stop Watching, auto-refresh asks the server itself again', async () => {
    await vscode.commands.executeCommand('exavault.stopWatchingAccount', accountId);
    await waitUntil('the watch to end', () => status() === undefined);
    const sentAfter = api.watch.service.requestsSent();
    server.resetStats();
    await waitUntil('the sidebar\'s own refresh, at the server', () => activityRequests().sessions > 0, WITHIN_ONE_INTERVAL_MS);
    assert.equal(api.watch.service.requestsSent(), sentAfter, 'no poller runs');
  });

  it('watched by another window, shows the entries it shares and asks the server nothing; a share that dropped some, one refresh', async () => {
    // Another window holds the account's lease, and keeps it fresh: this one does not poll.
    const other = new AccountLease({ directory: api.watch.directory, account: accountId, holder: 'another window' });
    await waitUntil('the lease free for the other window', () => other.acquire());
    const heartbeat = setInterval(() => void other.renew(), 2_000);
    try {
      const file = sharedEntriesFile(api.watch.directory, accountId);
      // Gone on from as a polling window goes on from it: this window's earlier watch wrote it.
      let shared = await readSharedEntries(file) ?? emptySharedEntries();
      await vscode.commands.executeCommand('exavault.watchAccount', accountId);
      // Its first read of what is shared: the views catch up once on their own, then wait for entries.
      await waitUntil('the watch to be polled elsewhere', () => status()?.kind === 'elsewhere');
      await waitUntil('the views to be idle', viewsIdle);
      server.resetStats();

      const arrived = server.arrive({ sessions: 3 });
      shared = appendSharedEntries(shared, 'session', arrived.sessions.map(normalizeSession));
      await writeSharedEntries(file, shared);
      await waitUntil('the shared entries in the sidebar', async () => {
        const shown = await entryLabels(api.views.sessions);
        return arrived.sessions.every((wire) => shown.has(wire.id));
      }, WITHIN_ONE_HEARTBEAT_MS);
      const shown = await entryLabels(api.views.sessions);
      assert.deepEqual(arrived.sessions.map((wire) => shown.get(wire.id)), arrived.sessions.map(sessionLabel));
      assert.deepEqual(activityRequests(), { sessions: 0, webhooks: 0 }, 'no request from the sidebar');
      assert.equal(api.watch.service.requestsSent(), 0, 'nor from a poller of this window');

      // Positive control: more arrived than the share holds since this window read it; the view asks the server once.
      const many = server.arrive({ sessions: 2 });
      await writeSharedEntries(file, appendSharedEntries(shared, 'session', many.sessions.map(normalizeSession), 1));
      await waitUntil('the sidebar\'s own refresh, at the server', () => activityRequests().sessions > 0, WITHIN_ONE_HEARTBEAT_MS);
      await waitUntil('the dropped entries in the sidebar', async () => {
        const ids = await entryLabels(api.views.sessions);
        return many.sessions.every((wire) => ids.has(wire.id));
      });
    } finally {
      clearInterval(heartbeat);
      await vscode.commands.executeCommand('exavault.stopWatchingAccount', accountId);
      await other.release();
    }
  });
});
