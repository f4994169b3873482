// The sidebar speaks in API query parameters (a view's feed, "Filter to this User" on an entry);
// searches speak in SessionFilters and WebhookFilters. These are the translations. Free of `vscode`.
import type { Filters } from '../activity/activityFeed';
import { filteredFields, LOGS } from '../activity/logSchema';
import type { ActivityEntry } from '../api/models';
import { planFilters } from './plan';
import type { ActivityKind, ActivitySearch, SearchFilters, TimeRange } from './search';

/** The filters the query parameters set; parameters searches do not take are left out. */
export function filtersFromQuery(kind: ActivityKind, query: Filters): SearchFilters {
  // Only the values set, so that equal searches serialize alike.
  const filters: Record<string, string | string[]> = {};
  for (const { filter } of filteredFields(LOGS[kind])) {
    const value = query[filter.parameter];
    if (value !== undefined && value !== '') {
      const text = filter.normalize ? filter.normalize(String(value)) : String(value);
      filters[filter.key] = filter.match === 'oneOf' ? [text] : text;
    }
  }
  return filters;
}

/** A search of `kind` over `range` with the filters the query parameters set. */
export function searchFromQuery(kind: ActivityKind, query: Filters, range: TimeRange): ActivitySearch {
  return { kind, range, filters: filtersFromQuery(kind, query) } as ActivitySearch;
}

/** A sidebar view's filters as one query (its feed is one request stream) and what is kept of what it loads. */
export interface SidebarQuery {
  query: Filters;
  /** Filters the API cannot apply (a status class, failed only, several choices): kept among loaded entries. */
  keep?: (entry: ActivityEntry) => boolean;
}

export function sidebarQuery(kind: ActivityKind, filters: SearchFilters): SidebarQuery {
  const { parameters, streams, keep } = planFilters(kind, filters);
  const query = Object.fromEntries(Object.entries(parameters).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
  if (!streams || streams.values.length === 0) {
    return { query, keep };
  }
  const { field, values } = streams;
  if (values.length === 1) {
    return { query: { ...query, [field.filter.parameter]: values[0]! }, keep };
  }
  // Several choices would be a request stream each: the view asks for them all and keeps these.
  const chosen = new Set(values);
  const isChosen = (entry: ActivityEntry) => chosen.has(String(field.value(entry)));
  return { query, keep: keep ? (entry) => keep(entry) && isChosen(entry) : isChosen };
}
