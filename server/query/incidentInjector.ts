// Incidents on demand (POST /__control/inject, --inject): entries a watch should notice, added to the
// logs at the account's clock and served like any other, and a record of exactly what each request
// added (GET /__control/injected), so tests compare what a watch finds with what was injected.
// A request spread over minutes starts now and moves the account's clock on to its last entry: the
// entries are never in the account's future, and a client asking for what is new since its last look
// finds all of them.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { OPERATIONS } from '../../src/api/wire';
import type { IncidentGenerator, Slot } from '../generate/generateIncidents';
import type { UserProfile, Vocabulary } from '../generate/vocabulary';
import type { AccountClock } from './accountClock';
import type { LiveActivity } from './liveActivity';

export const INCIDENT_KINDS = ['outage', 'outage-end', 'failed-logins', 'mass-deletion', 'path-activity'] as const;
export type IncidentKind = typeof INCIDENT_KINDS[number];

/** What POST /__control/inject takes: the kind, and what it is about (each has a default). */
export type IncidentRequest =
  /** The listener fails from now (`calls` failed calls over `minutes`, then every call to it) until its outage ends. */
  | { kind: 'outage'; endpointUrl?: string; calls?: number; minutes?: number }
  /** The listener answers again: `calls` successful calls over `minutes`, and every call after as usual. */
  | { kind: 'outage-end'; endpointUrl?: string; calls?: number; minutes?: number }
  /** `count` failed PASS over `minutes`: from one address against one or several names, or against one name from several addresses. */
  | { kind: 'failed-logins'; count?: number; minutes?: number; ipAddresses?: string[]; usernames?: string[] }
  /** `count` DELE by one user of files in one folder over `minutes`. */
  | { kind: 'mass-deletion'; count?: number; minutes?: number; username?: string; folder?: string }
  /** `count` of the operations in turn, on files in the folder, by one user over `minutes`. */
  | { kind: 'path-activity'; path: string; operations?: string[]; count?: number; minutes?: number; username?: string };

/** What an injection was about. */
export interface InjectedSubject {
  endpointUrl?: string;
  ipAddresses?: string[];
  usernames?: string[];
  username?: string;
  /** The folder the entries are in (without a trailing `/` or `*`). */
  path?: string;
  operations?: string[];
}

/** Exactly what one request added. */
export interface InjectedIncident {
  /** 1 for the first request, and on. */
  sequence: number;
  kind: IncidentKind;
  log: 'sessions' | 'webhooks';
  subject: InjectedSubject;
  /** Oldest first, one second apart or more; `created` as served. */
  entries: { id: number; created: string }[];
  /** The first and last entry's time, in milliseconds. */
  firstTime: number;
  lastTime: number;
}

const MAX_COUNT = 10_000;
const MAX_MINUTES = 24 * 60;
const SECOND = 1000;
const FIELDS: Readonly<Record<IncidentKind, readonly string[]>> = {
  'outage': ['endpointUrl', 'calls', 'minutes'],
  'outage-end': ['endpointUrl', 'calls', 'minutes'],
  'failed-logins': ['count', 'minutes', 'ipAddresses', 'usernames'],
  'mass-deletion': ['count', 'minutes', 'username', 'folder'],
  'path-activity': ['path', 'operations', 'count', 'minutes', 'username'],
};

export class IncidentInjector {
  private readonly record: InjectedIncident[] = [];

