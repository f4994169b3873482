// The panel's table columns per log, from the log's description: shared by the extension (which
// fills and labels them) and the webview (which shows, sorts and refines them). Every field is a
// column the user can choose; the log's description says which show until they do.
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

/** The columns shown until the user chooses others. */
export const COLUMNS: Readonly<Record<ActivityKind, readonly ColumnSpec[]>> = { sessions: specs(LOGS.sessions), webhooks: specs(LOGS.webhooks) };

/** Every field of the log as a column, labelled in the extension's language, in reading order: what the chooser offers. */
export function panelColumns(kind: ActivityKind): PanelColumn[] {
  return LOGS[kind].fields.map((field) => ({ ...spec(field), label: field.label() }));
}

/**
 * The columns the webview holds: first those the charts and the failure mark read whether shown or
 * not (the time, the series, the top lists' fields), always in the same places, then the other
 * shown ones.
 */
export function heldColumns(kind: ActivityKind, shown: readonly string[]): string[] {
  const log = LOGS[kind];
  const read = log.fields.filter((field) => field.type === 'time' || field.chart !== undefined || field.id === log.failure.column).map((field) => field.id);
  return [...read, ...shown.filter((id) => !read.includes(id))];
}

/** Longest list a choice may be: more than any log has fields. */
const MAX_CHOSEN = 100;

/**
 * Shown columns as the webview, a restored panel or globalState give them: the log's field ids, each
 * once, in the order given (others, such as a field a later version dropped, are left out);
 * undefined when that leaves none.
 */
export function parseColumnChoice(kind: ActivityKind, value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_CHOSEN) {
    return undefined;
  }
  const known = new Set(LOGS[kind].fields.map((field) => field.id));
  const chosen = [...new Set(value.filter((id): id is string => typeof id === 'string' && known.has(id)))];
  return chosen.length > 0 ? chosen : undefined;
}

export interface SortOrder {
  column: string;
  descending: boolean;
}

export const DEFAULT_SORT: SortOrder = { column: 'time', descending: true };
