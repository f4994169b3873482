import * as vscode from 'vscode';
import type { WebhookCall } from '../api/models';
import { entryFields } from '../activity/fields';
import { webhookStatusText } from '../activity/logSchema';
import { displayText } from '../activity/displayText';
import { baseName, parentFolder } from '../activity/pathName';
import { formatRelative } from '../activity/format';
import { groupWebhooks, type WebhookGrouping } from '../activity/grouping';
import type { ActivityPresenter } from './presenter';
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

/** The webhook presenter; grouping by event, status class or endpoint is the user's choice. */
export function webhookPresenter(grouping: () => WebhookGrouping): ActivityPresenter<WebhookCall> {
  return {
    viewId: 'exavault.webhooks',
    kind: 'webhooks',
    noActivity: (hours) => vscode.l10n.t('No webhook calls in the last {0} hours.', hours),
    group: (entries) => groupWebhooks(entries, grouping()),
    groupingKey: grouping,
    entryItem(call, now) {
      // As session rows: the file's name first, the time first in the description, the folder last.
      const label = call.resourcePath ? baseName(call.resourcePath) : call.endpointUrl || call.eventLabel;
      const item = new vscode.TreeItem(displayText(label), vscode.TreeItemCollapsibleState.None);
      item.description = [
        formatRelative(call.created, now), webhookStatusText(call), displayText(host(call.endpointUrl), 64), call.resourcePath ? displayText(parentFolder(call.resourcePath)) : '',
      ].filter(Boolean).join(' · ');
      item.iconPath = webhookIcon(call);
      item.contextValue = call.resourcePath ? 'webhookCall.withPath' : 'webhookCall';
      return item;
    },
    entryTooltip: (call) => fieldsTooltip(call.eventLabel, entryFields(call)),
    groupIcon(group) {
      return group.failed ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('zap');
    },
    pathOf: (call) => call.resourcePath,
  };
}
