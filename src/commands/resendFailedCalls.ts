import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import { formatTime } from '../activity/format';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import type { ExaVaultClient } from '../api/client';
import { resolveRange } from '../search/search';
import { settings } from '../settings';
import type { ActivityCommandArgs, ActivityViews } from '../treeViews/views';
import { abortSignalOf } from '../util/cancellation';
import { resendCalls, resendResultLine, resendSummary, type ResendReport } from '../webhooks/resendCalls';
import { planResend, resendPlanText, type ResendPlan } from '../webhooks/resendPlan';
import type { ResendFailedCallsArgs } from '../webhooks/resendFailedArgs';
import type { ResentMemory } from '../webhooks/resentMemory';

/** API calls one look for failed calls may take: 50 pages of the page size, then it says the list may be incomplete. */
const MAX_PLAN_REQUESTS = 50;

export interface ResendFailedCallsServices {
  views: ActivityViews;
  store: AccountStore;
  clients: AccountClients;
  memory: ResentMemory;
  log: vscode.LogOutputChannel;
}

/**
 * "Resend Failed Calls..." on an endpoint: finds its failed calls still due (resendPlan), says how many
 * and over which range, asks, then sends them one by one with Cancel; never on its own, never retried.
 * Each call's result goes to the output log, the run's summary to a notification. Resolves with the
 * run's report (undefined when nothing was sent: nothing due, declined, or a failure already shown).
 */
export function registerResendFailedCallsCommand(services: ResendFailedCallsServices): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.resendFailedCalls', async (target?: ResendFailedCallsArgs | ActivityCommandArgs): Promise<ResendReport | undefined> => {
    const args = argsOf(target);
    const account = args?.accountId ? services.store.list().find((candidate) => candidate.id === args.accountId) : services.store.active();
    if (!args || !account) {
      return undefined;
    }
    const client = (await services.clients.get(account.id))?.client;
    if (!client) {
      return undefined;
    }
    const plan = await findDue(client, account, args, services);
    if (!plan || !(await confirmed(plan))) {
      return undefined;
    }
    const report = await send(client, account, plan, services);
    await services.memory.remember(account.id, report.results.filter((result) => result.outcome === 'sent').map((result) => result.call.id));
    const summary = resendSummary(report);
    services.log.info(`${plan.endpointUrl}: ${summary}`);
    const showLog = vscode.l10n.t('Show Each Result');
    const shown = report.failed + report.notSent > 0
      ? vscode.window.showWarningMessage(plainText(summary, MESSAGE_LENGTH), showLog)
      : vscode.window.showInformationMessage(plainText(summary, MESSAGE_LENGTH), showLog);
    void shown.then((choice) => {
      if (choice === showLog) {
        services.log.show();
      }
    });
    await services.views.webhooks.refresh();
    return report;
  });
}

/** The endpoint and range: given as such, or an endpoint group of the Webhook Calls view over its time window. */
function argsOf(target: ResendFailedCallsArgs | ActivityCommandArgs | undefined): ResendFailedCallsArgs | undefined {
  if (target && 'endpointUrl' in target && typeof target.endpointUrl === 'string' && target.endpointUrl) {
    return target;
  }
  if (target && 'kind' in target && target.kind === 'group' && target.group.endpointUrl) {
    return { endpointUrl: target.group.endpointUrl };
  }
  return undefined;
}

async function findDue(client: ExaVaultClient, account: Account, args: ResendFailedCallsArgs, services: ResendFailedCallsServices): Promise<ResendPlan | undefined> {
  const now = Date.now();
  const { from, to } = args.range ? resolveRange(args.range, new Date(now)) : { from: now - settings.timeWindowMs(), to: now };
  try {
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for failed calls to {0}...', plainText(args.endpointUrl)), cancellable: true },
      async (_progress, token) => {
        const cancellation = abortSignalOf(token);
        try {
          return await planResend(client, {
            endpointUrl: args.endpointUrl, from, to, until: now, cap: settings.resendCap(), resentBefore: services.memory.ids(account.id),
            pageSize: settings.pageSize(), maxRequests: MAX_PLAN_REQUESTS, signal: cancellation.signal,
          });
        } finally {
          cancellation.dispose();
        }
      },
    );
    services.log.info(`${resendPlanText(plan)} (${plan.requests} API calls)`);
    if (plan.calls.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to resend: {0}', plainText(resendPlanText(plan), 1000)));
      return undefined;
    }
    return plan;
  } catch (error) {
    const message = services.clients.describeFailure(error, account);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not look for failed calls to resend: {0}', plainText(message, MESSAGE_LENGTH)));
    return undefined;
  }
}

async function confirmed(plan: ResendPlan): Promise<boolean> {
  const resend = vscode.l10n.t('Resend {0}', plan.calls.length);
  const capped = plan.calls.length < plan.due
    ? ` ${vscode.l10n.t('At most {0} are sent per run (the setting exavault.webhooks.resendCap); run it again for the rest.', plan.calls.length)}`
    : '';
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Resend {0} failed calls to {1}?', plan.calls.length, plainText(plan.endpointUrl)),
    {
      modal: true,
      detail: `${plainText(resendPlanText(plan), 2000)}${capped} ${vscode.l10n.t('Each listener receives the webhook message again. Each call is sent once, oldest first; nothing retries a failed one.')}`,
    },
    resend,
  );
  return choice === resend;
}

function send(client: ExaVaultClient, account: Account, plan: ResendPlan, services: ResendFailedCallsServices): Thenable<ResendReport> {
  const total = plan.calls.length;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Resending failed calls to {0}', plainText(plan.endpointUrl)), cancellable: true },
    (progress, token) => resendCalls(client, plan.calls, {
      cancelled: () => token.isCancellationRequested,
      describe: (error) => services.clients.describeFailure(error, account),
      onResult: (result, done) => {
        services.log.info(resendResultLine(result, formatTime(result.call.created)));
        progress.report({ increment: 100 / total, message: vscode.l10n.t('{0} of {1}', done, total) });
      },
    }),
  );
}
