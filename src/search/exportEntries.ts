// A search's result as a file: every field of every entry, in the order shown. Made a piece at a
// time (a million rows of pretty JSON pass V8's longest string); see writeEntries in exportFile.ts.
import { LOGS, type ActivityKind } from '../activity/logSchema';
import type { ActivityEntry } from '../api/models';

/** An entry's field as exported: the model's value (see toJSON), the time as ISO 8601 (UTC) or null. */
function exportValue(entry: ActivityEntry, name: string): unknown {
  if (name === 'created') {
    return entry.created === undefined ? null : new Date(entry.created).toISOString();
  }
  return (entry as unknown as Record<string, unknown>)[name];
}

/** A field's value for a CSV cell: nested objects as JSON text, nothing as null. */
function flatValue(value: unknown): string | number | boolean | null {
  return value === undefined ? null : typeof value === 'object' && value !== null ? JSON.stringify(value) : value as string | number | boolean | null;
}

// A spreadsheet runs a cell that starts like a formula; log data is anyone's text, so such a cell
// gets a leading apostrophe (OWASP's advice for CSV injection). Spreadsheets also read a formula
// after leading spaces, and the full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) as their ASCII
// forms. Plain negative numbers stay as they are.
const FORMULA_START = /^(?:[\t\r]|\s*(?:[=+@\uff1d\uff0b\uff0d\uff20]|-(?![\d.]*$)))/;

function csvCell(value: string | number | boolean | null): string {
  if (value === null) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV, a line at a time: a header naming every field of the log's entries (its description's export fields), then a line an entry. */
export function* csvLines(kind: ActivityKind, entries: Iterable<ActivityEntry>): Generator<string> {
  const columns = LOGS[kind].exportFields;
  yield `${columns.map(csvCell).join(',')}\r\n`;
  for (const entry of entries) {
    // Read field by field: no copy of the entry (toJSON) for each of a million lines.
    let line = '';
    for (let column = 0; column < columns.length; column++) {
      line += `${column === 0 ? '' : ','}${csvCell(flatValue(exportValue(entry, columns[column]!)))}`;
    }
    yield `${line}\r\n`;
  }
}

/** Entries a JSON piece holds. */
export const JSON_ENTRIES_PER_PIECE = 100;

/**
 * A JSON array of the entries (every export field of each, as toJSON() gives them, the time in ISO
 * 8601), a hundred entries a piece: the same text as JSON.stringify(entries, null, 2).
 */
export function* jsonPieces(kind: ActivityKind, entries: Iterable<ActivityEntry>): Generator<string> {
  const fields = LOGS[kind].exportFields;
  let batch: Record<string, unknown>[] = [];
  let first = true;
  const piece = () => {
    // A pretty array of some of the elements, less its brackets, is those elements as the whole
    // array's text has them.
    const text = JSON.stringify(batch, null, 2);
    batch = [];
    const elements = `${first ? '[\n' : ',\n'}${text.slice(2, -2)}`;
    first = false;
    return elements;
  };
  for (const entry of entries) {
    const element: Record<string, unknown> = {};
    for (const name of fields) {
      element[name] = exportValue(entry, name);
    }
    batch.push(element);
    if (batch.length === JSON_ENTRIES_PER_PIECE) {
      yield piece();
    }
  }
  if (batch.length > 0) {
    yield piece();
  }
  yield first ? '[]\n' : '\n]\n';
}
