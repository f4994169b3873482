// What each log is, in one place: its fields, how each is read from an entry and shown, which the
// API filters on and how, which are table columns and which are charted. Search parsing, the
// palette's wizard, the panel's filter bar, search descriptions, request plans, "Filter to this...",
// the table, details and charts all derive from it. Free of `vscode` and of the DOM: the webview
// reads it too (words are functions, called only in the extension, where l10n is configured).
import * as l10n from '@vscode/l10n';
import { SESSION_MODEL_FIELDS, WEBHOOK_MODEL_FIELDS, type ActivityEntry, type SessionEntry, type WebhookCall } from '../api/models';
import { OPERATIONS, WEBHOOK_EVENTS } from '../api/wire';
import { detailsOf, eventDataOf, listText, textOf } from './detailParts';
import { formatBytes, formatDuration, formatTime } from './format';
import { noAnswerText } from './noAnswer';

/** The two logs: session logs and webhook calls. */
export type ActivityKind = 'sessions' | 'webhooks';

/** text: refined and sorted as text; the others are numbers, formatted for display. */
export type FieldType = 'text' | 'number' | 'time' | 'bytes' | 'duration';

/** How the API matches a filter's value. */
export type FilterMatch =
  /** One value, matched as the API matches it. */
  | 'exact'
  /** One value; a trailing `*` matches everything below a folder. */
  | 'prefix'
  /** A list of codes; the API takes one per request, so each runs as its own request, merged by time. */
  | 'oneOf'
  /** A status code, or a class such as 4xx that is kept locally over a wider query. */
  | 'statusOrClass';

/** How the table shows a value it holds as sent: an operation's name for its code, a status that is no answer as such. */
export type CellShow = 'choiceName' | 'status';

/** What a typed filter value is checked as. */
export type FilterCheck = 'ip' | 'path' | 'url' | 'status';

/** The filters "Filter to this..." and "Show Activity for this..." offer on an entry. */
export type FilterKind = 'user' | 'ip' | 'path' | 'type' | 'endpoint' | 'status';

/** A status code (0 to 999: curl error numbers too) or a class such as 4xx. */
export const STATUS_FILTER = /^(\d{1,3}|[1-5]xx)$/i;

export interface FieldFilter {
  /** Its property in a search's filters (SessionFilters, WebhookFilters). */
  readonly key: string;
  /** The API's query parameter. */
  readonly parameter: string;
  readonly match: FilterMatch;
  readonly check?: FilterCheck;
  /** What the filter bar accepts; anything else is refused before a search runs. */
  readonly pattern?: RegExp;
  /** What is kept of a typed or sent value (trimmed, by default). */
  readonly normalize?: (value: string) => string;
  /** A `oneOf` filter's choices: [code, name]. */
  readonly choices?: () => readonly (readonly [string, string])[];
  readonly words: FilterWords;
}

export interface FilterWords {
  /** The filter bar's label, when it differs from the field's. */
  readonly label?: () => string;
  /** The filter bar's placeholder: "any user". */
  readonly any: () => string;
  /** The palette wizard's prompt and placeholder. */
  readonly prompt: () => string;
  readonly placeholder: () => string;
  /** The value in a search's description: "user alice". A `oneOf` filter lists its names instead. */
  readonly describe?: (value: string) => string;
  /** Why a `oneOf` filter with `count` values runs `count` requests. */
  readonly several?: (count: number) => string;
}

