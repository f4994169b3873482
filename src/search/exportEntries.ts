// A search's result as a file: every field of every entry, in the order shown.
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

/** RFC 4180 CSV with a header row naming every field any entry has, in first-seen order. */
export function entriesToCsv(entries: readonly ActivityEntry[]): string {
  const rows = entries.map(flatten);
  const columns: string[] = [];
  const known = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!known.has(name)) {
        known.add(name);
        columns.push(name);
      }
    }
  }
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) {
    lines.push(columns.map((name) => csvCell(row[name] ?? null)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function entriesToJson(entries: readonly ActivityEntry[]): string {
  return `${JSON.stringify(entries.map((entry) => ({ ...entry.toJSON(), created: entry.created === undefined ? null : new Date(entry.created).toISOString() })), null, 2)}\n`;
}
