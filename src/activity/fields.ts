// Every field of an entry as label and text, in reading order: tooltips and details show these.
import * as l10n from '@vscode/l10n';
import type { SessionEntry, WebhookCall } from '../api/models';
import { formatBytes, formatDuration, formatTime } from './format';

export type Field = readonly [label: string, value: string];

const present = (fields: Field[]): Field[] => fields.filter(([, value]) => value !== '');

function extras(extra: Record<string, unknown>): Field[] {
  return Object.entries(extra).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as const);
}

export function sessionFields(entry: SessionEntry): Field[] {
  return present([
    [l10n.t('Operation'), entry.operationName === entry.operation ? entry.operation : `${entry.operationName} (${entry.operation})`],
    [l10n.t('Time'), formatTime(entry.created) || entry.createdText],
    [l10n.t('User'), entry.username],
    [l10n.t('IP address'), entry.ipAddress],
    [l10n.t('Path'), entry.fileName],
    [l10n.t('Source path'), entry.fileSource],
    [l10n.t('Size'), formatBytes(entry.bytesTransferred)],
    [l10n.t('Duration'), formatDuration(entry.durationSeconds)],
    [l10n.t('Protocol'), entry.protocol],
    [l10n.t('Status'), entry.failed ? l10n.t('failed') : entry.status],
    [l10n.t('Session'), entry.sessionId],
    [l10n.t('Entry id'), String(entry.id)],
    ...extras(entry.extra),
  ]);
}

export function webhookStatusText(call: WebhookCall): string {
  if (call.status === undefined) {
    return '';
  }
  return call.noAnswer ? l10n.t('no answer (error {0})', call.status) : String(call.status);
}

export function webhookFields(call: WebhookCall): Field[] {
  return present([
    [l10n.t('Event'), call.eventLabel === call.event ? call.event : `${call.eventLabel} (${call.event})`],
    [l10n.t('Time'), formatTime(call.created) || call.createdText],
    [l10n.t('Endpoint'), call.endpointUrl],
    [l10n.t('Status'), webhookStatusText(call)],
    [l10n.t('Response'), call.response],
    [l10n.t('Response size'), formatBytes(call.responseSize)],
    [l10n.t('Resource path'), call.resourcePath],
    [l10n.t('User'), call.username],
    [l10n.t('IP address'), call.ipAddress],
    [l10n.t('Attempt'), call.attempt === undefined ? '' : String(call.attempt)],
    [l10n.t('Attempt id'), call.attemptId],
    [l10n.t('Resent'), call.resend ? l10n.t('yes') : ''],
    [l10n.t('Webhook id'), call.webhookId === undefined ? '' : String(call.webhookId)],
    [l10n.t('Format'), call.format],
    [l10n.t('Entry id'), String(call.id)],
    ...extras(call.extra),
  ]);
}
