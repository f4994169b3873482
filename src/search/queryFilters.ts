// The sidebar speaks in API query parameters (a view's filters, "Filter to this User" on an entry);
// searches speak in SessionFilters and WebhookFilters. This is the one translation. Free of `vscode`.
import type { Filters } from '../activity/activityFeed';
import { filteredFields, LOGS } from '../activity/logSchema';
import type { ActivityKind, ActivitySearch, TimeRange } from './search';

/** A search of `kind` over `range` with the filters the query parameters set; parameters searches do not take are left out. */
export function searchFromQuery(kind: ActivityKind, query: Filters, range: TimeRange): ActivitySearch {
  // Only the values set, so that equal searches serialize alike.
  const filters: Record<string, string | string[]> = {};
  for (const { filter } of filteredFields(LOGS[kind])) {
    const value = query[filter.parameter];
    if (value !== undefined && value !== '') {
      const text = filter.normalize ? filter.normalize(String(value)) : String(value);
      filters[filter.key] = filter.match === 'oneOf' ? [text] : text;
    }
  }
  return { kind, range, filters } as ActivitySearch;
}
