// Watching in the real extension host, against local servers started here: incidents the server
// injects are found within one interval (the incident's entries compared with the server's record of
// what it injected, never with the rules run again), muting holds in the stored state, and an
// unwatched account costs nothing, counted at its server.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { ExaVaultClient } from '../../src/api/client';
import { ExaVaultError } from '../../src/api/errors';
import { leaseFile } from '../../src/watch/lease';
import { QUICK_PACE } from '../../src/watchView/paceSwitch';
import { watchRecordFile } from '../../src/watch/watchRecord';
import type { ExaVaultApi } from '../../src/extension';
import { replaceWindow } from '../support/replaceWindow';
import { waitUntil } from '../support/waitUntil';
import { startExaVaultServer, type InjectedIncident, type RunningExaVaultServer } from '../../server/index';
import { applySettings, resetSettings } from './settings';

// The suite runs under the watch's quick test pace (scripts/lib/integration.ts): polls every second,
// on servers whose allowance is large enough that the share never stretches that. Until an account's
// allowance is known (its first poll), the default one stretches the interval to 4 s.
const INTERVAL_MS = QUICK_PACE.shortestIntervalMs;
const INTERVAL_MINUTES = INTERVAL_MS / 60_000;
const FIRST_INTERVAL_MS = 4_000;
const DAILY_ALLOWANCE = 1_000_000;
// The first interval, and room for a slow shared machine to answer and run the rules.
const WITHIN_ONE_INTERVAL_MS = FIRST_INTERVAL_MS + 8_000;

