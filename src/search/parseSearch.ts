// Searches arrive from places the extension does not control: a webview message, a restored
// panel's state, globalState synced from another machine. Each is checked field by field here.
import type { ActivitySearch, SessionFilters, TimeRange, TimeRangePreset, WebhookFilters } from './search';

const PRESETS: readonly TimeRangePreset[] = ['hour', 'day', 'week', 'month', 'quarter'];
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
    return (PRESETS as readonly string[]).includes(value.preset) ? { preset: value.preset as TimeRangePreset } : undefined;
  }
  const { from, to } = value;
  if (typeof from === 'number' && typeof to === 'number' && Number.isFinite(from) && Number.isFinite(to) && from < to) {
    return { from, to };
  }
  return undefined;
}

/** Copies the named fields that are valid; undefined when any present field is not. */
function fields<T>(source: unknown, textFields: readonly string[], choiceFields: readonly string[]): T | undefined {
  if (source !== undefined && !isObject(source)) {
    return undefined;
  }
  const result: Loose = {};
  for (const name of textFields) {
    const value = text(source?.[name]);
    if (value === null) {
      return undefined;
    }
    if (value !== undefined) {
      result[name] = value;
    }
  }
  for (const name of choiceFields) {
    const value = choices(source?.[name]);
    if (value === null) {
      return undefined;
    }
    if (value !== undefined) {
      result[name] = value;
    }
  }
  return result as T;
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
  if (value.kind === 'sessions') {
    const filters = fields<SessionFilters>(value.filters, ['username', 'ipAddress', 'path'], ['types']);
    return filters && { kind: 'sessions', range, filters };
  }
  if (value.kind === 'webhooks') {
    const filters = fields<WebhookFilters>(value.filters, ['endpointUrl', 'status', 'resourcePath', 'username'], ['events']);
    if (filters?.status !== undefined && !STATUS_FILTER.test(filters.status)) {
      return undefined;
    }
    return filters && { kind: 'webhooks', range, filters };
  }
  return undefined;
}

/** A status code (0 to 999: curl error numbers too) or a class such as 4xx. */
export const STATUS_FILTER = /^(\d{1,3}|[1-5]xx)$/i;