export interface LogField<E extends ActivityEntry = ActivityEntry> {
  readonly id: string;
  readonly type: FieldType;
  readonly label: () => string;
  /** The API's value (a code, not its name): what filters and narrowing use. */
  readonly value: (entry: E) => string | number | undefined;
  /** The table's cell, when it differs from the value. */
  readonly cell?: (entry: E) => string | number | undefined;
  /** How the table shows the cell, when not as it is. */
  readonly show?: CellShow;
  /** How the table sorts the column, when not as text: addresses by their numbers. */
  readonly sortAs?: 'address';
  /** The details' text, when it differs from the value formatted for its type. */
  readonly detail?: (entry: E) => string;
  readonly filter?: FieldFilter;
  /** What it is to "Filter to this..." and "Activity for this..." on an entry. */
  readonly offer?: FilterKind;
  /** A column the table can show (the column chooser offers every field), and its initial width in pixels. */
  readonly column: { readonly width: number };
  /**
   * A part of a webhook call's `details`: the details list it among the other parts, flattened
   * (detailParts.ts), not as this field's one-line summary.
   */
  readonly partOfDetails?: true;
  /** Charted: the series of the time chart, or a list of the most frequent values with its title. */
  readonly chart?: 'series' | { readonly top: () => string };
  /** The API sorts the log by it: its name in `sort`. */
  readonly serverSort?: ServerSort;
}

export interface ServerSort {
  /** The field's name in the API's `sort` parameter. */
  readonly name: string;
  /** How the API compares the values, when not as the field's type says: a status shown as text, ordered as a number. */
  readonly as?: FieldType;
}

/** An order the server sorts a search's entries in: a field with `serverSort`, by its id. */
export interface FieldOrder {
  readonly field: string;
  readonly descending: boolean;
}

/** The order the API is asked for when a search names none: the newest entries first. */
export const NEWEST_FIRST_ORDER: FieldOrder = { field: 'time', descending: true };

/** A failure filter's words. */
export interface FailureWords {
  /** Its choice in the filter bar and the palette: "Failed only". */
  readonly label: () => string;
  /** In a search's description: "failed calls only". */
  readonly describe: () => string;
  /** Why the search loads more than it shows. */
  readonly note: () => string;
}

/** A narrower kind of failure a search can keep alone: webhook calls that got no answer. */
export interface FailureKind<E extends ActivityEntry = ActivityEntry> {
  /** Its value in a search's failure filter. */
  readonly id: string;
  readonly failed: (entry: E) => boolean;
  readonly words: FailureWords;
}

/**
 * "Failed only": what counts as a failure in the log. The API filters on no such thing, so a search
 * with it loads every entry of its query and keeps the failed ones (as it does a status class).
 */
export interface FailureFilter<E extends ActivityEntry = ActivityEntry> {
  /** Its property in a search's filters: true keeps every failed entry, a kind's id that kind only. */
  readonly key: 'failed';
  readonly failed: (entry: E) => boolean;
  /** The table column that shows a failure: a failed row's mark goes in its cell. */
  readonly column: string;
  readonly words: FailureWords & {
    /** The chart series of failed entries: "Failed calls". */
    readonly series: () => string;
  };
  /** Narrower kinds of failure, each a filter of its own. */
  readonly kinds: readonly FailureKind<E>[];
}

export interface LogDescription<E extends ActivityEntry = ActivityEntry> {
  readonly kind: ActivityKind;
  /** In reading order: details and tooltips list them so. */
  readonly fields: readonly LogField<E>[];
  /** The table's columns until the user chooses others, by field id, in order. */
  readonly columns: readonly string[];
  /** An exported entry's fields (its model's, as toJSON() gives them), in order: the CSV header. */
  readonly exportFields: readonly string[];
  readonly failure: FailureFilter<E>;
}

const anyValue = () => l10n.t('Leave empty for no filter');
const pathPrompt = () => l10n.t('A * at the end matches everything under a folder: /Finance/*.');
const text = (value: string | undefined) => value ?? '';
/** A name and its code, or the code alone when they are the same. */
const named = (name: string, code: string) => (name === code ? code : `${name} (${code})`);

const time: LogField = {
  id: 'time', type: 'time', label: () => l10n.t('Time'), value: (entry) => entry.created,
  detail: (entry) => formatTime(entry.created) || entry.createdText, column: { width: 215 }, serverSort: { name: 'date' },
};
const entryId: LogField = { id: 'id', type: 'number', label: () => l10n.t('Entry id'), value: (entry) => entry.id, column: { width: 90 } };

