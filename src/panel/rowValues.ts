// Entries as the panel's table cells, column by column and keyed by column id: values as the server
// sent them (codes, text in full), for the webview to format when it paints them (see cellText).
import type { ActivityEntry } from '../api/models';
import { cellValue, columnFields, fieldById, LOGS } from '../activity/logSchema';
import type { ActivityKind } from '../search/search';

export type CellValue = string | number | null;

/** The cells of the columns `ids` names (the log's default columns when none), for each entry. */
export function rowColumns(kind: ActivityKind, entries: readonly ActivityEntry[], ids?: readonly string[]): Record<string, CellValue[]> {
  const log = LOGS[kind];
  const fields = ids ? ids.map((id) => fieldById(log, id)!) : columnFields(log);
  return Object.fromEntries(fields.map((field) => [field.id, entries.map((entry) => cellValue(field, entry))]));
}

/** Whether each entry failed, as its log counts failures. */
export const rowFailures = (kind: ActivityKind, entries: readonly ActivityEntry[]): boolean[] => entries.map(LOGS[kind].failure.failed);
