// The panel's table columns per log, from the log's description: shared by the extension (which
// fills and labels them) and the webview (which shows, sorts and refines them).
import { columnFields, LOGS, type CellShow, type FieldType, type LogDescription, type LogField } from '../activity/logSchema';
import type { ActivityKind } from '../search/search';
import type { PanelColumn } from './protocol';

export type ColumnType = FieldType;

export interface ColumnSpec {
  id: string;
  type: ColumnType;
  /** Initial width in pixels. */
  width: number;
  show?: CellShow;
  sortAs?: 'address';
}

const spec = (field: LogField): ColumnSpec => ({
  id: field.id, type: field.type, width: field.column.width, ...(field.show ? { show: field.show } : {}), ...(field.sortAs ? { sortAs: field.sortAs } : {}),
});
const specs = (log: LogDescription): ColumnSpec[] => columnFields(log).map(spec);

export const COLUMNS: Readonly<Record<ActivityKind, readonly ColumnSpec[]>> = { sessions: specs(LOGS.sessions), webhooks: specs(LOGS.webhooks) };

/** The columns with their labels, in the extension's language. */
export function panelColumns(kind: ActivityKind): PanelColumn[] {
  return columnFields(LOGS[kind]).map((field) => ({ ...spec(field), label: field.label() }));
}

export interface SortOrder {
  column: string;
  descending: boolean;
}

export const DEFAULT_SORT: SortOrder = { column: 'time', descending: true };
