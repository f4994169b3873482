// A search's result as a file: every field of every entry, in the order shown. Made a piece at a
// time (a million rows of pretty JSON pass V8's longest string); see writeEntries in exportFile.ts.
import { LOGS, type ActivityKind } from '../activity/logSchema';
import type { ActivityEntry } from '../api/models';
import { isoTimeFormatter } from './isoTime';

/** An entry's field as exported: the model's value (see toJSON), the time as ISO 8601 (UTC) or null. */
function exportValue(entry: ActivityEntry, name: string, isoTime: (ms: number) => string): unknown {
  if (name === 'created') {
    return entry.created === undefined ? null : isoTime(entry.created);
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
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Whether text starting with this character code can start like a formula: spaces and controls
 * (every \s is one, or beyond ASCII), = + - @, and anything beyond ASCII. Most cells start with a
 * letter, a digit or a slash: their formula test is skipped.
 */
const mayStartFormula = (code: number) => code <= 0x20 || code >= 0x7f || code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40;

/** A text cell: defused when it starts like a formula, quoted when it holds a quote, comma or line break. */
function csvText(value: string): string {
  const text = mayStartFormula(value.charCodeAt(0)) && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(value: string | number | boolean | null): string {
  return value === null ? '' : typeof value === 'string' ? csvText(value) : String(value);
}

/** A field's value as its CSV cell (the common kinds first: a cell of each of a million rows). */
function csvValue(value: unknown): string {
  switch (typeof value) {
    case 'string': return csvText(value);
    case 'number': return String(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'undefined': return '';
    default: return isEmptyObject(value) ? '{}' : csvCell(flatValue(value));
  }
}

/**
 * Whether JSON text of `value` is `{}`: a plain object without fields of its own (most entries'
 * `extra`), whose cell needs no JSON.stringify.
 */
function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  for (const name in value) {
    if (Object.prototype.hasOwnProperty.call(value, name)) {
      return false;
    }
  }
  return true;
}

/**
 * RFC 4180 CSV: a header naming every field of the log's entries (its description's export fields),
 * then a line an entry, ENTRIES_PER_PIECE lines a piece (the header in the first): a piece a line
 * would cost a million hand-overs.
 */
export function* csvPieces(kind: ActivityKind, entries: Iterable<ActivityEntry>): Generator<string> {
  const columns = LOGS[kind].exportFields;
  const isoTime = isoTimeFormatter();
  let piece = `${columns.map(csvCell).join(',')}\r\n`;
  let lines = 0;
  for (const entry of entries) {
    // Read field by field: no copy of the entry (toJSON) for each of a million lines.
    piece += csvValue(exportValue(entry, columns[0]!, isoTime));
    for (let column = 1; column < columns.length; column++) {
      piece += `,${csvValue(exportValue(entry, columns[column]!, isoTime))}`;
    }
    piece += '\r\n';
    if (++lines === ENTRIES_PER_PIECE) {
      yield piece;
      piece = '';
      lines = 0;
    }
  }
  if (piece !== '') {
    yield piece;
  }
}

/** Entries a piece holds, after CSV's header. */
export const ENTRIES_PER_PIECE = 100;

/**
 * A JSON array of the entries (every export field of each, as toJSON() gives them, the time in ISO
 * 8601), a hundred entries a piece: the same text as JSON.stringify(entries, null, 2).
 */
export function* jsonPieces(kind: ActivityKind, entries: Iterable<ActivityEntry>): Generator<string> {
  const fields = LOGS[kind].exportFields;
  const isoTime = isoTimeFormatter();
  let batch: Record<string, unknown>[] = [];
  let first = true;
  const piece = () => {
    // A pretty array of some of the elements, less its brackets, is those elements as the whole
    // array's text has them. (The platform's serialiser, a batch at a time, is faster than writing
    // the members by hand.)
    const text = JSON.stringify(batch, null, 2);
    batch = [];
    const elements = `${first ? '[\n' : ',\n'}${text.slice(2, -2)}`;
    first = false;
    return elements;
  };
  for (const entry of entries) {
    const element: Record<string, unknown> = {};
    for (const name of fields) {
      element[name] = exportValue(entry, name, isoTime);
    }
    batch.push(element);
    if (batch.length === ENTRIES_PER_PIECE) {
      yield piece();
    }
  }
  if (batch.length > 0) {
    yield piece();
  }
  yield first ? '[]\n' : '\n]\n';
}
