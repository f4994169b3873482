// Every field of an entry as label and text, in reading order: tooltips and details show these.
import type { ActivityEntry } from '../api/models';
import { detailText, logOfEntry } from './logSchema';

export type Field = readonly [label: string, value: string];

function extras(extra: Record<string, unknown>): Field[] {
  return Object.entries(extra).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as const);
}

/** The log's fields that have a value, then the attributes the client does not name, as they came. */
export function entryFields(entry: ActivityEntry): Field[] {
  const named = logOfEntry(entry).fields.map((field): Field => [field.label(), detailText(field, entry)]);
  return [...named, ...extras(entry.extra)].filter(([, value]) => value !== '');
}
