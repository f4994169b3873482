// Session entries as compact columns, built row by row (by the generator, or from a fixture) and
// then put newest first for the store.
import type { SessionEntryWire } from '../../src/api/wire';
import { CategoryColumn, reorder } from './columns';
import { formatTimestamp, parseFilterDate } from '../generate/dates';
import { newestFirstOrder, type StoreRows } from './store';

export interface SessionRow {
  id: number;
  /** Milliseconds since the epoch. */
  created: number;
  /** How `created` is written: 0 for `Z`, else this offset from UTC in minutes. */
  offsetMinutes: number;
  operation: string;
  username: string;
  ipAddress: string;
  protocol: string;
  fileName: string;
  fileSource: string;
  bytesTransferred: number;
  duration: number;
  sessionId: string;
  status: string;
}

const TEXT_FIELDS = ['operation', 'username', 'ipAddress', 'protocol', 'fileName', 'fileSource', 'sessionId', 'status'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export class SessionTableBuilder {
  private rows = 0;
  private readonly ids: Float64Array;
  private readonly created: Float64Array;
  private readonly offsets: Int16Array;
  private readonly bytes: Float64Array;
  private readonly durations: Float64Array;
  private readonly text: Record<TextField, CategoryColumn<string>>;

  constructor(private readonly capacity: number) {
    this.ids = new Float64Array(capacity);
    this.created = new Float64Array(capacity);
    this.offsets = new Int16Array(capacity);
    this.bytes = new Float64Array(capacity);
    this.durations = new Float64Array(capacity);
    this.text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, CategoryColumn.withCapacity<string>(capacity)])) as Record<TextField, CategoryColumn<string>>;
  }

  capacityLeft(): number {
    return this.capacity - this.rows;
  }

  add(row: SessionRow): void {
    if (this.rows === this.capacity) {
      throw new Error(`more than ${this.capacity} session rows`);
    }
    const at = this.rows++;
    this.ids[at] = row.id;
    this.created[at] = row.created;
    this.offsets[at] = row.offsetMinutes;
    this.bytes[at] = row.bytesTransferred;
    this.durations[at] = row.duration;
    for (const field of TEXT_FIELDS) {
      this.text[field].set(at, row[field]);
    }
  }

  /**
   * The rows newest first, each rendered from the columns. With `renumberFrom`, ids are replaced
   * by consecutive numbers in time order, so ids increase with `created`.
   */
  build(renumberFrom?: number): StoreRows<SessionEntryWire> {
    const order = newestFirstOrder(this.ids.subarray(0, this.rows), this.created.subarray(0, this.rows));
    const ids = renumberFrom === undefined ? reorder(this.ids, order) : Float64Array.from(order, (_, position) => renumberFrom + order.length - 1 - position);
    const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, this.text[field].reordered(order)])) as Record<TextField, CategoryColumn<string>>;
    return renderedRows(ids, reorder(this.created, order), reorder(this.offsets, order), text, reorder(this.bytes, order), reorder(this.durations, order));
  }
}

// Outside the builder on purpose: a closure made in one of its methods would keep the builder's
// unordered arrays (as much again as the columns) alive for as long as the server runs.
function renderedRows(ids: Float64Array, created: Float64Array, offsets: Int16Array, text: Record<TextField, CategoryColumn<string>>,
  bytesTransferred: Float64Array, duration: Float64Array): StoreRows<SessionEntryWire> {
  return {
    ids,
    created,
    columns: { ...text, bytesTransferred, duration },
    entryAt: (position) => ({
      id: ids[position]!,
      type: 'sessionActivity',
      attributes: {
        created: formatTimestamp(created[position]!, offsets[position]!),
        operation: text.operation.at(position),
        username: text.username.at(position),
        ipAddress: text.ipAddress.at(position),
        protocol: text.protocol.at(position),
        fileName: text.fileName.at(position),
        fileSource: text.fileSource.at(position),
        bytesTransferred: bytesTransferred[position]!,
        duration: duration[position]!,
        sessionId: text.sessionId.at(position),
        status: text.status.at(position),
      },
    }),
  };
}

/** Serves exactly the given entries (in any order): missing attributes filter and sort as "" or 0. */
export function sessionRowsFromEntries(entries: readonly SessionEntryWire[]): StoreRows<SessionEntryWire> {
  const builder = new SessionTableBuilder(entries.length);
  for (const { id, attributes: a } of entries) {
    builder.add({
      id,
      created: parseFilterDate(a.created ?? '') ?? 0,
      offsetMinutes: 0,
      operation: a.operation ?? '',
      username: a.username ?? '',
      ipAddress: a.ipAddress ?? '',
      protocol: a.protocol ?? '',
      fileName: a.fileName ?? '',
      fileSource: a.fileSource ?? '',
      bytesTransferred: a.bytesTransferred ?? 0,
      duration: a.duration ?? 0,
      sessionId: a.sessionId ?? '',
      status: a.status ?? '',
    });
  }
  const rows = builder.build();
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  if (byId.size !== entries.length) {
    throw new Error('session entry ids must be unique');
  }
  return { ...rows, entryAt: (position) => byId.get(rows.ids[position]!)! };
}
