// How a search becomes API requests. The API takes one operation type, one event and one status
// code per request; several are asked for one request stream each (merged by time in the panel),
// a status class over a wider query kept in the extension. The notes say which, for the user.
import * as l10n from '@vscode/l10n';
import { failureOf, filteredFields, LOGS, NEWEST_FIRST_ORDER, sortParameter, type ActivityKind, type FilteredField } from '../activity/logSchema';
import type { ActivityEntry, WebhookCall } from '../api/models';
import { endpointUrlForQuery } from './inputChecks';
import { resolveRange, type ActivitySearch, type SearchFilters } from './search';
import { isoTime } from '../activity/format';

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
  /** How the entries come in time: newest or oldest first, or undefined in another server order (by size...). */
  timeOrder: 'newest' | 'oldest' | undefined;
}


export function planSearch(search: ActivitySearch, now: Date): SearchPlan {
  const { from, to } = resolveRange(search.range, now);
  const { parameters, streams, keep, notes } = planFilters(search.kind, search.filters);
  // A server order goes with every request; paging sends newest first otherwise (and pages by offset within the pinned window when sorted).
  const base: QueryParameters = { startDate: isoTime(from), endDate: isoTime(to), ...parameters, ...(search.order ? { sort: sortParameter(LOGS[search.kind], search.order) } : {}) };
  const queries = streams && streams.values.length > 0 ? streams.values.map((value) => ({ ...base, [streams.field.filter.parameter]: value })) : [base];
  const order = search.order ?? NEWEST_FIRST_ORDER;
  const timeOrder = order.field === NEWEST_FIRST_ORDER.field ? (order.descending ? 'newest' : 'oldest') : undefined;
  return { queries, keep, notes, from, to, timeOrder };
}

/** A search's filters as the API takes them, whatever its time range. */
export interface FilterPlan {
  /** The query parameters every request has. */
  parameters: QueryParameters;
  /** A `oneOf` filter's values, one request stream each. */
  streams?: { readonly field: FilteredField; readonly values: readonly string[] };
  keep?: (entry: ActivityEntry) => boolean;
  notes: string[];
}

export function planFilters(kind: ActivityKind, searchFilters: SearchFilters): FilterPlan {
  const parameters: QueryParameters = {};
  const notes: string[] = [];
  const filters = searchFilters as Record<string, string | string[] | undefined>;
  let streams: FilterPlan['streams'];
  let keep: FilterPlan['keep'];
  for (const field of filteredFields(LOGS[kind])) {
    const { filter } = field;
    const value = filters[filter.key];
    if (Array.isArray(value)) {
      // One request stream per value (none when there are no values: the base query alone).
      streams = { field, values: value };
      if (value.length > 1) {
        notes.push(filter.words.several!(value.length));
      }
    } else if (value === undefined || value === '') {
      continue;
    } else if (filter.match === 'statusOrClass' && /^[1-5]xx$/i.test(value)) {
      const statusClass = Number(value[0]);
      notes.push(l10n.t('Status {0}: the API filters on one status code, so this loads calls of every status and keeps the {0} ones here.', `${statusClass}xx`));
      keep = (entry: ActivityEntry) => inClass(entry as WebhookCall, statusClass);
    } else {
      // An endpoint is encoded when typed with a space or a non-ASCII character, which the API refuses (format: uri).
      parameters[filter.parameter] = filter.match === 'statusOrClass' ? Number(value) : filter.check === 'url' ? endpointUrlForQuery(value) : value;
    }
  }
  const failure = failureOf(LOGS[kind], filters[LOGS[kind].failure.key]);
  if (failure) {
    notes.push(failure.words.note());
    const kept = keep;
    keep = kept ? (entry) => kept(entry) && failure.failed(entry) : failure.failed;
  }
  return { parameters, streams, keep, notes };
}

// Calls that got no HTTP answer carry a curl error number, not a status: they belong to no class.
const inClass = (call: WebhookCall, statusClass: number) => !call.noAnswer && call.status !== undefined && Math.floor(call.status / 100) === statusClass;
