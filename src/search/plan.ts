// How a search becomes API requests. The API takes one operation type, one event and one status
// code per request; several are asked for one request stream each (merged by time in the panel),
// a status class over a wider query kept in the extension. The notes say which, for the user.
import * as l10n from '@vscode/l10n';
import type { ActivityEntry, WebhookCall } from '../api/models';
import { endpointUrlForQuery } from './inputChecks';
import { resolveRange, type ActivitySearch } from './search';

export type QueryParameters = Record<string, string | number | undefined>;

export interface SearchPlan {
  /** One request stream each. */
  queries: QueryParameters[];
  /** Entries the streams bring that the search does not want; undefined keeps them all. */
  keep?: (entry: ActivityEntry) => boolean;
  /** How the search was combined from what the API takes, in words; empty when it maps directly. */
  notes: string[];
  from: number;
  to: number;
}

const iso = (time: number) => new Date(time).toISOString();

/** Copies the defined values only: the API gets no empty parameters. */
function defined(parameters: QueryParameters): QueryParameters {
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined && value !== ''));
}

/** One query per value (none when there are no values: the base query alone). */
function perValue(base: QueryParameters, parameter: string, values: readonly string[] | undefined): QueryParameters[] {
  return values && values.length > 0 ? values.map((value) => defined({ ...base, [parameter]: value })) : [defined(base)];
}

export function planSearch(search: ActivitySearch, now: Date): SearchPlan {
  const { from, to } = resolveRange(search.range, now);
  const window = { startDate: iso(from), endDate: iso(to) };
  const notes: string[] = [];
  if (search.kind === 'sessions') {
    const { types, username, ipAddress, path } = search.filters;
    if (types && types.length > 1) {
      notes.push(l10n.t('{0} operation types: the API takes one per request, so this runs {0} queries and merges them by time.', types.length));
    }
    return { queries: perValue({ ...window, username, ipAddress, path }, 'type', types), notes, from, to };
  }
  const { events, endpointUrl, status, resourcePath, username } = search.filters;
  if (events && events.length > 1) {
    notes.push(l10n.t('{0} events: the API takes one per request, so this runs {0} queries and merges them by time.', events.length));
  }
  const statusClass = status && /^[1-5]xx$/i.test(status) ? Number(status[0]) : undefined;
  if (statusClass !== undefined) {
    notes.push(l10n.t('Status {0}: the API filters on one status code, so this loads calls of every status and keeps the {0} ones here.', `${statusClass}xx`));
  }
  // Encoded when typed with a space or a non-ASCII character, which the API refuses (format: uri).
  const base = { ...window, endpointUrl: endpointUrl && endpointUrlForQuery(endpointUrl), resourcePath, username, statusCode: statusClass === undefined && status ? Number(status) : undefined };
  const keep = statusClass === undefined ? undefined : (entry: ActivityEntry) => inClass(entry as WebhookCall, statusClass);
  return { queries: perValue(base, 'event', events), keep, notes, from, to };
}

// Calls that got no HTTP answer carry a curl error number, not a status: they belong to no class.
const inClass = (call: WebhookCall, statusClass: number) => !call.noAnswer && call.status !== undefined && Math.floor(call.status / 100) === statusClass;
