// The rules find what the local server injected: incidents are injected through the server, their
// entries fetched through the client as a poller would (from a time on, oldest first), fed to the
// rules in batches cut at every point (inside the burst too), with overlaps and newest first, and the
// incidents compared with the server's record of what it injected, never with the rules run again.
import * as assert from 'node:assert/strict';
import type { ActivityEntry } from '../../../../src/api/models';
import type { SessionQuery, WebhookQuery } from '../../../../src/api/wire';
import { planSearch } from '../../../../src/search/plan';
import type { Incident } from '../../../../src/watch/rules/incident';
import { incidentEvidence } from '../../../../src/watch/rules/incidentEvidence';
import { DEFAULT_WATCH_THRESHOLDS, type WatchThresholds } from '../../../../src/watch/rules/ruleThresholds';
import type { InjectedIncident } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { everySplit, feed } from './ruleFeed';

// In the past, and not on a whole second: the server's clock starts here.
const NOW = new Date('2026-07-15T18:30:00.750Z');
const ENDPOINT = 'https://automation.example.org/hooks/exavault';
const PAGE = 1000;

/** What an incident must show of an injection: its subject, its entries and their times. */
const fromRecord = (rule: Incident['rule'], subject: string, ...records: InjectedIncident[]) => {
  const entries = records.flatMap((record) => record.entries);
  return {
    rule, subject, count: entries.length, entryIds: entries.map((entry) => entry.id).sort((a, b) => a - b),
    firstTime: Math.min(...records.map((record) => record.firstTime)), lastTime: Math.max(...records.map((record) => record.lastTime)),
  };
};
const found = (incident: Incident) => ({
  rule: incident.rule, subject: incident.subject, count: incident.count, entryIds: [...incident.entryIds].sort((a, b) => a - b),
  firstTime: incident.firstTime, lastTime: incident.lastTime,
});

/** Ways a poller may deliver the entries: cut anywhere in two, with an overlap, in three newest first. */
function deliveries(entries: readonly ActivityEntry[]): ActivityEntry[][][] {
  const third = Math.floor(entries.length / 3);
  return [
    ...everySplit(entries),
    [entries.slice(0, 2 * third), entries.slice(third)],
    [entries.slice(2 * third).reverse(), entries.slice(third, 2 * third).reverse(), entries.slice(0, third).reverse()],
  ];
}

/** The incidents of every delivery, which must all be the same; returns them. */
function incidentsOf(entries: readonly ActivityEntry[], thresholds: WatchThresholds): Incident[] {
  const [whole, ...others] = deliveries(entries).map((batches) => feed(batches, thresholds).incidents);
  const comparable = (incidents: Incident[]) => incidents.map((incident) => ({ ...found(incident), state: incident.state })).sort((a, b) => a.firstTime! - b.firstTime! || a.rule.localeCompare(b.rule) || a.subject.localeCompare(b.subject));
  others.forEach((incidents, i) => assert.deepEqual(comparable(incidents), comparable(whole!), `delivery ${i + 1}`));
  return whole!;
}

