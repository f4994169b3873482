import * as vscode from 'vscode';
import type { WebhookCall } from '../api/models';
import { webhookFields, webhookStatusText } from '../activity/fields';
import { displayText } from '../activity/displayText';
import { formatRelative } from '../activity/format';
import { groupWebhooks, type WebhookGrouping } from '../activity/grouping';
import type { ActivityPresenter, FilterKind } from './presenter';
import { fieldsTooltip } from '../ui/fieldsTooltip';

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function webhookIcon(call: WebhookCall): vscode.ThemeIcon {
  if (call.noAnswer) {
    return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('errorForeground'));
  }
  if (call.failed) {
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  }
  return new vscode.ThemeIcon(call.resend ? 'redo' : 'pass');
}

/** The webhook presenter; grouping by event or by status class is the user's choice. */
export function webhookPresenter(grouping: () => WebhookGrouping): ActivityPresenter<WebhookCall> {
  return {
    viewId: 'exavault.webhooks',
    noActivity: (hours) => vscode.l10n.t('No webhook calls in the last {0} hours.', hours),
    pages: (client, query, options) => client.webhookPages(query, options),
    group: (entries) => groupWebhooks(entries, grouping()),
    groupingKey: grouping,
    entryItem(call, now) {
      const item = new vscode.TreeItem(displayText(call.resourcePath || call.endpointUrl || call.eventLabel), vscode.TreeItemCollapsibleState.None);
      item.description = [webhookStatusText(call), displayText(host(call.endpointUrl), 64), formatRelative(call.created, now)].filter(Boolean).join(' · ');
      item.iconPath = webhookIcon(call);
      item.contextValue = call.resourcePath ? 'webhookCall.withPath' : 'webhookCall';
      return item;
    },
    entryTooltip: (call) => fieldsTooltip(call.eventLabel, webhookFields(call)),
    groupIcon(group) {
      return group.failed ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('zap');
    },
    filterFor(call, kind) {
      // The webhook log's API filters: no IP address among them. A legacy entry's event is a human name the API does not take.
      const filters: Partial<Record<FilterKind, [string, string | number | undefined]>> = {
        user: ['username', call.username], path: ['resourcePath', call.resourcePath], endpoint: ['endpointUrl', call.endpointUrl],
        type: ['event', call.format === 'legacy' ? undefined : call.event], status: ['statusCode', call.status],
      };
      const [parameter, value] = filters[kind] ?? [];
      return parameter && value !== undefined && value !== '' ? { parameter, value } : undefined;
    },
    pathOf: (call) => call.resourcePath,
  };
}
