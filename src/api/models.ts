// The client's typed view of activity entries: one model per endpoint, every wire field kept.
import type { WebhookV1DetailsWire, WebhookV2DetailsWire } from './wire';

/** A session entry's fields in toJSON() order: what exports write, one column each. */
export const SESSION_MODEL_FIELDS = ['kind', 'id', 'created', 'createdText', 'operation', 'operationName', 'username', 'ipAddress', 'protocol',
  'fileName', 'fileSource', 'bytesTransferred', 'durationSeconds', 'sessionId', 'status', 'failed', 'extra'] as const;

/** A webhook call's fields in toJSON() order. */
export const WEBHOOK_MODEL_FIELDS = ['kind', 'id', 'format', 'created', 'createdText', 'event', 'eventLabel', 'endpointUrl', 'status', 'noAnswer',
  'failed', 'response', 'responseSize', 'resourcePath', 'username', 'ipAddress', 'webhookId', 'attemptId', 'attempt', 'accountId',
  'resend', 'webhookPath', 'details', 'extra'] as const;

// Models are read-only views (see normalize.ts): read their fields, or toJSON() for a plain copy.
interface Entry {
  id: number;
  /**
   * When it happened, in milliseconds since the epoch (a number, not a Date: a million entries are
   * held at once); undefined when the server sent no date or one that does not parse.
   */
  created: number | undefined;
  /** The date as the server wrote it (with its own zone). */
  createdText: string;
  /** Attributes this model does not name, as they came. */
  extra: Record<string, unknown>;
  /** Every field above as a plain object. */
  toJSON(): Record<string, unknown>;
}

export interface SessionEntry extends Entry {
  kind: 'session';
  /** Upper-case operation code, such as STOR. */
  operation: string;
  /** The web file manager's name for it ("Upload"), or the code when unknown. */
  operationName: string;
  username: string;
  ipAddress: string;
  protocol: string;
  /** Full path of the file or folder. */
  fileName: string;
  /** Source path of a move, copy or rename; "" otherwise. */
  fileSource: string;
  bytesTransferred: number | undefined;
  durationSeconds: number | undefined;
  sessionId: string;
  /** "-" normally, "failed" for a failed login. */
  status: string;
  failed: boolean;
}

export type WebhookFormat = 'v2' | 'v1' | 'legacy';

export interface WebhookCall extends Entry {
  kind: 'webhook';
  format: WebhookFormat;
  /** API event name (resources.upload); a legacy entry's human name is mapped when known. */
  event: string;
  /** What the entry itself said: "Upload" for legacy entries, else the API name. */
  eventLabel: string;
  endpointUrl: string;
  /** The listener's HTTP status, or a curl error number (< 100) when it gave no HTTP answer. */
  status: number | undefined;
  /** No HTTP answer at all (status 0 or a curl error number). */
  noAnswer: boolean;
  /** No answer, or an answer of 400 and above. */
  failed: boolean;
  /** The listener's response body. */
  response: string;
  responseSize: number | undefined;
  resourcePath: string;
  username: string;
  ipAddress: string;
  webhookId: number | undefined;
  attemptId: string;
  /** Attempt number: legacy `attempt`, v1 `details.attempt`. */
  attempt: number | undefined;
  accountId: string;
  resend: boolean;
  webhookPath: string;
  details: WebhookV1DetailsWire | WebhookV2DetailsWire | undefined;
}

export type ActivityEntry = SessionEntry | WebhookCall;

/** A file or folder of the account (GET /resources). */
export interface Resource {
  id: number | undefined;
  /** Full path from the account's root, "/" for the root. */
  path: string;
  name: string;
  type: 'file' | 'dir';
  /** A file's bytes; a folder's total, as ExaVault counts it. */
  size: number;
  /** Milliseconds since the epoch, when known. */
  created: number | undefined;
  modified: number | undefined;
  createdBy: string;
}
