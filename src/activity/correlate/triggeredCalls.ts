// "Webhook Calls It Triggered": the calls a session entry caused. One webhook-log query by the
// entry's path, event and user, from just before the entry to when the last retry of its calls has
// gone out, and each delivery's outcome in words ("2 calls, 1 failed"). Free of `vscode`.
import * as l10n from '@vscode/l10n';
import type { SessionEntry, WebhookCall } from '../../api/models';
import { parseTimestamp } from '../../api/normalize';
import type { WebhookQuery } from '../../api/wire';
import { CAUSE_WINDOW_MS, SESSION_OPERATION_OF_EVENT } from './causedBy';
import { isoTime } from '../format';

/** The event each session operation posts, the other way round from "Caused by". */
export const EVENT_OF_SESSION_OPERATION: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SESSION_OPERATION_OF_EVENT).map(([event, operation]) => [operation, event]),
);

/**
 * A listener that fails is called again for about an hour and a half (five attempts in all), so the
 * window runs that long after the entry; calls of a later event on the same path are told apart by
 * their event time where they carry one (v2).
 */
export const TRIGGERED_WINDOW_MS = 90 * 60_000;
/** Calls fetched by the one query: five attempts to each of a few listeners fit. */
const CALL_LIMIT = 100;

export type TriggeredPlan =
  | { kind: 'query'; query: WebhookQuery; event: string; time: number; from: number; to: number }
  | { kind: 'none'; why: string };

export interface EndpointOutcome {
  endpointUrl: string;
  calls: number;
  failed: number;
  /** The newest call to it succeeded. */
  delivered: boolean;
}

export interface TriggeredCalls {
  /** Newest first. */
  calls: WebhookCall[];
  failed: number;
  /** By endpoint, in the order of their first call. */
  endpoints: EndpointOutcome[];
  /** "2 calls, 1 failed", "No webhook calls". */
  summary: string;
  why: string;
  /** False when the entry's operation posts no event: no query was made. */
  queried: boolean;
}


/** The one webhook-log query for the calls `entry` triggered, or why there is none to make. */
export function planTriggeredQuery(entry: SessionEntry): TriggeredPlan {
  const event = EVENT_OF_SESSION_OPERATION[entry.operation];
  if (!event) {
    return { kind: 'none', why: l10n.t('{0} entries post no webhook event.', entry.operationName) };
  }
  if (entry.fileName === '' || entry.created === undefined) {
    return { kind: 'none', why: l10n.t('This entry carries no path or no time to look for.') };
  }
  const from = entry.created - CAUSE_WINDOW_MS;
  const to = entry.created + TRIGGERED_WINDOW_MS;
  const query: WebhookQuery = {
    startDate: isoTime(from), endDate: isoTime(to), resourcePath: entry.fileName, event, username: entry.username, limit: CALL_LIMIT, sort: '-date',
  };
  return { kind: 'query', query, event, time: entry.created, from, to };
}

/** Which of `calls` (what the plan's query returned) the entry triggered, and how they went. */
export function judgeTriggered(entry: SessionEntry, plan: Extract<TriggeredPlan, { kind: 'query' }>, calls: readonly WebhookCall[]): TriggeredCalls {
  const kept = calls.filter((call) => {
    if (call.resourcePath !== entry.fileName || call.event !== plan.event || call.username.toLowerCase() !== entry.username.toLowerCase()) {
      return false;
    }
    // A v2 call names its event's time: one far from the entry's is a later event on the same path.
    const eventTime = call.format === 'v2' ? parseTimestamp((call.details as { eventTimestamp?: unknown } | undefined)?.eventTimestamp) : undefined;
    return eventTime === undefined || Math.abs(eventTime - plan.time) <= CAUSE_WINDOW_MS;
  });
  const endpoints = new Map<string, EndpointOutcome>();
  // Oldest first, so each endpoint's last call decides whether it was delivered.
  for (const call of [...kept].reverse()) {
    const outcome = endpoints.get(call.endpointUrl) ?? { endpointUrl: call.endpointUrl, calls: 0, failed: 0, delivered: false };
    outcome.calls++;
    outcome.failed += call.failed ? 1 : 0;
    outcome.delivered = !call.failed;
    endpoints.set(call.endpointUrl, outcome);
  }
  const failed = kept.filter((call) => call.failed).length;
  const summary = kept.length === 0 ? l10n.t('No webhook calls')
    : failed === 0 ? l10n.t('{0} calls, none failed', kept.length) : l10n.t('{0} calls, {1} failed', kept.length, failed);
  const minutes = TRIGGERED_WINDOW_MS / 60_000;
  const undelivered = [...endpoints.values()].filter((outcome) => !outcome.delivered).length;
  const why = kept.length === 0
    ? l10n.t('No {0} call for this path by {1} in the {2} minutes after the entry (legacy-format calls carry no path and cannot be found).', plan.event, entry.username, minutes)
    : undelivered === 0
      ? l10n.t('{0} calls of {1} for this path by {2} in the {3} minutes after the entry, to {4} endpoints; each endpoint\'s last call succeeded.', kept.length, plan.event, entry.username, minutes, endpoints.size)
      : l10n.t('{0} calls of {1} for this path by {2} in the {3} minutes after the entry, to {4} endpoints; {5} never answered with success.', kept.length, plan.event, entry.username, minutes, endpoints.size, undelivered);
  return { calls: kept, failed, endpoints: [...endpoints.values()], summary, why, queried: true };
}

/** What the lookup needs of a client: one webhook-log page. */
export interface WebhookLog {
  getWebhookActivity(query: WebhookQuery, signal?: AbortSignal): Promise<{ entries: WebhookCall[] }>;
}

/** The calls `entry` triggered: one webhook-log query, none for an operation that posts no event. */
export async function findTriggeredCalls(log: WebhookLog, entry: SessionEntry, signal?: AbortSignal): Promise<TriggeredCalls> {
  const plan = planTriggeredQuery(entry);
  if (plan.kind === 'none') {
    return { calls: [], failed: 0, endpoints: [], summary: l10n.t('No webhook calls'), why: plan.why, queried: false };
  }
  const { entries } = await log.getWebhookActivity(plan.query, signal);
  return judgeTriggered(entry, plan, entries);
}
