// A search of one activity log: what the palette searches build, the panel runs and shows, and
// recent or saved searches remember. Plain data (JSON-safe), free of `vscode`.

import type { ActivityKind, FieldOrder } from '../activity/logSchema';

export type { ActivityKind, FieldOrder };

/** The presets the palette and the panel offer, shortest first; `custom` carries its own bounds. */
export const TIME_RANGE_PRESETS = ['hour', 'day', 'week', 'month', 'quarter'] as const;
export type TimeRangePreset = typeof TIME_RANGE_PRESETS[number];

export type TimeRange =
  | { preset: TimeRangePreset }
  /** Milliseconds since the epoch, `from` < `to`. */
  | { from: number; to: number };

export interface SessionFilters {
  /** Operation codes (STOR, DELE...). The API takes one per request: several are merged by time. */
  types?: string[];
  username?: string;
  ipAddress?: string;
  /** A trailing `*` is a wildcard. */
  path?: string;
  /** Failed logins and transfers only (see the log description's failure filter); absent otherwise. */
  failed?: true;
}

export interface WebhookFilters {
  /** Event names (resources.upload...). The API takes one per request: several are merged by time. */
  events?: string[];
  endpointUrl?: string;
  /** One status code ("404") or a class ("4xx"); a class is filtered in the extension over a wider query. */
  status?: string;
  /** A trailing `*` is a wildcard. */
  resourcePath?: string;
  username?: string;
  /** Failed calls only (see the log description's failure filter), or those that got no answer only; absent otherwise. */
  failed?: true | 'noAnswer';
}

export interface SessionSearch {
  kind: 'sessions';
  range: TimeRange;
  filters: SessionFilters;
  /** The order the server sorts the entries in; absent for newest first. */
  order?: FieldOrder;
}

export interface WebhookSearch {
  kind: 'webhooks';
  range: TimeRange;
  filters: WebhookFilters;
  /** The order the server sorts the entries in; absent for newest first. */
  order?: FieldOrder;
}

export type ActivitySearch = SessionSearch | WebhookSearch;

/** A search's filters, of either log. */
export type SearchFilters = SessionFilters | WebhookFilters;

/** What `exavault.openSearch` takes: a search for one account (the active one when absent). */
export interface SearchRequest {
  accountId?: string;
  search: ActivitySearch;
}

const PRESET_MS: Readonly<Record<TimeRangePreset, number>> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  quarter: 90 * 86_400_000,
};

/** How many hours the preset looks back. */
export const presetHours = (preset: TimeRangePreset): number => PRESET_MS[preset] / 3_600_000;

/** The range's bounds at `now`, in milliseconds since the epoch. */
export function resolveRange(range: TimeRange, now: Date): { from: number; to: number } {
  if ('preset' in range) {
    const to = now.getTime();
    return { from: to - PRESET_MS[range.preset], to };
  }
  return { from: range.from, to: range.to };
}

/** The preset nearest to a window of `windowMs` (by ratio: 12 hours is nearer a day than an hour). */
export function closestPreset(windowMs: number): TimeRangePreset {
  const distance = (preset: TimeRangePreset) => Math.abs(Math.log(PRESET_MS[preset] / windowMs));
  return TIME_RANGE_PRESETS.reduce<TimeRangePreset>((best, preset) => (distance(preset) < distance(best) ? preset : best), TIME_RANGE_PRESETS[0]);
}

/** Whether two searches ask the same: filters whatever the order of their keys, choices as a set, and the same server order. */
export function sameSearch(a: ActivitySearch, b: ActivitySearch): boolean {
  const canonical = (search: ActivitySearch) => JSON.stringify([
    search.kind,
    'preset' in search.range ? search.range.preset : [search.range.from, search.range.to],
    Object.entries(search.filters as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, Array.isArray(value) ? [...value as string[]].sort() : value])
      .sort(([x], [y]) => (String(x) < String(y) ? -1 : 1)),
    search.order ? [search.order.field, search.order.descending] : null,
  ]);
  return canonical(a) === canonical(b);
}