const pathWords = (prompt: () => string): FilterWords => ({
  any: () => l10n.t('any path; * at the end matches below'),
  prompt: () => `${prompt()} ${pathPrompt()}`,
  placeholder: () => l10n.t('Path. {0}', anyValue()),
  describe: (value) => l10n.t('path {0}', value),
});
const userWords = (prompt: () => string): FilterWords => ({
  any: () => l10n.t('any user'),
  prompt,
  placeholder: () => l10n.t('Username. {0}', anyValue()),
  describe: (value) => l10n.t('user {0}', value),
});

const sessionStatusText = (entry: SessionEntry) => (entry.failed ? l10n.t('failed') : entry.status);

export const SESSION_LOG: LogDescription<SessionEntry> = {
  kind: 'sessions',
  fields: [
    {
      id: 'operation', type: 'text', offer: 'type', label: () => l10n.t('Operation'), value: (entry) => entry.operation,
      show: 'choiceName', detail: (entry) => named(entry.operationName, entry.operation),
      filter: {
        key: 'types', parameter: 'type', match: 'oneOf', normalize: (value) => value.trim().toUpperCase(),
        choices: () => Object.entries(OPERATIONS),
        words: {
          label: () => l10n.t('Operations'),
          any: () => l10n.t('any'),
          prompt: () => l10n.t('Operation types (pick none for every type)'),
          placeholder: () => l10n.t('Operation types (pick none for every type)'),
          several: (count) => l10n.t('{0} operation types: the API takes one per request, so this runs {0} queries and merges them by time.', count),
        },
      },
      column: { width: 120 }, chart: 'series', serverSort: { name: 'type' },
    },
    time,
    {
      id: 'user', type: 'text', offer: 'user', label: () => l10n.t('User'), value: (entry) => entry.username,
      filter: { key: 'username', parameter: 'username', match: 'exact', words: userWords(() => l10n.t('Only the activity of this user.')) },
      column: { width: 110 }, chart: { top: () => l10n.t('Top users') }, serverSort: { name: 'username' },
    },
    {
      id: 'ip', type: 'text', offer: 'ip', label: () => l10n.t('IP address'), value: (entry) => entry.ipAddress, sortAs: 'address',
      filter: {
        key: 'ipAddress', parameter: 'ipAddress', match: 'exact', check: 'ip',
        words: {
          any: () => l10n.t('any IP address'),
          prompt: () => l10n.t('Only the activity from this IP address.'),
          placeholder: () => l10n.t('IPv4 or IPv6 address. {0}', anyValue()),
          describe: (value) => l10n.t('IP {0}', value),
        },
      },
      column: { width: 120 }, chart: { top: () => l10n.t('Top IP addresses') }, serverSort: { name: 'ip_address' },
    },
    {
      id: 'path', type: 'text', offer: 'path', label: () => l10n.t('Path'), value: (entry) => entry.fileName,
      filter: { key: 'path', parameter: 'path', match: 'prefix', check: 'path', words: pathWords(() => l10n.t('Only the activity on this file or folder.')) },
      column: { width: 280 }, serverSort: { name: 'file' },
    },
    {
      id: 'source', type: 'text', label: () => l10n.t('Source path'), value: (entry) => entry.fileSource, column: { width: 200 },
      serverSort: { name: 'sort_logs_file_source' },
    },
    { id: 'size', type: 'bytes', label: () => l10n.t('Size'), value: (entry) => entry.bytesTransferred, column: { width: 80 }, serverSort: { name: 'size' } },
    { id: 'duration', type: 'duration', label: () => l10n.t('Duration'), value: (entry) => entry.durationSeconds, column: { width: 90 }, serverSort: { name: 'duration' } },
    { id: 'protocol', type: 'text', label: () => l10n.t('Protocol'), value: (entry) => entry.protocol, column: { width: 80 }, serverSort: { name: 'protocol' } },
    {
      id: 'status', type: 'text', label: () => l10n.t('Status'), value: (entry) => entry.status,
      cell: sessionStatusText, detail: sessionStatusText, column: { width: 70 },
    },
    // Which of the user's connections it was: ties a login to what the connection did.
    { id: 'session', type: 'text', label: () => l10n.t('Session'), value: (entry) => entry.sessionId, column: { width: 140 } },
    entryId,
  ] as LogField<SessionEntry>[],
  // The status beside the operation: a failed login reads at a glance.
  columns: ['time', 'operation', 'status', 'user', 'ip', 'path', 'source', 'size', 'duration', 'protocol', 'session'],
  exportFields: SESSION_MODEL_FIELDS,
  failure: {
    key: 'failed',
    // Status "failed": a failed login, or a transfer (or any other operation) that failed.
    failed: (entry) => entry.failed,
    column: 'status',
    words: {
      label: () => l10n.t('Failed only'),
      describe: () => l10n.t('failed logins and transfers only'),
      note: () => l10n.t('Failed only: the API does not filter on failures, so this loads the entries of every status and keeps the failed logins and transfers here.'),
      series: () => l10n.t('Failed logins and transfers'),
    },
    kinds: [],
  },
};

