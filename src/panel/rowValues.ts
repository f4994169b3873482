// Entries as the panel's table cells, column by column and keyed by column id: text made safe to
// show on one line, numbers left for the webview to format.
import type { ActivityEntry } from '../api/models';
import { displayText } from '../activity/displayText';
import { cellValue, columnFields, LOGS } from '../activity/logSchema';
import type { ActivityKind } from '../search/search';

export type CellValue = string | number | null;

export function rowColumns(kind: ActivityKind, entries: readonly ActivityEntry[]): Record<string, CellValue[]> {
  return Object.fromEntries(columnFields(LOGS[kind]).map((field) => [field.id, entries.map((entry) => {
    const value = cellValue(field, entry);
    return typeof value === 'string' ? displayText(value, 300) : value;
  })]));
}
