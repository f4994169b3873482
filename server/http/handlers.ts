// The API methods themselves: credentials, GET /account, the two activity lists, resending a
// logged webhook call, and the account's files (files/resourceApi.ts). Faults, rate limits and
// latency are the pipeline's business; this answers as a healthy server would.
import type { IncomingHttpHeaders } from 'node:http';
import { parseActivityQuery, SESSION_ENDPOINT, WEBHOOK_ENDPOINT, type ActivityEndpoint } from '../query/activityQuery';
import { formatTimestamp } from '../generate/dates';
import { ApiError, INSUFFICIENT_PRIVILEGES, INVALID_CREDENTIALS } from './errors';
import type { GrowingStore } from '../query/growingStore';
import type { StoreQuery } from '../query/store';
import type { LiveActivity } from '../query/liveActivity';
import type { DownloadBody, ResourceAnswer, ResourceApi } from '../files/resourceApi';

export const API_PREFIX = '/api/v2';
const RESEND_PATH = /^\/webhooks\/resend\/([^/]+)$/;
const WHOLE_NUMBER = /^\d+$/;

/** Whether the request resends a logged webhook call (a fault can fail those alone). */
export const isResend = (method: string, path: string): boolean => method === 'POST' && RESEND_PATH.test(path);
const RESOURCE_METHODS: Readonly<Record<string, (api: ResourceApi, search: URLSearchParams) => ResourceAnswer>> = {
  '/resources': (api, search) => api.get(search),
  '/resources/list': (api, search) => api.list(search),
  '/resources/download': (api, search) => api.download(search),
  '/resources/preview': (api, search) => api.preview(search),
};
// The spec's EmptyResponse.
const EMPTY_RESPONSE = JSON.stringify({ responseStatus: 200, data: [] });

/** An activity entry, as far as the stuck cursor needs to know it. */
interface Dated {
  id: number;
  attributes: { created?: string };
}

export interface ApiAnswer {
  status: number;
  body: string;
  /** A file's bytes, sent instead of `body`. */
  download?: DownloadBody;
}

export interface Credentials {
  apiKey: string;
  /** An admin's token. */
  accessToken: string;
  /** A user's token that is not an admin's: activity is refused to it. */
  nonAdminAccessToken?: string;
}

/**
 * Behaviours the spec allows that a client may not expect, switched on for tests: another default
 * order when a request sends no `sort` (the spec documents none), and a cursor that never moves,
 * whatever `offset` and `endDate` ask: every page the same newest page (`samePage`), or a full page
 * of new ids all stamped with the end of the window asked for (`newIds`).
 */
export interface ServerQuirks {
  defaultOrder?: 'newestFirst' | 'oldestFirst';
  stuckCursor?: 'samePage' | 'newIds';
}

export interface ApiRequest {
  method: string;
  /** The path below /api/v2, such as /account. */
  path: string;
  search: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export class ExaVaultApi {
  constructor(
    private readonly credentials: Credentials,
    private readonly accountJson: string,
    private readonly activity: LiveActivity,
    private readonly maxLimit: number,
    private readonly resources: ResourceApi,
    private readonly quirks: ServerQuirks = {},
  ) {}
  /** Ids handed out by the stuck cursor: above every real one, new on every page. */
  private stuckIds = 9_000_000_000;

  answer(request: ApiRequest): ApiAnswer {
    try {
      return this.route(request);
    } catch (error) {
      if (error instanceof ApiError) {
        return { status: error.status, body: error.body() };
      }
      throw error;
    }
  }

  private route({ method, path, search, headers }: ApiRequest): ApiAnswer {
    const get = method === 'GET' || method === 'HEAD';
    if (get && path === '/account') {
      this.authenticate(headers);
      return { status: 200, body: this.accountJson };
    }
    if (get && path === '/activity/session') {
      return this.list(headers, search, SESSION_ENDPOINT, this.activity.sessions);
    }
    if (get && path === '/activity/webhooks') {
      return this.list(headers, search, WEBHOOK_ENDPOINT, this.activity.webhooks);
    }
    const resource = get ? RESOURCE_METHODS[path] : undefined;
    if (resource) {
      // Files are for any user of the account, not only admins.
      this.authenticate(headers);
      return { status: 200, ...resource(this.resources, search) };
    }
    const resend = RESEND_PATH.exec(path);
    if (method === 'POST' && resend) {
      return this.resend(headers, resend[1]!);
    }
    throw new ApiError(404, 'ERROR_METHOD_NOT_FOUND', `There is no method ${method} ${API_PREFIX}${path}.`);
  }

  private list<Entry extends Dated>(headers: IncomingHttpHeaders, search: URLSearchParams, endpoint: ActivityEndpoint, store: GrowingStore<Entry>): ApiAnswer {
    this.authenticateAdmin(headers);
    const query = parseActivityQuery(search, endpoint, this.maxLimit);
    if (query.sort.length === 0 && this.quirks.defaultOrder === 'oldestFirst') {
      query.sort = [{ field: 'date', descending: false }];
    }
    const data = this.quirks.stuckCursor ? this.stuckPage(store, query) : store.query(query);
    // totalResults is always 0 on these methods: ExaVault never counts.
    return { status: 200, body: JSON.stringify({ responseStatus: 200, totalResults: 0, returnedResults: data.length, data }) };
  }

  private stuckPage<Entry extends Dated>(store: GrowingStore<Entry>, query: StoreQuery): Entry[] {
    const newest = store.query({ ...query, to: Infinity, offset: 0 });
    if (this.quirks.stuckCursor === 'samePage') {
      return newest;
    }
    const at = Number.isFinite(query.to) ? formatTimestamp(Math.floor(query.to / 1000) * 1000) : newest[0]?.attributes.created;
    return newest.map((entry) => ({ ...entry, id: this.stuckIds++, attributes: { ...entry.attributes, created: at } }));
  }

  /** POST /webhooks/resend/{activityId}: the listener gets the call again, and the log a new entry for it. */
  private resend(headers: IncomingHttpHeaders, activityId: string): ApiAnswer {
    this.authenticateAdmin(headers);
    if (!WHOLE_NUMBER.test(activityId) || !this.activity.resend(Number(activityId))) {
      throw new ApiError(404, 'ERROR_WEBHOOK_ACTIVITY_NOT_FOUND', `There is no webhook activity entry with id ${activityId}.`);
    }
    return { status: 200, body: EMPTY_RESPONSE };
  }

  /** Activity, and acting on it, is for admins: anyone else with a valid token gets 403. */
  private authenticateAdmin(headers: IncomingHttpHeaders): void {
    if (this.authenticate(headers) !== 'admin') {
      throw INSUFFICIENT_PRIVILEGES;
    }
  }

  /** Who the token belongs to; a missing or wrong key or token is one and the same 401. */
  private authenticate(headers: IncomingHttpHeaders): 'admin' | 'user' {
    const { apiKey, accessToken, nonAdminAccessToken } = this.credentials;
    const token = headers['ev-access-token'];
    if (headers['ev-api-key'] !== apiKey || token === undefined) {
      throw INVALID_CREDENTIALS;
    }
    if (token === accessToken) {
      return 'admin';
    }
    if (token === nonAdminAccessToken) {
      return 'user';
    }
    throw INVALID_CREDENTIALS;
  }
}
