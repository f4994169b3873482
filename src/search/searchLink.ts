// A link to a search: <scheme>://<extension id>/search?account=acme&log=sessions&range=day&username=alice.
// Links come from anywhere (a web page, a chat message), so each is read strictly: known parameters
// only, each once (a choice filter may repeat), bounded, and the search checked by parseSearch as the
// panel's messages are. A link names a search and an account, nothing else: no command, no file and
// no answer to the cost question, which the panel asks as for any other search.
import * as l10n from '@vscode/l10n';
import { filteredFields, LOGS, orderKey } from '../activity/logSchema';
import { parseOrderKey, parseSearch, parseTimeRange } from './parseSearch';
import type { ActivityKind, ActivitySearch, TimeRange } from './search';

export const SEARCH_LINK_PATH = '/search';

/** Longer than any search the panel makes (a hundred choices, every filter at its longest is far less). */
const MAX_QUERY_LENGTH = 16_384;
const MAX_ACCOUNT_NAME = 256;
/** A moment as links write it: ISO 8601 with a zone (toISOString writes Z). */
const LINK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `order` is a server order: a field's id, `-` first for descending (order=-size). */
const BASE_PARAMETERS = ['account', 'log', 'range', 'from', 'to', 'order'];

export interface SearchLink {
  /** The account's name as ExaVault reports it (what the status bar shows), the same for everyone who uses it. */
  accountName: string;
  search: ActivitySearch;
}

export type ReadLink = SearchLink | { problem: string };

/**
 * The link: `scheme` (the editor's own, vscode.env.uriScheme) and the extension's id lead it to this
 * extension's URI handler. The editor decodes a link's query once before handing it over, so its percent
 * signs are encoded once more: what arrives is the query as written here, a value's & and = still encoded.
 */
export function searchLinkText(scheme: string, extensionId: string, link: SearchLink): string {
  return `${scheme}://${extensionId}${SEARCH_LINK_PATH}?${searchLinkQuery(link).replace(/%/g, '%25')}`;
}

/** The account, the log, the range, each filter set and the server order, as URL parameters. */
function searchLinkQuery({ accountName, search }: SearchLink): string {
  const query = new URLSearchParams({ account: accountName, log: search.kind });
  const { range } = search;
  if ('preset' in range) {
    query.set('range', range.preset);
  } else {
    query.set('from', new Date(range.from).toISOString());
    query.set('to', new Date(range.to).toISOString());
  }
  const filters = search.filters as Record<string, string | string[] | undefined>;
  for (const { filter } of filteredFields(LOGS[search.kind])) {
    for (const value of [filters[filter.key] ?? []].flat()) {
      query.append(filter.key, value);
    }
  }
  const failed = search.filters[LOGS[search.kind].failure.key];
  if (failed !== undefined) {
    query.set(LOGS[search.kind].failure.key, String(failed));
  }
  if (search.order) {
    query.set('order', orderKey(search.order));
  }
  return query.toString();
}

const isKind = (value: string | undefined): value is ActivityKind => value === 'sessions' || value === 'webhooks';

/** The search a link's path and query (as the editor hands them over, decoded once) name, or what is wrong with it (in words that repeat nothing of the link). */
export function readSearchLink(path: string, query: string): ReadLink {
  if (path !== SEARCH_LINK_PATH) {
    return { problem: l10n.t('This link does not lead to anything ExaVault Activity opens: its links lead to a search.') };
  }
  if (query.length > MAX_QUERY_LENGTH) {
    return { problem: l10n.t('This link is longer than any link to a search.') };
  }
  const params = new URLSearchParams(query);
  const kind = params.get('log') ?? undefined;
  if (!isKind(kind) || params.getAll('log').length > 1) {
    return { problem: l10n.t('This link does not name a log: it needs log=sessions or log=webhooks.') };
  }
  const filterFields = filteredFields(LOGS[kind]).map((field) => field.filter);
  const failureKey = LOGS[kind].failure.key;
  const known = [...BASE_PARAMETERS, ...filterFields.map((filter) => filter.key), failureKey];
  const repeatable = new Set(filterFields.filter((filter) => filter.match === 'oneOf').map((filter) => filter.key));
  for (const key of new Set(params.keys())) {
    if (!known.includes(key)) {
      return { problem: l10n.t('This link has a parameter that links to a search do not have. They have: {0}.', known.join(', ')) };
    }
    if (!repeatable.has(key) && params.getAll(key).length > 1) {
      return { problem: l10n.t('This link gives {0} more than once.', key) };
    }
  }
  const accountName = params.get('account')?.trim();
  if (!accountName || accountName.length > MAX_ACCOUNT_NAME) {
    return { problem: l10n.t('This link does not name an ExaVault account.') };
  }
  const range = readRange(params);
  if (!range) {
    return { problem: l10n.t('This link\'s time range is not one a search can have: it needs range (hour, day, week, month or quarter), or from and to (ISO 8601 times, from before to).') };
  }
  const filters: Record<string, unknown> = Object.fromEntries(filterFields.filter((filter) => params.has(filter.key))
    .map((filter) => [filter.key, repeatable.has(filter.key) ? params.getAll(filter.key) : params.get(filter.key)]));
  const order = parseOrderKey(kind, params.get('order'));
  if (order === null) {
    return { problem: l10n.t('This link\'s order is not one the log can be sorted in.') };
  }
  // failed=true keeps every failure, failed=noAnswer a kind of them.
  const failed = params.get(failureKey);
  if (failed !== null) {
    filters[failureKey] = failed === 'true' ? true : failed;
  }
  const search = parseSearch({ kind, range, filters, order });
  if (!search) {
    return { problem: l10n.t('This link has a filter value that a search cannot have.') };
  }
  return { accountName, search };
}

/** A preset, or both bounds; undefined for neither, both, an unknown preset or a bound that is no time. */
function readRange(params: URLSearchParams): TimeRange | undefined {
  const preset = params.get('range');
  const from = params.get('from');
  const to = params.get('to');
  if (preset !== null) {
    return from === null && to === null ? parseTimeRange({ preset }) : undefined;
  }
  if (from === null || to === null || !LINK_TIME.test(from) || !LINK_TIME.test(to)) {
    return undefined;
  }
  return parseTimeRange({ from: Date.parse(from), to: Date.parse(to) });
}