/** The listener's status, or that it gave no HTTP answer. */
export function webhookStatusText(call: WebhookCall): string {
  if (call.status === undefined) {
    return '';
  }
  return call.noAnswer ? noAnswerText(String(call.status)) : String(call.status);
}


const resentText = (call: WebhookCall) => (call.resend ? l10n.t('yes') : '');

/** A part of a call's `details` as a column: one line of text (lists joined by "; "); the details pane lists it in full (detailParts). */
const detailPart = (id: string, label: () => string, width: number, value: (call: WebhookCall) => unknown): LogField<WebhookCall> => ({
  id, type: 'text', label, value: (call) => textOf(value(call)), column: { width }, partOfDetails: true,
});

const DETAIL_PART_FIELDS: LogField<WebhookCall>[] = [
  detailPart('accountName', () => l10n.t('Account name'), 140, (call) => detailsOf(call).accountName),
  detailPart('detailProtocol', () => l10n.t('Event protocol'), 90, (call) => detailsOf(call).protocol),
  detailPart('eventTime', () => l10n.t('Event timestamp'), 200, (call) => detailsOf(call).eventTimestamp),
  detailPart('transferStatus', () => l10n.t('Transfer status'), 100, (call) => eventDataOf(call).transferStatus),
  detailPart('resources', () => l10n.t('Resources'), 240, (call) => listText(eventDataOf(call).resources, (item) => item.path ?? item.name)),
  detailPart('shares', () => l10n.t('Shares'), 160, (call) => listText(eventDataOf(call).share, (item) => item.name)),
  detailPart('formDetails', () => l10n.t('Form details'), 240, (call) => listText(eventDataOf(call).formDetails, (item) => `${textOf(item.name)}: ${textOf(item.value)}`)),
];

