// The activity the server serves while it runs: what it started with, entries that arrive (given,
// or generated as they would happen; calls to a listener that is down fail) and webhook calls resent
// through the API. Whatever the server makes is stamped by its clock, to the second, with ids above
// every existing one.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { SESSION_ENDPOINT, WEBHOOK_ENDPOINT } from './activityQuery';
import type { ArrivalGenerator } from '../generate/generateArrivals';
import { GrowingStore } from './growingStore';
import { sessionRowsFromEntries } from './sessionTable';
import type { StoreRows } from './store';
import { webhookRows } from './webhookTable';

export interface ArrivalInput {
  /** How many to generate (default 0), or exactly these entries, as they are: their ids must be free. */
  sessions?: number | SessionEntryWire[];
  webhooks?: number | WebhookEntryWire[];
}

/** A call resent through the API: which logged call, when (the server's clock), and the entry that logged it. */
export interface ResendRecord {
  activityId: number;
  at: number;
  loggedId: number;
}

/** What was added: generated entries newest first, given ones as they were given. */
export interface Arrived {
  sessions: SessionEntryWire[];
  webhooks: WebhookEntryWire[];
}

const MAX_GENERATED = 100_000;

export class LiveActivity {
  readonly sessions: GrowingStore<SessionEntryWire>;
  readonly webhooks: GrowingStore<WebhookEntryWire>;
  /** The id of the session entry that caused each webhook call that one caused, by call id; never served. */
  private readonly causes: Map<number, number>;
  /** The URLs of listeners that are down (an injected outage): calls to them fail. */
  private readonly down = new Set<string>();
  // Tests count what a client spent at the listener, not only at the API.
  private readonly resendRecords: ResendRecord[] = [];

  constructor(
    initial: { sessions: StoreRows<SessionEntryWire>; webhooks: readonly WebhookEntryWire[]; causes?: ReadonlyMap<number, number> },
    private readonly generator: ArrivalGenerator,
    /** The account's time, in milliseconds. */
    private readonly clock: () => number,
  ) {
    this.sessions = new GrowingStore(initial.sessions, sessionRowsFromEntries, SESSION_ENDPOINT.indexes);
    this.webhooks = new GrowingStore(webhookRows(initial.webhooks), webhookRows, WEBHOOK_ENDPOINT.indexes);
    this.causes = new Map(initial.causes);
  }

  /** The id of the session entry that caused the call with this id; undefined when made through the API (arrivals are) or given. */
  causeOf(webhookId: number): number | undefined {
    return this.causes.get(webhookId);
  }

  /** Every call with a cause, as [call id, session entry id], newest call first. */
  allCauses(): [number, number][] {
    return [...this.causes].sort((a, b) => b[0] - a[0]);
  }

  /** Adds the given entries, or that many generated ones arriving this second. A refused call changes nothing. */
  arrive(input: ArrivalInput): Arrived {
    // Everything is checked before anything is generated, so a refused call does not move the random streams either.
    const sessions = wanted(input.sessions, 'sessions', this.sessions);
    const webhooks = wanted(input.webhooks, 'webhooks', this.webhooks);
    const at = this.second();
    const arrived = {
      sessions: typeof sessions === 'number' ? this.generator.sessions(sessions, at, this.sessions.nextId()) : sessions,
      webhooks: typeof webhooks === 'number' ? this.generator.webhooks(webhooks, at, this.webhooks.nextId(), this.down) : webhooks,
    };
    this.sessions.add(arrived.sessions);
    this.webhooks.add(arrived.webhooks);
    return arrived;
  }

  /** Logs the call with this id as sent again now, and returns that entry; undefined when no call has the id. */
  resend(activityId: number): WebhookEntryWire | undefined {
    const original = this.webhooks.entryWithId(activityId);
    if (!original) {
      return undefined;
    }
    const at = this.second();
    const resent = this.generator.resent(original, this.webhooks.nextId(), at, this.isDown(original.attributes.endpointUrl ?? ''));
    this.webhooks.add([resent]);
    this.resendRecords.push({ activityId, at, loggedId: resent.id });
    // The same event sent again: the same cause.
    const cause = this.causes.get(activityId);
    if (cause !== undefined) {
      this.causes.set(resent.id, cause);
    }
    return resent;
  }

  /** Whether calls to the listener at `url` fail: from the start of its outage to its end. */
  isDown(url: string): boolean {
    return this.down.has(url);
  }

  setDown(url: string, down: boolean): void {
    if (down) {
      this.down.add(url);
    } else {
      this.down.delete(url);
    }
  }

  /** Every call resent through the API, oldest first. */
  resends(): ResendRecord[] {
    return this.resendRecords.map((record) => ({ ...record }));
  }

  private second(): number {
    return Math.floor(this.clock() / 1000) * 1000;
  }
}

/** The counts a POST /__control/arrive body asks for, or an Error naming what is wrong. */
export function checkArrivalCounts(value: unknown): { sessions: number; webhooks: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('The body must be a JSON object such as {"sessions": 5, "webhooks": 2}.');
  }
  const unknown = Object.keys(value).filter((name) => name !== 'sessions' && name !== 'webhooks');
  if (unknown.length > 0) {
    throw new Error(`Unknown field "${unknown[0]}": ask for "sessions" and "webhooks".`);
  }
  const { sessions, webhooks } = value as Record<string, unknown>;
  return { sessions: arrivalCount('sessions', sessions), webhooks: arrivalCount('webhooks', webhooks) };
}

/** The given entries, once their ids are known to be free, or how many to generate. */
function wanted<Entry extends { id: number }>(value: number | Entry[] | undefined, name: string, store: GrowingStore<Entry>): Entry[] | number {
  if (Array.isArray(value)) {
    store.checkNew(value);
    return value;
  }
  return arrivalCount(name, value);
}

function arrivalCount(name: string, value: unknown): number {
  if (value === undefined) {
    return 0;
  }
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_GENERATED) {
    throw new RangeError(`${name} must be a whole number from 0 to ${MAX_GENERATED}, not ${JSON.stringify(value)}.`);
  }
  return value as number;
}
