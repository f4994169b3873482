// Entries as the client yields them, made for the rules' tests at times the test sets (minutes after
// a fixed start, never today's date), and a feed that runs batches through the rules as a poller would.
import type { ActivityEntry, SessionEntry, WebhookCall } from '../../../../src/api/models';
import { normalizeSession, normalizeWebhook } from '../../../../src/api/normalize';
import type { SessionAttributesWire } from '../../../../src/api/wire';
import type { Incident } from '../../../../src/watch/rules/incident';
import { applyRules, emptyRuleState, type RuleState } from '../../../../src/watch/rules/ruleEngine';
import type { WatchThresholds } from '../../../../src/watch/rules/ruleThresholds';

export const START = Date.parse('2026-03-02T10:00:00Z');
export const MINUTE = 60_000;
export const ENDPOINT = 'https://hooks.example.com/exavault';

/** `minutes` after START (fractions are seconds); undefined for an entry without a time. */
const created = (minutes: number | undefined) => (minutes === undefined ? {} : { created: new Date(START + Math.round(minutes * MINUTE)).toISOString() });

export function call(id: number, minutes: number | undefined, status: number, endpointUrl = ENDPOINT): WebhookCall {
  return normalizeWebhook({ id, type: 'webhookActivity', attributes: { webhookFormat: 'v2', endpointUrl, status, event: 'resources.upload', ...created(minutes) } });
}

export function session(id: number, minutes: number | undefined, attributes: SessionAttributesWire): SessionEntry {
  return normalizeSession({ id, type: 'sessionActivity', attributes: { status: '-', ...attributes, ...created(minutes) } });
}

export const failedLogin = (id: number, minutes: number | undefined, ipAddress: string, username: string): SessionEntry =>
  session(id, minutes, { operation: 'PASS', status: 'failed', ipAddress, username });

export const deletion = (id: number, minutes: number | undefined, username: string, fileName = `/Shared/file ${id}.txt`): SessionEntry =>
  session(id, minutes, { operation: 'DELE', username, fileName });

/** Runs the batches in turn from an empty state: every incident as it stands at the end, by id, and the state. */
export function feed(batches: readonly (readonly ActivityEntry[])[], thresholds: WatchThresholds, from: RuleState = emptyRuleState()): { incidents: Incident[]; opened: string[]; state: RuleState } {
  const incidents = new Map<string, Incident>();
  const opened: string[] = [];
  let state = from;
  for (const batch of batches) {
    const result = applyRules(state, batch, thresholds, 'acme');
    state = result.state;
    for (const incident of result.opened) {
      opened.push(incident.id);
    }
    for (const incident of [...result.opened, ...result.updated]) {
      incidents.set(incident.id, incident);
    }
  }
  return { incidents: [...incidents.values()], opened, state };
}

/** What a test compares: the parts of an incident a user sees, ids sorted. */
export const summary = (incident: Incident) => ({
  rule: incident.rule, subject: incident.subject, count: incident.count, firstTime: incident.firstTime, lastTime: incident.lastTime,
  entryIds: [...incident.entryIds].sort((a, b) => a - b), state: incident.state,
});

/** Every way to cut `entries` in two, as two batches. */
export const everySplit = <T>(entries: readonly T[]): T[][][] => Array.from({ length: entries.length + 1 }, (_, at) => [entries.slice(0, at), entries.slice(at)]);
