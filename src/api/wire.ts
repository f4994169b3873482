// What ExaVault's v2 API sends and takes, as openapi.yaml and API-NOTES.md describe it.
// Every attribute is optional on the wire: real accounts omit fields freely.

export interface ErrorItem {
  code?: string;
  detail?: string;
  title?: string;
  meta?: unknown;
}

export interface ErrorBody {
  responseStatus?: number;
  errors?: ErrorItem[];
}

export interface ListResponse<T> {
  responseStatus: number;
  /** Always 0 on the activity endpoints: there is no count, page until a short page. */
  totalResults: number;
  returnedResults: number;
  data: T[];
}

export interface AccountResponse {
  responseStatus: number;
  data: { id?: number; type?: string; attributes: { accountName: string; [field: string]: unknown } };
}

export interface SessionAttributesWire {
  created?: string;
  operation?: string;
  username?: string;
  ipAddress?: string;
  protocol?: string;
  fileName?: string;
  fileSource?: string;
  bytesTransferred?: number;
  duration?: number;
  sessionId?: string;
  status?: string;
  [field: string]: unknown;
}

export interface SessionEntryWire {
  id: number;
  type: 'sessionActivity';
  attributes: SessionAttributesWire;
}

export interface WebhookV1DetailsWire {
  accountName?: string;
  attempt?: number;
  attemptId?: string;
  event?: string;
  protocol?: string;
  username?: string;
  [field: string]: unknown;
}

export interface WebhookV2DetailsWire {
  accountName?: string;
  attemptId?: string;
  event?: string;
  eventTimestamp?: string;
  ipAddress?: string;
  protocol?: string;
  username?: string;
  eventData?: {
    transferStatus?: string;
    resources?: Record<string, unknown>[];
    share?: Record<string, unknown>[];
    formDetails?: Record<string, unknown>[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** v1 and v2: the same top level; they differ in `details`. */
export interface WebhookModernAttributesWire {
  webhookFormat: 'v1' | 'v2';
  webhookId?: number;
  attemptId?: string;
  accountId?: string;
  resend?: boolean;
  endpointUrl?: string;
  event?: string;
  status?: number;
  ipAddress?: string;
  response?: string;
  webhookPath?: string;
  resourcePath?: string;
  username?: string;
  created?: string;
  details?: WebhookV1DetailsWire | WebhookV2DetailsWire;
  [field: string]: unknown;
}

/** The shape of the spec's only example: no webhookFormat, a human event name ("Upload"). */
export interface WebhookLegacyAttributesWire {
  webhookFormat?: undefined;
  attempt?: number;
  created?: string;
  endpointUrl?: string;
  event?: string;
  response?: string;
  responseSize?: number;
  status?: number;
  [field: string]: unknown;
}

export interface WebhookEntryWire {
  id: number;
  type: 'webhookActivity';
  attributes: WebhookModernAttributesWire | WebhookLegacyAttributesWire;
}

/** The spec's ResourceAttributes: a file or folder. */
export interface ResourceAttributesWire {
  name?: string;
  /** Full path from the account's root. */
  path?: string;
  type?: string; // "file" or "dir"
  size?: number;
  extension?: string;
  fileCount?: number;
  hash?: string;
  createdBy?: string;
  createdAt?: string;
  updatedAt?: string;
  accessedAt?: string;
  uploadDate?: string;
  previewable?: boolean;
  [field: string]: unknown;
}

export interface ResourceWire {
  id?: number;
  type?: string; // "resource"
  attributes?: ResourceAttributesWire;
}

/** GET /resources. */
export interface ResourceResponse {
  responseStatus?: number;
  data?: ResourceWire;
}

/** GET /resources/list: unlike the activity lists, totalResults is a count here. */
export interface ResourceListResponse {
  responseStatus?: number;
  totalResults?: number;
  returnedResults?: number;
  data?: ResourceWire[];
}

/** GET /activity/session query parameters (the spec's names). */
export interface SessionQuery {
  startDate?: string;
  endDate?: string;
  ipAddress?: string;
  username?: string;
  /** A trailing `*` is a wildcard: `/folder*`. */
  path?: string;
  /** One operation code, such as STOR; matched case-insensitively. */
  type?: string;
  offset?: number;
  limit?: number;
  /** Comma-separated fields, `-` for descending: date, ip_address, username, file, sort_logs_file_source, type, duration, size, protocol. */
  sort?: string;
}

/** GET /activity/webhooks query parameters (the spec's names). */
export interface WebhookQuery {
  startDate?: string;
  endDate?: string;
  endpointUrl?: string;
  event?: string;
  /** The listener's HTTP status (or a curl error number when there was no HTTP answer). */
  statusCode?: number;
  /** A trailing `*` is a wildcard. */
  resourcePath?: string;
  username?: string;
  offset?: number;
  limit?: number;
  /** Comma-separated fields, `-` for descending: endpoint_url, event, status, username, attempt_id, resource_path (and date). */
  sort?: string;
}

export const SESSION_QUERY_PARAMETERS = ['startDate', 'endDate', 'ipAddress', 'username', 'path', 'type', 'offset', 'limit', 'sort'] as const;
export const WEBHOOK_QUERY_PARAMETERS = ['startDate', 'endDate', 'endpointUrl', 'event', 'statusCode', 'resourcePath', 'username', 'offset', 'limit', 'sort'] as const;

export const SESSION_SORT_FIELDS = ['date', 'ip_address', 'username', 'file', 'sort_logs_file_source', 'type', 'duration', 'size', 'protocol'] as const;
export const WEBHOOK_SORT_FIELDS = ['date', 'endpoint_url', 'event', 'status', 'username', 'attempt_id', 'resource_path'] as const;

/** Operation codes and the web file manager's names for them (API-NOTES.md). */
export const OPERATIONS: Readonly<Record<string, string>> = {
  PASS: 'Connect', EXIT: 'Disconnect', STOR: 'Upload', RETR: 'Download', DELE: 'Delete',
  MKD: 'Create Folder', RNTO: 'Rename', MOVE: 'Move', COPY: 'Copy', COMPR: 'Compress',
  EXTRACT: 'Extract', SHARE: 'Shared Folders', SEND: 'Send Files', RECV: 'Receive Files',
  EDIT_SEND: 'Update Send', EDIT_SHARE: 'Update Share', EDIT_RECV: 'Update Receive',
  DELE_SEND: 'Delete Send', DELE_RECV: 'Delete Receive', DELE_SHARE: 'Delete Share',
  NOTIFY: 'Create Notification', EDIT_NTFY: 'Update Notification', DELE_NTFY: 'Delete Notification',
  USER: 'Create User', EDIT_USER: 'Update User', DELE_USER: 'Delete User',
  DFA: 'Create Direct Link', EDIT_DFA: 'Update Direct Link', DELE_DFA: 'Deactivate Direct Link',
};

/** The webhook events the API names (API-NOTES.md): what `event` takes. */
export const WEBHOOK_EVENTS = ['resources.upload', 'resources.download', 'resources.delete', 'resources.createFolder',
  'resources.rename', 'resources.move', 'resources.copy', 'resources.compress', 'resources.extract', 'shares.formSubmit'] as const;

/** Below 100, a webhook call's status is a curl error number (or 0): it got no HTTP answer. */
export const isNoAnswer = (status: number): boolean => status < 100;
