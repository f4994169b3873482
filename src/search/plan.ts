// How a search becomes API requests. The API takes one operation type, one event and one status
// code per request; several are asked for one request stream each (merged by time in the panel),
// a status class over a wider query kept in the extension. The notes say which, for the user.
import * as l10n from '@vscode/l10n';
import { failureOf, filteredFields, LOGS, sortParameter } from '../activity/logSchema';
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

export function planSearch(search: ActivitySearch, now: Date): SearchPlan {
  const { from, to } = resolveRange(search.range, now);
  // A server order goes with every request; paging sends newest first otherwise (and pages by offset within the pinned window when sorted).
  const base: QueryParameters = { startDate: iso(from), endDate: iso(to), ...(search.order ? { sort: sortParameter(LOGS[search.kind], search.order) } : {}) };
  const notes: string[] = [];
  const filters = search.filters as Record<string, string | string[] | undefined>;
  let streams: { parameter: string; values: readonly string[] } | undefined;
  let keep: SearchPlan['keep'];
  for (const { filter } of filteredFields(LOGS[search.kind])) {
    const value = filters[filter.key];
    if (Array.isArray(value)) {
      // One request stream per value (none when there are no values: the base query alone).
      streams = { parameter: filter.parameter, values: value };
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
      base[filter.parameter] = filter.match === 'statusOrClass' ? Number(value) : filter.check === 'url' ? endpointUrlForQuery(value) : value;
    }
  }
  const failure = failureOf(LOGS[search.kind], search.filters.failed);
  if (failure) {
    notes.push(failure.words.note());
    const kept = keep;
    keep = kept ? (entry) => kept(entry) && failure.failed(entry) : failure.failed;
  }
  const queries = streams && streams.values.length > 0 ? streams.values.map((value) => ({ ...base, [streams.parameter]: value })) : [base];
  return { queries, keep, notes, from, to };
}

// Calls that got no HTTP answer carry a curl error number, not a status: they belong to no class.
const inClass = (call: WebhookCall, statusClass: number) => !call.noAnswer && call.status !== undefined && Math.floor(call.status / 100) === statusClass;