export const WEBHOOK_LOG: LogDescription<WebhookCall> = {
  kind: 'webhooks',
  fields: [
    {
      // A legacy entry's event is a human name the API does not take: nothing to filter on.
      id: 'event', type: 'text', offer: 'type', label: () => l10n.t('Event'), value: (call) => (call.format === 'legacy' ? undefined : call.event),
      cell: (call) => call.event, detail: (call) => named(call.eventLabel, call.event),
      filter: {
        key: 'events', parameter: 'event', match: 'oneOf',
        choices: () => WEBHOOK_EVENTS.map((event) => [event, event] as const),
        words: {
          label: () => l10n.t('Events'),
          any: () => l10n.t('any'),
          prompt: () => l10n.t('Events (pick none for every event)'),
          placeholder: () => l10n.t('Events (pick none for every event)'),
          several: (count) => l10n.t('{0} events: the API takes one per request, so this runs {0} queries and merges them by time.', count),
        },
      },
      column: { width: 170 }, chart: 'series', serverSort: { name: 'event' },
    },
    time,
    {
      id: 'endpoint', type: 'text', offer: 'endpoint', label: () => l10n.t('Endpoint'), value: (call) => call.endpointUrl,
      filter: {
        key: 'endpointUrl', parameter: 'endpointUrl', match: 'exact', check: 'url',
        words: {
          label: () => l10n.t('Endpoint URL'),
          any: () => l10n.t('any endpoint'),
          prompt: () => l10n.t('Only the calls to this endpoint.'),
          placeholder: () => l10n.t('Endpoint URL. {0}', anyValue()),
          describe: (value) => l10n.t('endpoint {0}', value),
        },
      },
      column: { width: 240 }, chart: { top: () => l10n.t('Top endpoints') }, serverSort: { name: 'endpoint_url' },
    },
    {
      id: 'status', type: 'text', offer: 'status', label: () => l10n.t('Status'), value: (call) => call.status,
      show: 'status', detail: webhookStatusText,
      filter: {
        key: 'status', parameter: 'statusCode', match: 'statusOrClass', check: 'status', pattern: STATUS_FILTER,
        normalize: (value) => value.trim().toLowerCase(),
        words: {
          any: () => l10n.t('any status; 404 or 4xx'),
          prompt: () => l10n.t('Only the calls the listener answered with this status (404), or a class of them (4xx).'),
          placeholder: () => l10n.t('Status or class. {0}', anyValue()),
          describe: (value) => l10n.t('status {0}', value),
        },
      },
      column: { width: 110 }, chart: { top: () => l10n.t('Top statuses') }, serverSort: { name: 'status', as: 'number' },
    },
    { id: 'response', type: 'text', label: () => l10n.t('Response'), value: (call) => call.response, column: { width: 260 } },
    { id: 'responseSize', type: 'bytes', label: () => l10n.t('Response size'), value: (call) => call.responseSize, column: { width: 90 } },
    {
      id: 'resource', type: 'text', offer: 'path', label: () => l10n.t('Resource path'), value: (call) => call.resourcePath,
      filter: { key: 'resourcePath', parameter: 'resourcePath', match: 'prefix', check: 'path', words: pathWords(() => l10n.t('Only the calls about this file or folder.')) },
      column: { width: 240 }, serverSort: { name: 'resource_path' },
    },
    {
      id: 'user', type: 'text', offer: 'user', label: () => l10n.t('User'), value: (call) => call.username,
      filter: { key: 'username', parameter: 'username', match: 'exact', words: userWords(() => l10n.t('Only the calls caused by this user.')) },
      column: { width: 110 }, chart: { top: () => l10n.t('Top users') }, serverSort: { name: 'username' },
    },
    { id: 'ip', type: 'text', offer: 'ip', label: () => l10n.t('IP address'), value: (call) => call.ipAddress, sortAs: 'address', column: { width: 120 } },
    { id: 'attempt', type: 'number', label: () => l10n.t('Attempt'), value: (call) => call.attempt, column: { width: 70 } },
    { id: 'attemptId', type: 'text', label: () => l10n.t('Attempt id'), value: (call) => call.attemptId, column: { width: 270 }, serverSort: { name: 'attempt_id' } },
    { id: 'resend', type: 'text', label: () => l10n.t('Resent'), value: (call) => (call.resend ? 'true' : ''), cell: resentText, detail: resentText, column: { width: 70 } },
    { id: 'webhookId', type: 'number', label: () => l10n.t('Webhook id'), value: (call) => call.webhookId, column: { width: 90 } },
    // The folder the webhook watches: which of the account's webhooks sent the call.
    { id: 'webhookPath', type: 'text', label: () => l10n.t('Watched path'), value: (call) => call.webhookPath, column: { width: 200 } },
    { id: 'accountId', type: 'text', label: () => l10n.t('Account id'), value: (call) => call.accountId, column: { width: 90 } },
    { id: 'format', type: 'text', label: () => l10n.t('Format'), value: (call) => call.format, column: { width: 70 } },
    ...DETAIL_PART_FIELDS,
    entryId,
  ] as LogField<WebhookCall>[],
  // The status beside the event: a failed call reads at a glance. The response last: the widest and least often read.
  columns: ['time', 'event', 'status', 'endpoint', 'resource', 'user', 'response'],
  exportFields: WEBHOOK_MODEL_FIELDS,
  failure: {
    key: 'failed',
    // An answer of 400 or more, or no HTTP answer at all.
    failed: (call) => call.failed,
    column: 'status',
    words: {
      label: () => l10n.t('Failed only'),
      describe: () => l10n.t('failed calls only'),
      note: () => l10n.t('Failed only: the API filters on one status code, so this loads the calls of every status and keeps those answered 400 or more, or not at all, here.'),
      series: () => l10n.t('Failed calls'),
    },
    kinds: [{
      // Status 0 or a curl error number: many codes, so kept here too.
      id: 'noAnswer',
      failed: (call) => call.noAnswer,
      words: {
        label: () => l10n.t('No answer only'),
        describe: () => l10n.t('calls with no answer only'),
        note: () => l10n.t('No answer only: the API filters on one status code, and a call without an HTTP answer has one of many (0 or a curl error number), so this loads the calls of every status and keeps those not answered at all here.'),
      },
    }],
  },
};

