// Every field of an entry as label and text, in reading order: tooltips and details show these.
import type { ActivityEntry } from '../api/models';
import { detailParts } from './detailParts';
import { detailText, logOfEntry } from './logSchema';

export type Field = readonly [label: string, value: string];

function extras(extra: Record<string, unknown>): Field[] {
  return Object.entries(extra).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as const);
}

/** The log's fields (a webhook call's details parts aside), labelled. */
const namedFields = (entry: ActivityEntry): Field[] => logOfEntry(entry).fields.filter((field) => !field.partOfDetails).map((field): Field => [field.label(), detailText(field, entry)]);
const withValues = (fields: Field[]) => fields.filter(([, value]) => value !== '');

/** The log's fields that have a value, then the attributes the client does not name, as they came. */
export function entryFields(entry: ActivityEntry): Field[] {
  return withValues([...namedFields(entry), ...extras(entry.extra)]);
}

/** The details pane's fields: as entryFields, with each part of a webhook call's details labelled before the unnamed attributes. */
export function entryDetailFields(entry: ActivityEntry): Field[] {
  return withValues([...namedFields(entry), ...(entry.kind === 'webhook' ? detailParts(entry) : []), ...extras(entry.extra)]);
}
