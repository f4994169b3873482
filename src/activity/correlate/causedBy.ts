// "Caused by": the session entry behind a webhook call. The call names its event, user and resource
// path (v2 also the event's time and address); one session-log query by user, path and operation
// around that time finds the candidates, and the verdict says how sure the match is, and why.
// Free of `vscode`: the tree, the panel and the tests all use it.
import * as l10n from '@vscode/l10n';
import type { SessionEntry, WebhookCall } from '../../api/models';
import { parseTimestamp } from '../../api/normalize';
import { OPERATIONS, type SessionQuery } from '../../api/wire';
import { isoTime } from '../format';

/** The session operation each webhook event is logged as (API-NOTES.md's events and operation codes). */
export const SESSION_OPERATION_OF_EVENT: Readonly<Record<string, string>> = {
  'resources.upload': 'STOR', 'resources.download': 'RETR', 'resources.delete': 'DELE', 'resources.createFolder': 'MKD',
  'resources.rename': 'RNTO', 'resources.move': 'MOVE', 'resources.copy': 'COPY', 'resources.compress': 'COMPR',
  'resources.extract': 'EXTRACT', 'shares.formSubmit': 'RECV',
};

/** How far apart the event's clock and the session log's may be, either way. */
export const CAUSE_WINDOW_MS = 10_000;
/** A retried or resent v1 call carries no event time: its cause is looked for this far back. */
export const RETRIED_CALL_LOOKBACK_MS = 24 * 3_600_000;
/** Candidates fetched by the one query: a handful is already ambiguous. */
const CANDIDATE_LIMIT = 20;

/** What to ask the session log, or why the call cannot be matched. */
export type CausePlan =
  | { kind: 'query'; query: SessionQuery; operation: string; eventTime: number; from: number; to: number; eventTimeKnown: boolean }
  | { kind: 'unmatchable'; why: string };

export type CauseConfidence = 'exact' | 'likely' | 'none';

export interface CauseVerdict {
  confidence: CauseConfidence;
  /** The matched entry (exact, likely); undefined when none was found or the call cannot be matched. */
  entry?: SessionEntry;
  /** Entries that fit, the matched one included. */
  candidates: number;
  /** Why, in words. */
  why: string;
  /** False when the call carries nothing to look for (legacy calls): no query was made. */
  matchable: boolean;
}

const operationName = (operation: string): string => OPERATIONS[operation] ?? operation;

/** The one session-log query that finds the call's cause, or why there is none to make. */
export function planCauseQuery(call: WebhookCall): CausePlan {
  if (call.format === 'legacy') {
    return { kind: 'unmatchable', why: l10n.t('Legacy-format calls carry no user or path, so they cannot be matched to a session entry.') };
  }
  const operation = SESSION_OPERATION_OF_EVENT[call.event];
  if (!operation) {
    return { kind: 'unmatchable', why: l10n.t('The event {0} has no session operation to look for.', call.event) };
  }
  if (call.username === '' || call.resourcePath === '') {
    return { kind: 'unmatchable', why: l10n.t('This call carries no user or no path to look for.') };
  }
  const stamped = call.format === 'v2' ? parseTimestamp((call.details as { eventTimestamp?: unknown } | undefined)?.eventTimestamp) : undefined;
  // A v1 first attempt goes out seconds after the event; a retry or a resend much later, by an unknown delay.
  const firstAttempt = !call.resend && (call.attempt ?? 1) === 1;
  const eventTime = stamped ?? call.created;
  if (eventTime === undefined) {
    return { kind: 'unmatchable', why: l10n.t('This call carries no time to look around.') };
  }
  const eventTimeKnown = stamped !== undefined || firstAttempt;
  const from = eventTimeKnown ? eventTime - CAUSE_WINDOW_MS : eventTime - RETRIED_CALL_LOOKBACK_MS;
  const to = eventTime + CAUSE_WINDOW_MS;
  const query: SessionQuery = {
    startDate: isoTime(from), endDate: isoTime(to), username: call.username, path: call.resourcePath, type: operation, limit: CANDIDATE_LIMIT, sort: '-date',
  };
  return { kind: 'query', query, operation, eventTime, from, to, eventTimeKnown };
}

