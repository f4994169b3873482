import type { SessionEntry, WebhookCall, WebhookFormat } from './models';
import { OPERATIONS, type SessionEntryWire, type WebhookEntryWire } from './wire';

const known = (names: string[]): Readonly<Record<string, true>> => Object.freeze(Object.fromEntries(names.map((name) => [name, true as const])));
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

// Runs once per entry on every page: allocates only when the server sent a field the model lacks.
function extraFields(attributes: Record<string, unknown>, knownFields: Readonly<Record<string, true>>): Record<string, unknown> {
  let extra: Record<string, unknown> | undefined;
  for (const name in attributes) {
    if (knownFields[name] !== true) {
      (extra ??= {})[name] = attributes[name];
    }
  }
  return extra ?? NO_EXTRA;
}

export function normalizeSession(wire: SessionEntryWire): SessionEntry {
  const a = wire.attributes ?? {};
  const operation = text(a.operation).toUpperCase();
  const status = text(a.status);
  return {
    kind: 'session',
    id: Number(wire.id),
    created: parseTimestamp(a.created),
    createdText: text(a.created),
    operation,
    operationName: OPERATIONS[operation] ?? operation,
    username: text(a.username),
    ipAddress: text(a.ipAddress),
    protocol: text(a.protocol),
    fileName: text(a.fileName),
    fileSource: text(a.fileSource),
    bytesTransferred: num(a.bytesTransferred),
    durationSeconds: num(a.duration),
    sessionId: text(a.sessionId),
    status,
    failed: status.length === 6 && status.toLowerCase() === 'failed',
    extra: extraFields(a, SESSION_FIELDS),
  };
}

export function normalizeWebhook(wire: WebhookEntryWire): WebhookCall {
  const a = (wire.attributes ?? {}) as Record<string, unknown>;
  const format: WebhookFormat = a.webhookFormat === 'v2' ? 'v2' : a.webhookFormat === 'v1' ? 'v1' : 'legacy';
  const details = typeof a.details === 'object' && a.details !== null ? a.details as WebhookCall['details'] : undefined;
  const eventLabel = text(a.event);
  const status = num(a.status);
  const noAnswer = status !== undefined && status < 100;
  return {
    kind: 'webhook',
    id: Number(wire.id),
    format,
    created: parseTimestamp(a.created),
    createdText: text(a.created),
    event: format === 'legacy' ? LEGACY_EVENTS[eventLabel.toLowerCase()] ?? eventLabel : eventLabel,
    eventLabel,
    endpointUrl: text(a.endpointUrl),
    status,
    noAnswer,
    failed: noAnswer || (status !== undefined && status >= 400),
    response: text(a.response),
    responseSize: num(a.responseSize),
    resourcePath: text(a.resourcePath),
    username: text(a.username ?? details?.username),
    ipAddress: text(a.ipAddress ?? (details as { ipAddress?: string } | undefined)?.ipAddress),
    webhookId: num(a.webhookId),
    attemptId: text(a.attemptId ?? details?.attemptId),
    attempt: num(a.attempt ?? (details as { attempt?: number } | undefined)?.attempt),
    accountId: text(a.accountId),
    resend: a.resend === true,
    webhookPath: text(a.webhookPath),
    details,
    extra: extraFields(a, WEBHOOK_FIELDS),
  };
}