describe('Watch in the extension host', function () {
  this.timeout(90_000);
  let watched: RunningExaVaultServer;
  let quiet: RunningExaVaultServer;
  let api: ExaVaultApi;
  let watchedId: string;
  let quietId: string;
  const SETTINGS: Record<string, unknown> = {
    'watch.intervalMinutes': INTERVAL_MINUTES, 'watch.maxShareOfAllowance': 1,
    'watch.endpointFailures.count': 5, 'watch.endpointFailures.minutes': 10, 'watch.endpointFailures.inARow': 0,
  };

  before(async () => {
    watched = await startExaVaultServer({ seed: 41, sessions: 50, webhooks: 20, accountName: 'watched', dailyAllowance: DAILY_ALLOWANCE });
    quiet = await startExaVaultServer({ seed: 42, sessions: 50, webhooks: 20, accountName: 'quiet', dailyAllowance: DAILY_ALLOWANCE });
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await applySettings(SETTINGS);
    await api.store.removeAll();
    quietId = (await api.store.add({ label: 'quiet', accountName: 'quiet', baseUrl: quiet.baseUrl }, { apiKey: quiet.apiKey, accessToken: quiet.accessToken })).id;
    watchedId = (await api.store.add({ label: 'watched', accountName: 'watched', baseUrl: watched.baseUrl }, { apiKey: watched.apiKey, accessToken: watched.accessToken })).id;
    // The sidebar loads the active account's log: done here, so what follows is the watch's.
    assert.equal(await api.views.sessions.reload(), undefined);
    assert.equal(await api.views.webhooks.reload(), undefined);
  });
  after(async () => {
    await api.store.removeAll();
    await resetSettings(SETTINGS);
    await watched.close();
    await quiet.close();
  });

  const statusOf = (accountId: string) => api.watch.service.statuses().find(({ account }) => account.id === accountId)?.status;

  /** Turns watching on, and waits until the account is polled: its entries from then on are new. */
  const watch = async (accountId: string) => {
    await vscode.commands.executeCommand('exavault.watchAccount', accountId);
    await waitUntil('the watch to poll the account', () => statusOf(accountId)?.kind === 'polling');
    // Entries are logged to the second: what the server stamps from here on is after the poller started.
    const started = Date.now();
    await waitUntil('the next second', () => Date.now() >= Math.floor(started / 1000) * 1000 + 1000);
  };

  /** Waits for `polls` more polls of both logs, counted by the watch. */
  const polls = async (count: number) => {
    const before = api.watch.service.requestsSent();
    await waitUntil(`${count} polls`, () => api.watch.service.requestsSent() >= before + 2 * count, count * WITHIN_ONE_INTERVAL_MS);
  };

  const entryIds = (...injected: InjectedIncident[]) => injected.flatMap((incident) => incident.entries.map((entry) => entry.id));

  it('finds an endpoint\'s outage within one interval, its entries those the server injected; one call short, none', async () => {
    await watch(watchedId);
    const short = watched.inject({ kind: 'outage', calls: 4, minutes: 0 });
    // Two polls: the first after the injection has surely run the rules.
    await polls(2);
    assert.deepEqual(api.watch.incidents.shown(), [], 'four failed calls are one short of the threshold');

    const last = watched.inject({ kind: 'outage', endpointUrl: short.subject.endpointUrl, calls: 1, minutes: 0 });
    await waitUntil('an incident', () => api.watch.incidents.shown().length > 0, WITHIN_ONE_INTERVAL_MS);
    const shown = api.watch.incidents.shown();
    assert.equal(shown.length, 1, JSON.stringify(shown));
    const [incident] = shown;
    assert.equal(incident!.rule, 'endpointFailing');
    assert.equal(incident!.account, watchedId);
    assert.equal(incident!.subject, short.subject.endpointUrl);
    assert.equal(incident!.state, 'ongoing');
    assert.deepEqual(incident!.entryIds, entryIds(short, last));
    assert.equal(incident!.count, 5);
    assert.deepEqual([incident!.firstTime, incident!.lastTime], [short.firstTime, last.lastTime]);
  });

  it('resends exactly an endpoint incident\'s failed calls from the incident, once the user confirms', async () => {
    const [incident] = api.watch.incidents.shown();
    assert.ok(incident, 'the previous test\'s incident is shown');
    const questions: string[] = [];
    const restore = replaceWindow('showWarningMessage', (async (message: string, ...rest: unknown[]) => {
      const [options, ...buttons] = rest;
      if (typeof options === 'object' && options !== null && (options as vscode.MessageOptions).modal) {
        questions.push(message);
        return buttons[0];
      }
      return undefined;
    }) as never);
    try {
      await vscode.commands.executeCommand('exavault.incidents.resendFailedCalls', incident);
    } finally {
      restore();
    }
    assert.equal(questions.length, 1, 'asked once');
    assert.deepEqual(watched.resends().map((record) => record.activityId).sort((a, b) => a - b), [...incident.entryIds].sort((a, b) => a - b));
  });

  it('hides an incident muted for its endpoint, and keeps the mute in the stored state', async () => {
    const [incident] = api.watch.incidents.shown();
    assert.ok(incident, 'the previous test\'s incident is shown');
    assert.equal(api.watch.mutes.hides(incident), false, 'positive control: not hidden before the mute');
    await vscode.commands.executeCommand('exavault.incidents.muteRuleForSubject', incident);
    assert.deepEqual(api.watch.incidents.shown(), []);
    // Read from globalState on every call, as a window after a reload reads it.
    assert.equal(api.watch.mutes.hides(incident), true);
    assert.deepEqual(api.watch.service.incidents().map(({ id }) => id), [incident.id], 'muted, not lost');
  });

  it('sends no request for an account that is not watched, nor before the first interval once watched; then polls it (counted at its server)', async () => {
    quiet.resetStats();
    await polls(3);
    assert.equal(quiet.stats().requests, 0, 'three intervals of the other account\'s watch');
    const asked = Date.now();
    await vscode.commands.executeCommand('exavault.watchAccount', quietId);
    // The first poll waits an interval (never shorter than the one asked for) from when the poller
    // started, after `asked`: every count read before then must be none.
    const firstPollNotBefore = asked + INTERVAL_MINUTES * 60_000;
    const counted: number[] = [];
    for (;;) {
      const requests = quiet.stats().requests;
      if (Date.now() >= firstPollNotBefore) {
        break;
      }
      counted.push(requests);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(counted.length > 0, 'counted before the first interval');
    assert.deepEqual([...new Set(counted)], [0], 'no request before the first interval');
    // Positive control: the first poll, at its server.
    await waitUntil('the quiet account\'s first poll, at its server', () => quiet.stats().requests > 0, WITHIN_ONE_INTERVAL_MS);
  });

  describe('an account whose credentials change, then removed', () => {
    const OLD_TOKEN = 'f'.repeat(64);
    let rotated: RunningExaVaultServer;
    let rotatedId: string;
    before(async () => {
      rotated = await startExaVaultServer({ seed: 43, sessions: 50, webhooks: 20, accountName: 'rotated', dailyAllowance: DAILY_ALLOWANCE });
    });
    after(() => rotated.close());

    it('polls with the new credentials from the next poll after they are updated, with no 401 told', async () => {
      // Positive control: the server refuses the token the account is added with.
      const probe = new ExaVaultClient(new URL(rotated.baseUrl), { apiKey: rotated.apiKey, accessToken: OLD_TOKEN }, { serverRetries: 0 });
      await assert.rejects(probe.getAccount(), (error) => error instanceof ExaVaultError && error.kind === 'invalidCredentials');
      probe.dispose();
      const errors: string[] = [];
      const restore = replaceWindow('showErrorMessage', (async (message: string) => {
        errors.push(message);
        return undefined;
      }) as never);
      try {
        rotatedId = (await api.store.add({ label: 'rotated', accountName: 'rotated', baseUrl: rotated.baseUrl }, { apiKey: rotated.apiKey, accessToken: OLD_TOKEN })).id;
        // Adding made it active: the sidebar goes back to the other account, so only the watch calls this one.
        await api.store.setActive(watchedId);
        rotated.resetStats();
        await watch(rotatedId);
        assert.equal(rotated.stats().requests, 0, 'the watch sent nothing with the old token yet');
        await api.store.updateCredentials(rotatedId, { apiKey: rotated.apiKey, accessToken: rotated.accessToken });
        // An entry for the record to keep, read by the next polls.
        rotated.arrive({ sessions: 1 });
        await waitUntil('two polls at the account\'s server', () => rotated.stats().requests >= 4, 2 * WITHIN_ONE_INTERVAL_MS);
      } finally {
        restore();
      }
      assert.deepEqual(errors, []);
      const status = statusOf(rotatedId);
      assert.equal(status?.kind === 'polling' ? status.state.kind : status?.kind, 'watching');
      assert.equal(api.store.list().find(({ id }) => id === rotatedId)?.watched, true);
    });

    it('removing the account removes its watch record and lease', async () => {
      const files = [watchRecordFile(api.watch.directory, rotatedId), leaseFile(api.watch.directory, rotatedId)];
      await waitUntil('the record written', () => existsSync(files[0]!));
      assert.deepEqual(files.map((file) => existsSync(file)), [true, true], 'positive control: both are there before');
      await api.store.remove(rotatedId);
      await waitUntil('the record and lease removed', () => files.every((file) => !existsSync(file)));
    });
  });
});
