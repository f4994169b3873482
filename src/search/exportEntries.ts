// A search's result as a file: every field of every entry, in the order shown. Written a piece at a
// time (a million rows of pretty JSON pass V8's longest string), and whole for small results.
import { LOGS, type ActivityKind } from '../activity/logSchema';
import type { ActivityEntry } from '../api/models';

/** An entry's fields as flat values: nested objects as JSON text, the time as ISO 8601 (UTC). */
function flatten(entry: ActivityEntry): Record<string, string | number | boolean | null> {
  const fields = entry.toJSON();
  const flat: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries({ ...fields, created: entry.created === undefined ? null : new Date(entry.created).toISOString() })) {
    flat[name] = value === undefined ? null : typeof value === 'object' && value !== null ? JSON.stringify(value) : value as string | number | boolean | null;
  }
  return flat;
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
    const row = flatten(entry);
    yield `${columns.map((name) => csvCell(row[name] ?? null)).join(',')}\r\n`;
  }
}

const jsonEntry = (entry: ActivityEntry) => ({ ...entry.toJSON(), created: entry.created === undefined ? null : new Date(entry.created).toISOString() });

/** A JSON array of the entries, an entry at a time: the same text as JSON.stringify(entries, null, 2). */
export function* jsonPieces(entries: Iterable<ActivityEntry>): Generator<string> {
  let first = true;
  for (const entry of entries) {
    // An element of a pretty array is the element's own pretty text indented once more (line
    // breaks inside strings are escaped, so every \n is one of the layout's).
    yield `${first ? '[\n' : ',\n'}  ${JSON.stringify(jsonEntry(entry), null, 2).replace(/\n/g, '\n  ')}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}
