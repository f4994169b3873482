// Which failed calls of one endpoint a bulk resend sends, found with one bounded, oldest-first query.
// Free of `vscode`: the command asks and sends; this only reads the log.
import * as l10n from '@vscode/l10n';
import type { ExaVaultClient } from '../api/client';
import type { WebhookCall } from '../api/models';
import { detailsOf, textOf } from '../activity/detailParts';
import { formatTime, isoTime } from '../activity/format';
import { counted } from '../activity/counted';
import { logOf } from '../activity/logSchema';

/** Oldest first: resent calls reach the listener in the order their events happened. */
export const OLDEST_FIRST = 'date';

export interface ResendPlanRequest {
  endpointUrl: string;
  /** The failed calls looked at were logged from `from` to `to` (milliseconds). */
  from: number;
  to: number;
  /** Later deliveries are looked for up to here (the account's now): a resend is logged when it is made, after `to` too. */
  until: number;
  /** At most this many calls are sent in one run. */
  cap: number;
  /** Ids of calls this extension already resent with success in this account. */
  resentBefore: ReadonlySet<number>;
  pageSize: number;
  /** The query stops after this many API calls, saying the list may be incomplete. */
  maxRequests: number;
  signal?: AbortSignal;
}

export interface ResendPlan {
  endpointUrl: string;
  from: number;
  to: number;
  /** Failed calls to the endpoint logged in the range. */
  failed: number;
  /** Of those, the ones whose event a later call delivered (resent or retried), or this extension resent. */
  alreadyDelivered: number;
  /** Of those, other failed attempts of an event one call already stands for: an event is sent once. */
  repeats: number;
  /** What is left to send, oldest first, before the cap. */
  due: number;
  /** What this run sends: the first `cap` of them. */
  calls: WebhookCall[];
  /** API calls the query took. */
  requests: number;
  /** Why the query stopped early, when it did: the list may be incomplete. */
  warning?: string;
}

const failed = logOf('webhooks').failure.failed;

/**
 * The event a call delivers, when the log says enough to tell: the webhook, the event, the file, who
 * did it and (v2) when. A resend gets a new attemptId, so the attempt cannot tie it to its original;
 * v1 carries no event time, so a later delivery of the same event on the same file by the same user
 * counts for it. Legacy entries name no webhook: undefined, each call stands alone.
 */
function eventKey(call: WebhookCall): string | undefined {
  if (call.webhookId === undefined || !call.event || !call.resourcePath) {
    return undefined;
  }
  return JSON.stringify([call.webhookId, call.event, call.resourcePath, call.username, textOf(detailsOf(call).eventTimestamp)]);
}

/**
 * Reads the endpoint's calls from `from` to `until`, oldest first, and keeps the failed ones of the
 * range (status 400 or more, or no answer: the log's own failure definition) that still need sending:
 * - skipped when a later call delivered the same event (a resend or ExaVault's own retry: the listener
 *   has it), or when this extension resent that very call with success (ExaVault may log the resend
 *   later, and a legacy entry cannot be tied to its resend at all);
 * - an event that failed several times (retries) is sent once, as its first failed call.
 */
export async function planResend(client: ExaVaultClient, request: ResendPlanRequest): Promise<ResendPlan> {
  const calls: WebhookCall[] = [];
  let requests = 0;
  let warning: string | undefined;
  const query = { endpointUrl: request.endpointUrl, startDate: isoTime(request.from), endDate: isoTime(Math.max(request.to, request.until)), sort: OLDEST_FIRST };
  for await (const page of client.webhookPages(query, { pageSize: request.pageSize, signal: request.signal })) {
    // A server that ignores the filter is not followed: only this endpoint's calls count.
    calls.push(...page.entries.filter((call) => call.endpointUrl === request.endpointUrl));
    requests = page.requests;
    warning = page.warning;
    if (!warning && page.received === request.pageSize && requests >= request.maxRequests) {
      warning = l10n.t('Stopped reading the log after {0} API calls; there may be more failed calls than these.', requests);
    }
    if (warning) {
      break;
    }
  }
  calls.sort((a, b) => (a.created ?? 0) - (b.created ?? 0) || a.id - b.id);

  const deliveredAt = new Map<string, number>();
  for (const call of calls) {
    const key = eventKey(call);
    if (key !== undefined && !failed(call) && call.created !== undefined) {
      deliveredAt.set(key, call.created);
    }
  }
  let failedCount = 0;
  let alreadyDelivered = 0;
  let repeats = 0;
  const due: WebhookCall[] = [];
  const planned = new Set<string>();
  // Events this extension resent: their other failed attempts are covered too.
  const resent = new Set(calls.filter((call) => request.resentBefore.has(call.id)).map(eventKey).filter((key) => key !== undefined));
  for (const call of calls) {
    if (!failed(call) || call.created === undefined || call.created < request.from || call.created > request.to) {
      continue;
    }
    failedCount++;
    const key = eventKey(call);
    if (request.resentBefore.has(call.id) || (key !== undefined && (resent.has(key) || (deliveredAt.get(key) ?? -Infinity) > call.created))) {
      alreadyDelivered++;
    } else if (key !== undefined && planned.has(key)) {
      repeats++;
    } else {
      if (key !== undefined) {
        planned.add(key);
      }
      due.push(call);
    }
  }
  return {
    endpointUrl: request.endpointUrl, from: request.from, to: request.to,
    failed: failedCount, alreadyDelivered, repeats, due: due.length,
    calls: due.slice(0, Math.max(0, Math.floor(request.cap))),
    requests, ...(warning ? { warning } : {}),
  };
}

/**
 * What the plan found, before anything is sent: "12 failed calls to https://... between ... and ...;
 * 3 already delivered are skipped; 25 are sent (the cap per run), 4 wait for another run."
 */
export function resendPlanText(plan: ResendPlan, timeZone?: string): string {
  const parts = [l10n.t('{0} to {1} between {2} and {3}', l10n.t('{0} failed', counted(plan.failed, 'calls')), plan.endpointUrl,
    formatTime(plan.from, timeZone), formatTime(plan.to, timeZone))];
  if (plan.alreadyDelivered > 0) {
    parts.push(l10n.t('{0} already delivered since (resent or retried) are skipped', plan.alreadyDelivered));
  }
  if (plan.repeats > 0) {
    parts.push(l10n.t('{0} repeated attempts of an event sent once', plan.repeats));
  }
  parts.push(plan.calls.length < plan.due
    ? l10n.t('{0} to send now (the cap per run), {1} left for another run', plan.calls.length, plan.due - plan.calls.length)
    : l10n.t('{0} to send', plan.calls.length));
  return `${parts.join('; ')}.${plan.warning ? ` ${plan.warning}` : ''}`;
}
