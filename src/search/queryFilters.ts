// The sidebar speaks in API query parameters (a view's filters, "Filter to this User" on an entry);
// searches speak in SessionFilters and WebhookFilters. This is the one translation. Free of `vscode`.
import type { Filters } from '../activity/activityFeed';
import type { ActivityKind, ActivitySearch, TimeRange } from './search';

/** The object without its undefined properties, so that equal searches serialize alike. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A search of `kind` over `range` with the filters the query parameters set; parameters searches do not take are left out. */
export function searchFromQuery(kind: ActivityKind, query: Filters, range: TimeRange): ActivitySearch {
  const text = (parameter: string) => {
    const value = query[parameter];
    return value === undefined || value === '' ? undefined : String(value);
  };
  const type = text('type');
  const event = text('event');
  return kind === 'sessions'
    ? { kind, range, filters: defined({ types: type ? [type.toUpperCase()] : undefined, username: text('username'), ipAddress: text('ipAddress'), path: text('path') }) }
    : { kind, range, filters: defined({ events: event ? [event] : undefined, endpointUrl: text('endpointUrl'), status: text('statusCode'), resourcePath: text('resourcePath'), username: text('username') }) };
}
