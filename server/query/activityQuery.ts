// The query parameters of the two activity endpoints: which exist, what they filter or sort, and
// how a request's parameters become a store query (or a 400 naming what is wrong).
import type { SESSION_QUERY_PARAMETERS, SESSION_SORT_FIELDS, WEBHOOK_QUERY_PARAMETERS, WEBHOOK_SORT_FIELDS } from '../../src/api/wire';
import { parseFilterDate } from '../generate/dates';
import { invalidParameter } from '../http/errors';
import type { Filter, IndexOptions, SortKey, StoreQuery } from './store';

type PagingParameter = 'startDate' | 'endDate' | 'offset' | 'limit' | 'sort';
type SessionFilterParameter = Exclude<(typeof SESSION_QUERY_PARAMETERS)[number], PagingParameter>;
type WebhookFilterParameter = Exclude<(typeof WEBHOOK_QUERY_PARAMETERS)[number], PagingParameter>;

interface FilterParameter {
  column: string;
  /** `path`: exact, or a prefix when it ends in `*`; `integer`: a whole number. */
  kind: 'text' | 'path' | 'integer';
}

export interface ActivityEndpoint {
  filters: Readonly<Record<string, FilterParameter>>;
  /** Spellings of older spec revisions, and the parameter each means. */
  aliases: Readonly<Record<string, string>>;
  /** The column each sort field orders by; `date` is `created`. */
  sortFields: Readonly<Record<string, string>>;
  /** How the store indexes the filtered columns. */
  indexes: Readonly<Record<string, IndexOptions>>;
}

export const SESSION_ENDPOINT: ActivityEndpoint = {
  filters: {
    ipAddress: { column: 'ipAddress', kind: 'text' },
    username: { column: 'username', kind: 'text' },
    path: { column: 'fileName', kind: 'path' },
    type: { column: 'operation', kind: 'text' },
  } satisfies Record<SessionFilterParameter, FilterParameter>,
  aliases: { userName: 'username' },
  sortFields: {
    date: 'date', ip_address: 'ipAddress', username: 'username', file: 'fileName', sort_logs_file_source: 'fileSource',
    type: 'operation', duration: 'duration', size: 'bytesTransferred', protocol: 'protocol',
  } satisfies Record<(typeof SESSION_SORT_FIELDS)[number], string>,
  indexes: { ipAddress: {}, username: { caseInsensitive: true }, fileName: { prefix: true }, operation: { caseInsensitive: true } },
};

export const WEBHOOK_ENDPOINT: ActivityEndpoint = {
  filters: {
    endpointUrl: { column: 'endpointUrl', kind: 'text' },
    event: { column: 'event', kind: 'text' },
    statusCode: { column: 'status', kind: 'integer' },
    resourcePath: { column: 'resourcePath', kind: 'path' },
    username: { column: 'username', kind: 'text' },
  } satisfies Record<WebhookFilterParameter, FilterParameter>,
  aliases: { path: 'resourcePath' },
  sortFields: {
    date: 'date', endpoint_url: 'endpointUrl', event: 'event', status: 'status', username: 'username',
    attempt_id: 'attemptId', resource_path: 'resourcePath',
  } satisfies Record<(typeof WEBHOOK_SORT_FIELDS)[number], string>,
  indexes: { endpointUrl: {}, event: {}, status: {}, resourcePath: { prefix: true }, username: { caseInsensitive: true } },
};

const DEFAULT_LIMIT = 100;
const WHOLE_NUMBER = /^\d+$/;

/** A request's query string as a store query. An empty value counts as not given. */
export function parseActivityQuery(search: URLSearchParams, endpoint: ActivityEndpoint, maxLimit: number): StoreQuery {
  const values = new Map<string, string>();
  const accepted = ['startDate', 'endDate', ...Object.keys(endpoint.filters), 'offset', 'limit', 'sort'];
  for (const [given, value] of search) {
    const name = own(endpoint.aliases, given) ?? given;
    if (!accepted.includes(name)) {
      throw invalidParameter(`Unknown parameter "${given}". This method takes ${accepted.join(', ')}.`);
    }
    if (values.has(name)) {
      throw invalidParameter(`Parameter "${name}" was given more than once; it takes one value.`);
    }
    values.set(name, value);
  }
  const given = (name: string): string | undefined => values.get(name) || undefined;

  const filters: Filter[] = [];
  for (const [name, { column, kind }] of Object.entries(endpoint.filters)) {
    const value = given(name);
    if (value === undefined) {
      continue;
    }
    if (kind === 'integer') {
      filters.push({ column, value: wholeNumber(name, value) });
    } else if (kind === 'path' && value.endsWith('*')) {
      filters.push({ column, value: value.slice(0, -1), prefix: true });
    } else {
      filters.push({ column, value });
    }
  }
  const offset = given('offset');
  const limit = given('limit');
  const pageSize = limit === undefined ? Math.min(DEFAULT_LIMIT, maxLimit) : wholeNumber('limit', limit);
  if (pageSize < 1 || pageSize > maxLimit) {
    throw invalidParameter(`Parameter "limit" must be from 1 to ${maxLimit}, not ${limit}.`);
  }
  return {
    from: date('startDate', given('startDate')) ?? -Infinity,
    to: date('endDate', given('endDate')) ?? Infinity,
    filters,
    sort: sortKeys(given('sort'), endpoint),
    offset: offset === undefined ? 0 : wholeNumber('offset', offset),
    limit: pageSize,
  };
}

function wholeNumber(name: string, value: string): number {
  if (!WHOLE_NUMBER.test(value)) {
    throw invalidParameter(`Parameter "${name}" must be a whole number of 0 or more, not "${value}".`);
  }
  return Number(value);
}

function date(name: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ms = parseFilterDate(value);
  if (ms === undefined) {
    throw invalidParameter(`Parameter "${name}" is not a date: "${value}". Send a date-time such as 2020-11-17T18:20:30Z.`);
  }
  return ms;
}

function sortKeys(value: string | undefined, endpoint: ActivityEndpoint): SortKey[] {
  if (value === undefined) {
    return [];
  }
  return value.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const descending = part.startsWith('-');
    const name = descending ? part.slice(1) : part;
    const field = own(endpoint.sortFields, name);
    if (field === undefined) {
      throw invalidParameter(`Cannot sort by "${name}". Sort fields are ${Object.keys(endpoint.sortFields).join(', ')}, each with "-" for descending.`);
    }
    return { field, descending };
  });
}

/** A record's own entry only: "constructor" or "__proto__" in a query must not find Object's. */
function own(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