export const LOGS: Readonly<Record<ActivityKind, LogDescription>> = { sessions: SESSION_LOG as LogDescription, webhooks: WEBHOOK_LOG as LogDescription };

/** The log's description by kind, typed for its entries. */
export function logOf(kind: 'sessions'): LogDescription<SessionEntry>;
export function logOf(kind: 'webhooks'): LogDescription<WebhookCall>;
export function logOf(kind: ActivityKind): LogDescription;
export function logOf(kind: ActivityKind): LogDescription {
  return LOGS[kind];
}

/** The log that holds entries of this kind (an entry says `session`, the log is `sessions`). */
export const activityKindOf = (entryKind: ActivityEntry['kind']): ActivityKind => (entryKind === 'session' ? 'sessions' : 'webhooks');

/** The kind of entry a log holds. */
export const entryKindOf = (kind: ActivityKind): ActivityEntry['kind'] => (kind === 'sessions' ? 'session' : 'webhook');

/** The log an entry belongs to. */
export const logOfEntry = (entry: ActivityEntry): LogDescription => LOGS[activityKindOf(entry.kind)];

export type FilteredField = LogField & { readonly filter: FieldFilter };

/** The fields the API filters on, in reading order. */
export const filteredFields = (log: LogDescription): FilteredField[] => log.fields.filter((field): field is FilteredField => field.filter !== undefined);

/** The one `oneOf` filter of a log (operation types, events): the list the filter UIs pick from. */
export function choiceField(log: LogDescription): FilteredField {
  return filteredFields(log).find((field) => field.filter.match === 'oneOf')!;
}

/** The typed filters (all but the choice list), in reading order. */
export const typedFilterFields = (log: LogDescription): FilteredField[] => filteredFields(log).filter((field) => field.filter.match !== 'oneOf');

export function fieldById(log: LogDescription, id: string): LogField | undefined {
  return log.fields.find((field) => field.id === id);
}

/** The table's fields, in column order. */
export const columnFields = (log: LogDescription): LogField[] => log.columns.map((id) => fieldById(log, id)!);

/** The field's value formatted for the details: its own words, or the value by its type. */
export function detailText(field: LogField, entry: ActivityEntry): string {
  if (field.detail) {
    return field.detail(entry);
  }
  const value = field.value(entry);
  switch (field.type) {
    case 'bytes': return formatBytes(value as number | undefined);
    case 'duration': return formatDuration(value as number | undefined);
    case 'time': return formatTime(value as number | undefined);
    default: return value === undefined ? '' : String(value);
  }
}

/** The table cell's raw value: text as it came, numbers left for the webview to format. */
export function cellValue(field: LogField, entry: ActivityEntry): string | number | null {
  const value = (field.cell ?? field.value)(entry);
  if (field.type === 'text') {
    return text(value === undefined ? undefined : String(value));
  }
  return typeof value === 'number' ? value : null;
}

/** The field a "Filter to this..." of `kind` uses in this log, if the log has that filter. */
export const fieldOffering = (log: LogDescription, kind: FilterKind): FilteredField | undefined => filteredFields(log).find((field) => field.offer === kind);

