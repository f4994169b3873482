// Wire entries as the typed models. Pages of a thousand entries arrive many times a minute and a
// panel may hold a million, so a model is a thin view over the parsed attributes: fields are read
// (and normalized) when asked for, the time is parsed once, and nothing is copied up front.
import { SESSION_MODEL_FIELDS, WEBHOOK_MODEL_FIELDS, type Resource, type SessionEntry, type WebhookCall, type WebhookFormat } from './models';
import { isNoAnswer, OPERATIONS, type ResourceWire, type SessionEntryWire, type WebhookEntryWire, type WebhookV1DetailsWire, type WebhookV2DetailsWire } from './wire';

/**
 * `table[key]` when the table has `key` as its own property. Keys come from the server, and a plain
 * lookup of "constructor" or "__proto__" finds Object.prototype's members instead of nothing.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

// A set, not a table: a field named "constructor" or "__proto__" is not among them (see ownValue).
const known = (names: string[]): ReadonlySet<string> => new Set(names);
const SESSION_FIELDS = known(['created', 'operation', 'username', 'ipAddress', 'protocol', 'fileName', 'fileSource',
  'bytesTransferred', 'duration', 'sessionId', 'status']);
const WEBHOOK_FIELDS = known(['webhookFormat', 'webhookId', 'attemptId', 'accountId', 'resend', 'endpointUrl', 'event',
  'status', 'ipAddress', 'response', 'webhookPath', 'resourcePath', 'username', 'created', 'details', 'attempt', 'responseSize']);

/** Legacy entries name events as the file manager does. */
const LEGACY_EVENTS: Readonly<Record<string, string>> = {
  upload: 'resources.upload', download: 'resources.download', delete: 'resources.delete',
  'create folder': 'resources.createFolder', createfolder: 'resources.createFolder', rename: 'resources.rename',
  move: 'resources.move', copy: 'resources.copy', compress: 'resources.compress', extract: 'resources.extract',
  'form submit': 'shares.formSubmit', formsubmit: 'shares.formSubmit',
};

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Milliseconds since the epoch, or undefined. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') {
    return undefined;
  }
  // The usual case, an ISO time ending in Z or an offset (±hh:mm), goes straight to the platform's parser.
  const last = value.charCodeAt(value.length - 1);
  const sign = value.charCodeAt(value.length - 6);
  if (value.charCodeAt(10) === 84 /* T */ && (last === 90 /* Z */ || sign === 43 /* + */ || (sign === 45 /* - */ && value.length > 19))) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  // "2020-12-09 14:00:00" and zone-less times are UTC, as ExaVault writes them.
  let iso = value.includes('T') ? value : value.replace(' ', 'T');
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) {
    iso += 'Z';
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

const NO_EXTRA: Record<string, unknown> = Object.freeze({});

function extraFields(attributes: Record<string, unknown>, knownFields: ReadonlySet<string>): Record<string, unknown> {
  let extra: Record<string, unknown> | undefined;
  for (const name in attributes) {
    if (!knownFields.has(name)) {
      // Defined, not assigned: a field named "__proto__" stays a field (assigning it would set the prototype).
      Object.defineProperty(extra ??= {}, name, { value: attributes[name], enumerable: true, writable: true, configurable: true });
    }
  }
  return extra ?? NO_EXTRA;
}

const UNPARSED = -Infinity;

// Grouping asks every entry for its operation on each refresh: the few distinct codes are upper-cased once.
const upperCased = new Map<string, string>();
function upperCase(value: unknown): string {
  const raw = text(value);
  let upper = upperCased.get(raw);
  if (upper === undefined) {
    upper = raw.toUpperCase();
    if (upperCased.size < 1000) {
      upperCased.set(raw, upper);
    }
  }
  return upper;
}

/** What both models share: the id, the time (parsed once, on first use), fields the model lacks, JSON. */
abstract class EntryView {
  private time = UNPARSED as number | undefined;

  constructor(readonly id: number, protected readonly a: Record<string, unknown>) {}

  /** @internal See entryWire. */
  static wireOf(entry: EntryView): EntryWire {
    return { id: entry.id, attributes: entry.a };
  }

  get created(): number | undefined {
    if (this.time === UNPARSED) {
      this.time = parseTimestamp(this.a.created);
    }
    return this.time;
  }

  get createdText(): string {
    return text(this.a.created);
  }

  protected abstract readonly fieldNames: readonly string[];

  /** Every field of the model, as a plain object (Copy as JSON, details, exports). */
  toJSON(): Record<string, unknown> {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(this.fieldNames.map((name) => [name, self[name]]));
  }
}

class SessionView extends EntryView implements SessionEntry {
  readonly kind = 'session';
  protected readonly fieldNames = SESSION_MODEL_FIELDS;
  get operation(): string { return upperCase(this.a.operation); }
  get operationName(): string { return ownValue(OPERATIONS, this.operation) ?? this.operation; }
  get username(): string { return text(this.a.username); }
  get ipAddress(): string { return text(this.a.ipAddress); }
  get protocol(): string { return text(this.a.protocol); }
  get fileName(): string { return text(this.a.fileName); }
  get fileSource(): string { return text(this.a.fileSource); }
  get bytesTransferred(): number | undefined { return num(this.a.bytesTransferred); }
  get durationSeconds(): number | undefined { return num(this.a.duration); }
  get sessionId(): string { return text(this.a.sessionId); }
  get status(): string { return text(this.a.status); }
  get failed(): boolean {
    const status = this.a.status;
    return typeof status === 'string' && status.length === 6 && status.toLowerCase() === 'failed';
  }
  get extra(): Record<string, unknown> { return extraFields(this.a, SESSION_FIELDS); }
}

class WebhookView extends EntryView implements WebhookCall {
  readonly kind = 'webhook';
  protected readonly fieldNames = WEBHOOK_MODEL_FIELDS;
  get format(): WebhookFormat { return this.a.webhookFormat === 'v2' ? 'v2' : this.a.webhookFormat === 'v1' ? 'v1' : 'legacy'; }
  get details(): WebhookV1DetailsWire | WebhookV2DetailsWire | undefined {
    return typeof this.a.details === 'object' && this.a.details !== null ? this.a.details as WebhookCall['details'] : undefined;
  }
  private get detail(): Record<string, unknown> { return (this.details ?? {}) as Record<string, unknown>; }
  get eventLabel(): string { return text(this.a.event); }
  get event(): string { return this.format === 'legacy' ? ownValue(LEGACY_EVENTS, this.eventLabel.toLowerCase()) ?? this.eventLabel : this.eventLabel; }
  get endpointUrl(): string { return text(this.a.endpointUrl); }
  get status(): number | undefined { return num(this.a.status); }
  /** No HTTP answer at all: status 0 or a curl error number. */
  get noAnswer(): boolean { const status = this.status; return status !== undefined && isNoAnswer(status); }
  get failed(): boolean { const status = this.status; return this.noAnswer || (status !== undefined && status >= 400); }
  get response(): string { return text(this.a.response); }
  get responseSize(): number | undefined { return num(this.a.responseSize); }
  get resourcePath(): string { return text(this.a.resourcePath); }
  get username(): string { return text(this.a.username ?? this.detail.username); }
  get ipAddress(): string { return text(this.a.ipAddress ?? this.detail.ipAddress); }
  get webhookId(): number | undefined { return num(this.a.webhookId); }
  get attemptId(): string { return text(this.a.attemptId ?? this.detail.attemptId); }
  get attempt(): number | undefined { return num(this.a.attempt ?? this.detail.attempt); }
  get accountId(): string { return text(this.a.accountId); }
  get resend(): boolean { return this.a.resend === true; }
  get webhookPath(): string { return text(this.a.webhookPath); }
  get extra(): Record<string, unknown> { return extraFields(this.a, WEBHOOK_FIELDS); }
}

/** What a model keeps of its wire entry: enough to build the same model again with normalizeSession or normalizeWebhook. */
export interface EntryWire {
  id: number;
  attributes: Record<string, unknown>;
}

/** The id and attributes (as the API sent them, not copied) that a model of this module was built from. */
export function entryWire(entry: SessionEntry | WebhookCall): EntryWire {
  if (!(entry instanceof EntryView)) {
    throw new TypeError('entryWire: not a model built from the wire');
  }
  return EntryView.wireOf(entry);
}

export function normalizeSession(wire: SessionEntryWire): SessionEntry {
  return new SessionView(Number(wire.id), (wire.attributes ?? {}) as Record<string, unknown>);
}

export function normalizeWebhook(wire: WebhookEntryWire): WebhookCall {
  return new WebhookView(Number(wire.id), (wire.attributes ?? {}) as Record<string, unknown>);
}

/** A file or folder; `folder` completes the path of a listed child that came without one. */
export function normalizeResource(wire: ResourceWire, folder?: string): Resource {
  const a = wire.attributes ?? {};
  const name = text(a.name);
  const path = text(a.path) || (folder === undefined ? '' : `${folder.replace(/\/+$/, '')}/${name}`);
  const created = parseTimestamp(a.createdAt) ?? parseTimestamp(a.uploadDate);
  return {
    id: num(wire.id),
    path,
    name: name || path.slice(path.lastIndexOf('/') + 1),
    type: a.type === 'dir' ? 'dir' : 'file',
    size: num(a.size) ?? 0,
    created,
    modified: parseTimestamp(a.updatedAt) ?? created,
    createdBy: text(a.createdBy),
  };
}