/** How well `entries` (what the plan's query returned) explain the call. */
export function judgeCause(call: WebhookCall, plan: Extract<CausePlan, { kind: 'query' }>, entries: readonly SessionEntry[]): CauseVerdict {
  const name = operationName(plan.operation);
  // The API matches as it likes (a `*` in a path is a wildcard, user names ignore case): keep exact fits only.
  const candidates = entries.filter((entry) => entry.operation === plan.operation && entry.fileName === call.resourcePath
    && entry.username.toLowerCase() === call.username.toLowerCase() && entry.created !== undefined && entry.created >= plan.from && entry.created <= plan.to);
  if (candidates.length === 0) {
    const why = plan.eventTimeKnown
      ? l10n.t('No {0} of {1} by {2} in the session log within {3} seconds of the event.', name, call.resourcePath, call.username, CAUSE_WINDOW_MS / 1000)
      : l10n.t('No {0} of {1} by {2} in the session log in the {3} hours before this call.', name, call.resourcePath, call.username, RETRIED_CALL_LOOKBACK_MS / 3_600_000);
    return { confidence: 'none', candidates: 0, why, matchable: true };
  }
  if (!plan.eventTimeKnown) {
    // Only entries before the call can have caused it; the latest of them is the likeliest.
    const before = candidates.filter((entry) => entry.created! <= plan.eventTime).sort((a, b) => b.created! - a.created!);
    const entry = before[0] ?? candidates[0]!;
    return {
      confidence: 'likely', entry, candidates: candidates.length, matchable: true,
      why: l10n.t('A retried or resent v1 call does not carry the time of its event: this is the latest {0} of this path by {1} before the call ({2} found).', name, call.username, candidates.length),
    };
  }
  const address = call.ipAddress;
  const distance = (entry: SessionEntry) => Math.abs(entry.created! - plan.eventTime);
  // Closest in time first; at the same distance, one from the call's address.
  const ranked = [...candidates].sort((a, b) => distance(a) - distance(b) || Number(b.ipAddress === address) - Number(a.ipAddress === address));
  const entry = ranked[0]!;
  const seconds = Math.round(distance(entry) / 1000);
  if (ranked.length > 1) {
    return {
      confidence: 'likely', entry, candidates: ranked.length, matchable: true,
      why: l10n.t('{0} entries ({1} of this path by {2}) within {3} seconds of the event: the closest, {4} s apart, is shown.', ranked.length, name, call.username, CAUSE_WINDOW_MS / 1000, seconds),
    };
  }
  if (address !== '' && entry.ipAddress !== address) {
    return {
      confidence: 'likely', entry, candidates: 1, matchable: true,
      why: l10n.t('The only {0} of this path by {1} within {2} seconds, {3} s apart, but from another address ({4}, the call says {5}).', name, call.username, CAUSE_WINDOW_MS / 1000, seconds, entry.ipAddress, address),
    };
  }
  return {
    confidence: 'exact', entry, candidates: 1, matchable: true,
    why: l10n.t('The only {0} of this path by {1} from this address within {2} seconds of the event ({3} s apart).', name, call.username, CAUSE_WINDOW_MS / 1000, seconds),
  };
}

/** What the matcher needs of a client: one session-log page. */
export interface SessionLog {
  getSessionActivity(query: SessionQuery, signal?: AbortSignal): Promise<{ entries: SessionEntry[] }>;
}

/** The call's cause: one session-log query, none for a call that cannot be matched. */
export async function findCause(log: SessionLog, call: WebhookCall, signal?: AbortSignal): Promise<CauseVerdict> {
  const plan = planCauseQuery(call);
  if (plan.kind === 'unmatchable') {
    return { confidence: 'none', candidates: 0, why: plan.why, matchable: false };
  }
  const { entries } = await log.getSessionActivity(plan.query, signal);
  return judgeCause(call, plan, entries);
}
