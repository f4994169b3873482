import * as vscode from 'vscode';
import type { ActivityKind } from '../search/search';
import { COLUMNS } from './columns';
import type { PanelColumn } from './protocol';

function label(id: string): string {
  const t = vscode.l10n.t;
  const labels: Record<string, string> = {
    time: t('Time'), operation: t('Operation'), user: t('User'), ip: t('IP address'), path: t('Path'), source: t('Source path'),
    size: t('Size'), duration: t('Duration'), protocol: t('Protocol'), status: t('Status'), event: t('Event'), endpoint: t('Endpoint'),
    resource: t('Resource path'), response: t('Response'),
  };
  return labels[id] ?? id;
}

export function panelColumns(kind: ActivityKind): PanelColumn[] {
  return COLUMNS[kind].map((column) => ({ ...column, label: label(column.id) }));
}
