// An entry's cells for the panel's table, in the order of COLUMNS: text made safe to show on one
// line, numbers left for the webview to format.
import * as l10n from '@vscode/l10n';
import type { SessionEntry, WebhookCall } from '../api/models';
import { displayText } from '../activity/displayText';
import { webhookStatusText } from '../activity/fields';

const line = (value: string) => displayText(value, 300);

export function sessionRow(entry: SessionEntry): (string | number | null)[] {
  return [
    entry.created ?? null,
    line(entry.operationName),
    line(entry.username),
    line(entry.ipAddress),
    line(entry.fileName),
    line(entry.fileSource),
    entry.bytesTransferred ?? null,
    entry.durationSeconds ?? null,
    line(entry.protocol),
    line(entry.failed ? l10n.t('failed') : entry.status),
  ];
}

export function webhookRow(call: WebhookCall): (string | number | null)[] {
  return [
    call.created ?? null,
    line(call.event),
    line(call.endpointUrl),
    line(webhookStatusText(call)),
    line(call.resourcePath),
    line(call.username),
    line(call.response),
  ];
}