/** The entry's value for `kind` (its user, IP address, path...), whether or not its own log filters on it. */
export function entryValue(entry: ActivityEntry, kind: FilterKind): string | number | undefined {
  const value = logOfEntry(entry).fields.find((field) => field.offer === kind)?.value(entry);
  return value === '' ? undefined : value;
}

/** The query parameter and value "Filter to this..." of `kind` sets for this entry; undefined when the entry has no such value or its log no such filter. */
export function entryFilter(entry: ActivityEntry, kind: FilterKind): { parameter: string; value: string | number } | undefined {
  const field = fieldOffering(logOfEntry(entry), kind);
  const value = field?.value(entry);
  return field && value !== undefined && value !== '' ? { parameter: field.filter.parameter, value } : undefined;
}

export type SortableField = LogField & { readonly serverSort: ServerSort };

/** The fields the API sorts the log by, in reading order. */
export const sortableFields = (log: LogDescription): SortableField[] => log.fields.filter((field): field is SortableField => field.serverSort !== undefined);

/** An order as links and the panel write it: the field's id, `-` first for descending ("-size"). */
export const orderKey = (order: FieldOrder): string => `${order.descending ? '-' : ''}${order.field}`;

/** Whether an order is the one the API is asked for when a search names none. */
export const isNewestFirst = (order: FieldOrder): boolean => order.field === NEWEST_FIRST_ORDER.field && order.descending === NEWEST_FIRST_ORDER.descending;

/** Every order the server sorts the log in, newest first first (what a search without one gets): what the filter bar and the palette offer. */
export const serverOrders = (log: LogDescription): FieldOrder[] => [
  NEWEST_FIRST_ORDER,
  ...sortableFields(log).flatMap((field) => [true, false].map((descending) => ({ field: field.id, descending }))).filter((order) => !isNewestFirst(order)),
];

/** The API's `sort` value for an order of the log: "-size". Undefined when the log does not sort by that field. */
export function sortParameter(log: LogDescription, order: FieldOrder): string | undefined {
  const field = sortableFields(log).find(({ id }) => id === order.field);
  return field && orderKey({ field: field.serverSort.name, descending: order.descending });
}

/** Which end comes first, in words that suit the values (as the API compares them, when it sorts by the field): "largest first", "A to Z". */
export function directionText(field: LogField, descending: boolean): string {
  switch (field.serverSort?.as ?? field.type) {
    case 'time': return descending ? l10n.t('newest first') : l10n.t('oldest first');
    case 'bytes': return descending ? l10n.t('largest first') : l10n.t('smallest first');
    case 'duration': return descending ? l10n.t('longest first') : l10n.t('shortest first');
    case 'number': return descending ? l10n.t('highest first') : l10n.t('lowest first');
    default: return descending ? l10n.t('Z to A') : l10n.t('A to Z');
  }
}

/** A field's order in words: "Size, largest first". */
export const fieldOrderText = (field: LogField, descending: boolean): string => l10n.t('{0}, {1}', field.label(), directionText(field, descending));

/** A server order in words; undefined when the log does not sort by that field. */
export function orderText(log: LogDescription, order: FieldOrder): string | undefined {
  const field = sortableFields(log).find(({ id }) => id === order.field);
  return field && fieldOrderText(field, order.descending);
}

/** A value of a search's failure filter: every failure, or a narrower kind by id. */
export type FailureValue = true | string;

/** What a search's failure filter value keeps and how it reads; undefined for none, or a kind the log does not have. */
export function failureOf(log: LogDescription, value: unknown): { failed: (entry: ActivityEntry) => boolean; words: FailureWords } | undefined {
  if (value === true) {
    return log.failure;
  }
  return typeof value === 'string' ? log.failure.kinds.find((kind) => kind.id === value) : undefined;
}

/** The log's failure filter values, every failure first: what the filter bar and the palette offer. */
export const failureChoices = (log: LogDescription): { value: FailureValue; words: FailureWords }[] =>
  [{ value: true as FailureValue, words: log.failure.words }, ...log.failure.kinds.map((kind) => ({ value: kind.id, words: kind.words }))];
