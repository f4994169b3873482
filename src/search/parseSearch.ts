// Searches arrive from places the extension does not control: a webview message, a restored
// panel's state, globalState synced from another machine. Each is checked field by field here.
import { failureOf, filteredFields, isNewestFirst, LOGS, sortableFields, type FieldOrder } from '../activity/logSchema';
import { TIME_RANGE_PRESETS, type ActivitySearch, type TimeRange, type TimeRangePreset } from './search';

const MAX_TEXT = 2048;
const MAX_CHOICES = 100;

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A trimmed, non-empty, bounded string; undefined for absent or empty; null for anything else. */
function text(value: unknown): string | undefined | null {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    return null;
  }
  return value.trim() || undefined;
}

function choices(value: unknown): string[] | undefined | null {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.length > MAX_CHOICES || !value.every((item) => typeof item === 'string' && item.length > 0 && item.length <= 100)) {
    return null;
  }
  const unique = [...new Set(value as string[])];
  return unique.length > 0 ? unique : undefined;
}

export function parseTimeRange(value: unknown): TimeRange | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  if (typeof value.preset === 'string') {
    return (TIME_RANGE_PRESETS as readonly string[]).includes(value.preset) ? { preset: value.preset as TimeRangePreset } : undefined;
  }
  const { from, to } = value;
  if (typeof from === 'number' && typeof to === 'number' && Number.isFinite(from) && Number.isFinite(to) && from < to) {
    return { from, to };
  }
  return undefined;
}

/** Copies the log's filters that are valid; undefined when any present one is not. */
function filters(kind: ActivitySearch['kind'], source: unknown): Loose | undefined {
  if (source !== undefined && !isObject(source)) {
    return undefined;
  }
  const result: Loose = {};
  for (const { filter } of filteredFields(LOGS[kind])) {
    const raw = source?.[filter.key];
    const value = filter.match === 'oneOf' ? choices(raw) : text(raw);
    if (value === null || (typeof value === 'string' && filter.pattern && !filter.pattern.test(value))) {
      return undefined;
    }
    if (value !== undefined) {
      result[filter.key] = value;
    }
  }
  // `true` or a kind of failure the log has; false is left out, so that equal searches serialize alike.
  const failed = source?.[LOGS[kind].failure.key];
  if (failureOf(LOGS[kind], failed)) {
    result[LOGS[kind].failure.key] = failed;
  } else if (failed !== undefined && failed !== null && failed !== false) {
    return undefined;
  }
  return result;
}

/**
 * A server order the log sorts by; undefined for none or newest first (what a search without one asks
 * for, so that equal searches serialize alike); null for anything else.
 */
export function parseOrder(kind: ActivitySearch['kind'], value: unknown): FieldOrder | undefined | null {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value) || typeof value.descending !== 'boolean' || !sortableFields(LOGS[kind]).some((field) => field.id === value.field)) {
    return null;
  }
  const order = { field: value.field as string, descending: value.descending };
  return isNewestFirst(order) ? undefined : order;
}

/** The search, if `value` is a well-formed one; unknown fields are dropped. */
export function parseSearch(value: unknown): ActivitySearch | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const range = parseTimeRange(value.range);
  if (!range) {
    return undefined;
  }
  if (value.kind !== 'sessions' && value.kind !== 'webhooks') {
    return undefined;
  }
  const kept = filters(value.kind, value.filters);
  const order = parseOrder(value.kind, value.order);
  if (!kept || order === null) {
    return undefined;
  }
  return { kind: value.kind, range, filters: kept, ...(order ? { order } : {}) } as ActivitySearch;
}

/** The order `size` or `-size` names in the log: undefined for none (or newest first), null for one the log is not sorted in. */
export function parseOrderKey(kind: ActivitySearch['kind'], key: string | null | undefined): FieldOrder | undefined | null {
  if (key === null || key === undefined) {
    return undefined;
  }
  const descending = key.startsWith('-');
  return parseOrder(kind, { field: descending ? key.slice(1) : key, descending });
}
