// The exporter as it was before exports were streamed (the whole file as one string, the CSV header
// from a scan of every row): the oracle the streamed pieces must match, text for text.
import type { ActivityEntry } from '../../../src/api/models';

function flatten(entry: ActivityEntry): Record<string, string | number | boolean | null> {
  const fields = entry.toJSON();
  const flat: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries({ ...fields, created: entry.created === undefined ? null : new Date(entry.created).toISOString() })) {
    flat[name] = value === undefined ? null : typeof value === 'object' && value !== null ? JSON.stringify(value) : value as string | number | boolean | null;
  }
  return flat;
}

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

export function todaysCsv(entries: readonly ActivityEntry[]): string {
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

export function todaysJson(entries: readonly ActivityEntry[]): string {
  return `${JSON.stringify(entries.map((entry) => ({ ...entry.toJSON(), created: entry.created === undefined ? null : new Date(entry.created).toISOString() })), null, 2)}\n`;
}
