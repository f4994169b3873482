// Webhook entries keep their objects (three shapes, nested details); the store gets columns of the
// fields it filters and sorts on. A legacy entry has no username, resourcePath or attemptId: "".
import type { WebhookEntryWire } from '../../src/api/wire';
import { CategoryColumn, type CategoryValue } from './columns';
import { parseFilterDate } from '../generate/dates';
import { newestFirstOrder, type StoreRows } from './store';

const COLUMNS = {
  endpointUrl: (a) => a.endpointUrl ?? '',
  event: (a) => a.event ?? '',
  // No status at all sorts before every real one (0 and curl errors included) and matches no filter.
  status: (a) => a.status ?? -1,
  username: (a) => (typeof a.username === 'string' ? a.username : ''),
  resourcePath: (a) => (typeof a.resourcePath === 'string' ? a.resourcePath : ''),
  attemptId: (a) => (typeof a.attemptId === 'string' ? a.attemptId : ''),
} satisfies Record<string, (attributes: WebhookEntryWire['attributes']) => CategoryValue>;

export function webhookRows(entries: readonly WebhookEntryWire[]): StoreRows<WebhookEntryWire> {
  const ids = Float64Array.from(entries, (entry) => entry.id);
  const created = Float64Array.from(entries, (entry) => parseFilterDate(entry.attributes.created ?? '') ?? 0);
  const order = newestFirstOrder(ids, created);
  const sorted = Array.from(order, (row) => entries[row]!);
  const columns = Object.fromEntries(Object.entries(COLUMNS).map(([name, read]) => {
    const column = CategoryColumn.withCapacity(sorted.length);
    sorted.forEach((entry, position) => column.set(position, read(entry.attributes)));
    return [name, column];
  }));
  return {
    ids: Float64Array.from(order, (row) => ids[row]!),
    created: Float64Array.from(order, (row) => created[row]!),
    columns,
    entryAt: (position) => sorted[position]!,
  };
}