  constructor(
    private readonly activity: LiveActivity,
    private readonly clock: AccountClock,
    private readonly generator: IncidentGenerator,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** Adds what the request asks for now, and returns its record. A refused request (an Error naming the problem) changes nothing. */
  inject(asked: IncidentRequest): InjectedIncident {
    const request = checkIncidentRequest(asked);
    switch (request.kind) {
      case 'outage':
      case 'outage-end': {
        const endpoint = this.endpoint(request.endpointUrl);
        const down = request.kind === 'outage';
        if (!down && !this.activity.isDown(endpoint.url)) {
          throw new Error(`${endpoint.url} is not down: start its outage first.`);
        }
        const slots = this.slots(this.activity.webhooks.nextId(), request.calls ?? (down ? 5 : 1), request.minutes ?? (down ? 4 : 0));
        this.activity.setDown(endpoint.url, down);
        return this.add(request.kind, { endpointUrl: endpoint.url }, { webhooks: this.generator.calls(endpoint, slots, down) });
      }
      case 'failed-logins': {
        const { ipAddresses, usernames } = request;
        if ((ipAddresses?.length ?? 1) > 1 && (usernames?.length ?? 1) > 1) {
          throw new Error('A burst comes from one address against several names, or against one name from several addresses: not both.');
        }
        const addresses = ipAddresses ?? [this.generator.attackerAddress()];
        const names = usernames ?? this.generator.guessedNames(addresses.length > 1 ? 1 : 3);
        const slots = this.slots(this.activity.sessions.nextId(), request.count ?? 20, request.minutes ?? 5);
        return this.add(request.kind, { ipAddresses: addresses, usernames: names }, { sessions: this.generator.failedLogins(slots, addresses, names) });
      }
      case 'mass-deletion': {
        const { user, folder } = this.personIn(request.username, request.folder);
        const slots = this.slots(this.activity.sessions.nextId(), request.count ?? 25, request.minutes ?? 3);
        return this.add(request.kind, { username: user.name, path: folder }, { sessions: this.generator.deletions(slots, user, folder) });
      }
      case 'path-activity': {
        const { user, folder } = this.personIn(request.username, request.path);
        const operations = request.operations ?? ['STOR'];
        const slots = this.slots(this.activity.sessions.nextId(), request.count ?? 3, request.minutes ?? 1);
        return this.add(request.kind, { path: folder, operations, username: user.name }, { sessions: this.generator.folderActivity(slots, user, folder, operations) });
      }
    }
  }

  /** Every request's record, in the order they were made. */
  injected(): InjectedIncident[] {
    return this.record.map((incident) => structuredClone(incident));
  }

  private add(kind: IncidentKind, subject: InjectedSubject, entries: { sessions?: SessionEntryWire[]; webhooks?: WebhookEntryWire[] }): InjectedIncident {
    const added = [...(entries.sessions ?? []), ...(entries.webhooks ?? [])];
    this.activity.arrive(entries);
    const times = added.map((entry) => Date.parse(entry.attributes.created!));
    this.clock.reach(times[times.length - 1]!);
    const incident: InjectedIncident = {
      sequence: this.record.length + 1,
      kind,
      log: entries.sessions ? 'sessions' : 'webhooks',
      subject,
      entries: added.map((entry) => ({ id: entry.id, created: entry.attributes.created! })),
      firstTime: times[0]!,
      lastTime: times[times.length - 1]!,
    };
    this.record.push(incident);
    return structuredClone(incident);
  }

  /** `count` slots from the clock's second on, spread evenly over `minutes` (to the second), ids from `firstId` up. */
  private slots(firstId: number, count: number, minutes: number): Slot[] {
    const start = Math.floor(this.clock.now() / SECOND) * SECOND;
    const span = minutes * 60;
    return Array.from({ length: count }, (_, i) => ({ id: firstId + i, at: start + (count > 1 ? Math.floor((i * span) / (count - 1)) : 0) * SECOND }));
  }

  private endpoint(url: string | undefined) {
    // The listener that watches everything when none is named: the one the history's outage hit.
    const endpoint = url === undefined ? this.vocabulary.endpoints[0] : this.vocabulary.endpoints.find((candidate) => candidate.url === url);
    if (!endpoint) {
      throw new Error(`No webhook sends to ${url}: try one of ${this.vocabulary.endpoints.map((candidate) => candidate.url).join(', ')}.`);
    }
    return endpoint;
  }

  /** The user named (someone of the staff by default) and the folder (a trailing `/` or `*` dropped; one the user works in by default). */
  private personIn(username: string | undefined, path: string | undefined): { user: UserProfile; folder: string } {
    const chosen = this.generator.personAtWork();
    const user = username === undefined ? chosen.user : this.vocabulary.users.find((candidate) => candidate.name === username);
    if (!user) {
      throw new Error(`No user ${username}: try one of ${this.vocabulary.users.map((candidate) => candidate.name).join(', ')}.`);
    }
    const folder = path === undefined ? (username === undefined ? chosen.folder : this.vocabulary.folders[user.folders[0]!]!.path) : path.replace(/\/?\*?$/, '');
    return { user, folder };
  }
}

/** The request a POST /__control/inject body (or an --inject flag) asks for, or an Error naming what is wrong. */
export function checkIncidentRequest(value: unknown): IncidentRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('The body must be a JSON object such as {"kind": "outage", "endpointUrl": "https://..."}.');
  }
  const body = value as Record<string, unknown>;
  const kind = body.kind as IncidentKind;
  if (!INCIDENT_KINDS.includes(kind)) {
    throw new Error(`"kind" must be one of ${INCIDENT_KINDS.join(', ')}, not ${JSON.stringify(body.kind)}.`);
  }
  const unknown = Object.keys(body).find((name) => name !== 'kind' && !FIELDS[kind].includes(name));
  if (unknown !== undefined) {
    throw new Error(`Unknown field "${unknown}" for ${kind}: it takes ${FIELDS[kind].join(', ')}.`);
  }
  if (kind === 'path-activity' && body.path === undefined) {
    throw new Error('path-activity needs "path": the folder, such as "/Finance/*".');
  }
  for (const name of ['calls', 'count']) {
    wholeNumber(body, name, 1, MAX_COUNT);
  }
  wholeNumber(body, 'minutes', 0, MAX_MINUTES);
  for (const name of ['endpointUrl', 'username', 'folder', 'path']) {
    if (body[name] !== undefined && (typeof body[name] !== 'string' || body[name] === '')) {
      throw new Error(`"${name}" must be a non-empty string, not ${JSON.stringify(body[name])}.`);
    }
  }
  for (const name of ['ipAddresses', 'usernames', 'operations']) {
    const list = body[name];
    if (list !== undefined && (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== ''))) {
      throw new Error(`"${name}" must be a list of one or more non-empty strings, not ${JSON.stringify(list)}.`);
    }
  }
  const wrong = (body.operations as string[] | undefined)?.find((operation) => !Object.hasOwn(OPERATIONS, operation));
  if (wrong !== undefined) {
    throw new Error(`"${wrong}" is no operation code: try STOR, RETR, DELE, MOVE...`);
  }
  return body as IncidentRequest;
}

function wholeNumber(body: Record<string, unknown>, name: string, min: number, max: number): void {
  const value = body[name];
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < min || (value as number) > max)) {
    throw new Error(`"${name}" must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`);
  }
}