describe('watch rules find what the local server injected', () => {
  const local = useLocalServer({ seed: 5, sessions: 300, webhooks: 100, now: NOW }, { each: true });

  const sessionsSince = async (time: number) => {
    const { entries } = await local.client.getSessionActivity({ startDate: new Date(time).toISOString(), sort: 'date', limit: PAGE });
    assert.ok(entries.length < PAGE, 'one page holds them all');
    return entries;
  };
  const callsSince = async (time: number) => {
    const { entries } = await local.client.getWebhookActivity({ startDate: new Date(time).toISOString(), sort: 'date', limit: PAGE });
    assert.ok(entries.length < PAGE, 'one page holds them all');
    return entries;
  };

  /** The ids the incident's evidence search finds, through the search's plan and the client, as the panel would run it. */
  const evidenceIds = async (incident: Incident) => {
    const evidence = incidentEvidence(incident);
    assert.deepEqual([evidence.exact, evidence.notes], [true, []]);
    const { search } = evidence.request;
    const plan = planSearch(search, NOW);
    const pages = await Promise.all(plan.queries.map((query) => (search.kind === 'sessions'
      ? local.client.getSessionActivity({ ...query, limit: PAGE } as SessionQuery)
      : local.client.getWebhookActivity({ ...query, limit: PAGE } as WebhookQuery))));
    const entries = pages.flatMap((page): ActivityEntry[] => page.entries);
    return entries.filter((entry) => plan.keep?.(entry) ?? true).map((entry) => entry.id).sort((a, b) => a - b);
  };
  /** Each incident's evidence search shows exactly its entries. */
  const assertEvidence = async (incidents: Incident[]) => {
    for (const incident of incidents) {
      assert.deepEqual(await evidenceIds(incident), [...incident.entryIds].sort((a, b) => a - b), incident.id);
    }
  };

  it('an outage: one incident with exactly its failed calls, resolved by the end\'s success; the next outage is a new incident', async () => {
    const first = local.server.inject({ kind: 'outage', endpointUrl: ENDPOINT, calls: 6, minutes: 5 });
    const end = local.server.inject({ kind: 'outage-end', endpointUrl: ENDPOINT });
    // Other traffic after the end (calls to the listener answer as usual again), then a quiet spell longer than the window.
    local.server.arrive({ webhooks: 40 });
    local.server.inject({ kind: 'path-activity', path: '/Shared', count: 2, minutes: 15 });
    const second = local.server.inject({ kind: 'outage', endpointUrl: ENDPOINT, calls: 3, minutes: 1 });

    const calls = await callsSince(first.firstTime);
    assert.equal(calls.length, 6 + 1 + 40 + 3);
    const incidents = incidentsOf(calls, DEFAULT_WATCH_THRESHOLDS);
    assert.deepEqual(incidents.map(found), [fromRecord('endpointFailing', ENDPOINT, first), fromRecord('endpointFailing', ENDPOINT, second)]);
    assert.deepEqual(incidents.map((incident) => [incident.state, incident.resolvedAt]), [['resolved', end.firstTime], ['ongoing', undefined]]);
    await assertEvidence(incidents);
  });

  it('an outage one call short of the threshold gives none, and one more failed call gives it', async () => {
    const thresholds: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS, endpointFailures: { count: 6, minutes: 10, inARow: 0 } };
    const short = local.server.inject({ kind: 'outage', endpointUrl: ENDPOINT, calls: 5, minutes: 4 });
    assert.deepEqual(incidentsOf(await callsSince(short.firstTime), thresholds), []);
    const more = local.server.inject({ kind: 'outage', endpointUrl: ENDPOINT, calls: 1 });
    assert.deepEqual(incidentsOf(await callsSince(short.firstTime), thresholds).map(found), [fromRecord('endpointFailing', ENDPOINT, short, more)]);
  });

  it('failed-login bursts: from one address against several names, and against one name from several addresses', async () => {
    const thresholds: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS, failedLogins: { perAddress: { count: 10, minutes: 5 }, perUsername: { count: 5, minutes: 5 } } };
    // Everyday activity first (it may hold bursts of its own, from other addresses against other names).
    const background = local.server.arrive({ sessions: 100 }).sessions;
    const fromOne = local.server.inject({ kind: 'failed-logins', count: 12, minutes: 4, ipAddresses: ['192.0.2.66'], usernames: ['oracle', 'postgres-old', 'svc-legacy'] });
    const againstOne = local.server.inject({ kind: 'failed-logins', count: 8, minutes: 3, ipAddresses: ['198.18.0.1', '198.18.0.2', '198.18.0.3'], usernames: ['postgres'] });

    const incidents = incidentsOf(await sessionsSince(Date.parse(background[0]!.attributes.created!)), thresholds);
    const about = (...subjects: string[]) => incidents.filter((incident) => subjects.includes(incident.subject)).map(found);
    assert.deepEqual(about('192.0.2.66'), [fromRecord('failedLoginsByAddress', '192.0.2.66', fromOne)]);
    assert.deepEqual(about('postgres'), [fromRecord('failedLoginsByUsername', 'postgres', againstOne)]);
    // Four tries per name and three per address stay below their thresholds.
    assert.deepEqual(about(...fromOne.subject.usernames!, ...againstOne.subject.ipAddresses!), []);
    const injectedIds = new Set([...fromOne.entries, ...againstOne.entries].map((entry) => entry.id));
    assert.deepEqual(incidents.filter((incident) => !['192.0.2.66', 'postgres'].includes(incident.subject) && incident.entryIds.some((id) => injectedIds.has(id))), []);
    await assertEvidence(incidents.filter((incident) => ['192.0.2.66', 'postgres'].includes(incident.subject)));
  });

  it('a failed-login burst one short of the threshold gives none, and one more try gives it', async () => {
    const thresholds: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS, failedLogins: { perAddress: { count: 13, minutes: 5 }, perUsername: { count: 0, minutes: 5 } } };
    const short = local.server.inject({ kind: 'failed-logins', count: 12, minutes: 4, ipAddresses: ['192.0.2.66'], usernames: ['oracle', 'test'] });
    const byAddress = async () => incidentsOf(await sessionsSince(short.firstTime), thresholds).filter((incident) => incident.subject === '192.0.2.66').map(found);
    assert.deepEqual(await byAddress(), []);
    const more = local.server.inject({ kind: 'failed-logins', count: 1, ipAddresses: ['192.0.2.66'], usernames: ['oracle'] });
    assert.deepEqual(await byAddress(), [fromRecord('failedLoginsByAddress', '192.0.2.66', short, more)]);
  });

  it('a mass deletion: one incident with exactly its DELE; one short gives none, one more gives it', async () => {
    const thresholds: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS, massDeletion: { count: 20, minutes: 5 } };
    const short = local.server.inject({ kind: 'mass-deletion', username: 'admin', folder: '/Finance/Payroll', count: 19, minutes: 3 });
    const deletions = async () => incidentsOf(await sessionsSince(short.firstTime), thresholds).filter((incident) => incident.rule === 'massDeletion');
    assert.deepEqual(await deletions(), []);
    const more = local.server.inject({ kind: 'mass-deletion', username: 'admin', folder: '/Finance/Payroll', count: 1 });
    const incidents = await deletions();
    assert.deepEqual(incidents.map(found), [fromRecord('massDeletion', 'admin', short, more)]);
    await assertEvidence(incidents);
  });

  it('a watched path: the chosen operations under it are one incident; other operations there are not', async () => {
    const thresholds: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS, watchedPaths: { paths: [{ pattern: '/Finance/*', operations: ['RETR', 'DELE'] }], groupMinutes: 10 } };
    const watched = local.server.inject({ kind: 'path-activity', path: '/Finance/*', operations: ['RETR', 'DELE'], count: 4, minutes: 2 });
    const unwatched = local.server.inject({ kind: 'path-activity', path: '/Finance/Payroll', operations: ['STOR', 'MKD'], count: 4, minutes: 2 });
    const elsewhere = local.server.inject({ kind: 'path-activity', path: '/Marketing', operations: ['RETR'], count: 2, minutes: 1 });
    const incidents = incidentsOf(await sessionsSince(watched.firstTime), thresholds).filter((incident) => incident.rule === 'watchedPath');
    assert.deepEqual(incidents.map(found), [fromRecord('watchedPath', '/Finance/*', watched)]);
    await assertEvidence(incidents);
    // Control: what was not watched did happen, in the same entries.
    const fetched = new Set((await sessionsSince(watched.firstTime)).map((entry) => entry.id));
    assert.ok([...unwatched.entries, ...elsewhere.entries].every((entry) => fetched.has(entry.id)));
  });
});
