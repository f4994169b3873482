// Groups loaded entries for the sidebar. Entries arrive newest first and keep that order in a group.
import * as l10n from '@vscode/l10n';
import type { SessionEntry, WebhookCall } from '../api/models';

export interface Group<T> {
  /** Stable across refreshes: part of the tree item's id. */
  key: string;
  label: string;
  entries: T[];
  /** Entries that failed: failed logins, failed deliveries. */
  failed: number;
  /** The endpoint all its calls went to, when webhook calls are grouped by endpoint: what Resend Failed Calls acts on. */
  endpointUrl?: string;
}

export type WebhookGrouping = 'event' | 'status' | 'endpoint';

function groupBy<T extends { failed: boolean }>(entries: readonly T[], keyOf: (entry: T) => string, labelOf: (key: string, first: T) => string): Group<T>[] {
  const groups = new Map<string, Group<T>>();
  for (const entry of entries) {
    const key = keyOf(entry);
    let group = groups.get(key);
    if (!group) {
      group = { key, label: labelOf(key, entry), entries: [], failed: 0 };
      groups.set(key, group);
    }
    group.entries.push(entry);
    if (entry.failed) {
      group.failed++;
    }
  }
  // Map order is first-seen order, and entries come newest first: the group active most lately leads.
  return [...groups.values()];
}

/** By operation, under the file manager's name with the code: "Upload (STOR)". */
export function groupSessions(entries: readonly SessionEntry[]): Group<SessionEntry>[] {
  return groupBy(entries, (e) => e.operation || '?', (key, first) => (first.operationName === key ? key : `${first.operationName} (${key})`));
}

export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;

export function statusClass(call: WebhookCall): string {
  if (call.status === undefined || call.noAnswer) {
    return 'none';
  }
  return call.status >= 200 && call.status < 600 ? `${Math.floor(call.status / 100)}xx` : 'none';
}

export function groupWebhooks(entries: readonly WebhookCall[], by: WebhookGrouping): Group<WebhookCall>[] {
  if (by === 'event') {
    return groupBy(entries, (e) => e.event || '?', (key) => key);
  }
  if (by === 'endpoint') {
    return groupBy(entries, (e) => e.endpointUrl || '?', (key) => (key === '?' ? l10n.t('No endpoint') : key))
      .map((group) => (group.key === '?' ? group : { ...group, endpointUrl: group.key }));
  }
  const groups = groupBy(entries, statusClass, (key) => (key === 'none' ? l10n.t('No answer') : key));
  return groups.sort((a, b) => STATUS_CLASSES.indexOf(a.key as never) - STATUS_CLASSES.indexOf(b.key as never));
}
