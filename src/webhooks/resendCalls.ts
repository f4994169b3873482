// Sends a planned bulk resend: one POST per call, one after the other, none ever retried (the
// listener would receive the call again each time). Free of `vscode`: the command shows progress.
import * as l10n from '@vscode/l10n';
import type { ExaVaultClient } from '../api/client';
import { ExaVaultError } from '../api/errors';
import type { WebhookCall } from '../api/models';

export type ResendResult =
  | { call: WebhookCall; outcome: 'sent' }
  /** ExaVault refused or failed this one; the next is sent all the same. */
  | { call: WebhookCall; outcome: 'failed'; reason: string }
  | { call: WebhookCall; outcome: 'notSent'; reason: 'cancelled' | 'rateLimited' };

export interface ResendReport {
  results: ResendResult[];
  sent: number;
  failed: number;
  notSent: number;
  /** Why the calls not sent were not: the user cancelled, or the account's allowance ran out (429). */
  stoppedBy?: 'cancelled' | 'rateLimited';
}

export interface ResendOptions {
  /** Read before each call: true stops before the next one (a call under way is let finish: it may already have reached the listener). */
  cancelled: () => boolean;
  /** A failure in words for the user. */
  describe: (error: unknown) => string;
  /** After each call, with its result and how many are done. */
  onResult?: (result: ResendResult, done: number) => void;
}

export async function resendCalls(client: ExaVaultClient, calls: readonly WebhookCall[], options: ResendOptions): Promise<ResendReport> {
  const results: ResendResult[] = [];
  let stoppedBy: ResendReport['stoppedBy'];
  for (const call of calls) {
    let result: ResendResult;
    if (stoppedBy || options.cancelled()) {
      stoppedBy ??= 'cancelled';
      result = { call, outcome: 'notSent', reason: stoppedBy };
    } else {
      try {
        await client.resendWebhook(call.id);
        result = { call, outcome: 'sent' };
      } catch (error) {
        // Past the allowance every further call would be refused and spend nothing useful: stop here.
        if (error instanceof ExaVaultError && error.kind === 'rateLimited') {
          stoppedBy = 'rateLimited';
        }
        result = { call, outcome: 'failed', reason: options.describe(error) };
      }
    }
    results.push(result);
    options.onResult?.(result, results.length);
  }
  const count = (outcome: ResendResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return { results, sent: count('sent'), failed: count('failed'), notSent: count('notSent'), ...(stoppedBy ? { stoppedBy } : {}) };
}

/** The run in one line: "Sent 9, failed 1: <reason>, not sent 2 (cancelled)." */
export function resendSummary(report: ResendReport): string {
  const parts = [l10n.t('Sent {0}', report.sent)];
  const firstFailure = report.results.find((result) => result.outcome === 'failed');
  if (firstFailure) {
    parts.push(report.failed === 1
      ? l10n.t('failed 1: {0}', firstFailure.reason)
      : l10n.t('failed {0}, the first: {1}', report.failed, firstFailure.reason));
  }
  if (report.notSent > 0) {
    parts.push(report.stoppedBy === 'rateLimited'
      ? l10n.t('not sent {0} (the account\'s daily API allowance ran out)', report.notSent)
      : l10n.t('not sent {0} (cancelled)', report.notSent));
  }
  return l10n.t('{0}.', parts.join(', '));
}

/** One call's result as a line of the run's log: "Sent call 123 (resources.upload /a/b.txt at ...)." */
export function resendResultLine(result: ResendResult, when: string): string {
  const { call } = result;
  const what = [call.event, call.resourcePath, when].filter(Boolean).join(' ');
  switch (result.outcome) {
    case 'sent': return l10n.t('Sent call {0} ({1}).', call.id, what);
    case 'failed': return l10n.t('Failed to send call {0} ({1}): {2}', call.id, what, result.reason);
    case 'notSent': return result.reason === 'rateLimited'
      ? l10n.t('Did not send call {0} ({1}): the account\'s daily API allowance ran out.', call.id, what)
      : l10n.t('Did not send call {0} ({1}): cancelled.', call.id, what);
  }
}
