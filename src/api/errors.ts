import * as l10n from '@vscode/l10n';
import type { ErrorBody } from './wire';

export type ExaVaultErrorKind =
  | 'invalidInput' // what the user typed cannot be an account or a query
  | 'invalidCredentials' // 401: the API key or the access token is wrong
  | 'forbidden' // 403: the token's user is not an admin
  | 'notFound' // 404
  | 'activityRetired' // 404 on /activity: the account no longer offers these v2 methods
  | 'badRequest' // 400: the server rejected a parameter
  | 'rateLimited' // 429 past the bounded wait
  | 'server' // 5xx after bounded retries
  | 'network' // no connection, reset, DNS
  | 'timeout' // no answer within the request timeout
  | 'badResponse' // not JSON, truncated, an HTML page
  | 'redirect' // a redirect to another origin, not followed with credentials
  | 'tooLarge' // a download larger than the caller allows
  | 'cancelled'; // the caller aborted

/**
 * Every failure of the client, with a message a person can act on. Messages never hold the API key
 * or the access token: they are built from our own text and the server's, scrubbed of both.
 */
export class ExaVaultError extends Error {
  constructor(
    readonly kind: ExaVaultErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAt?: Date; retryAfterMs?: number; bytes?: number } = {},
  ) {
    super(message);
    this.name = 'ExaVaultError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** When a 429 said the allowance comes back. */
  get retryAt(): Date | undefined {
    return this.details.retryAt;
  }

  /** How long a 429 said to wait, from when it arrived. */
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** Replaces every occurrence of the given secrets (and their URL encodings) with "***". */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets.filter((s) => s.length >= 4)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join('***');
    }
  }
  return result;
}

function firstDetail(body: unknown): { code?: string; detail?: string } {
  const errors = (body as ErrorBody | undefined)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  return {
    code: typeof first?.code === 'string' ? first.code : undefined,
    detail: typeof first?.detail === 'string' ? first.detail : undefined,
  };
}

let formatTime: (time: number) => string = (time) => `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * How messages name a time (when the allowance comes back): the extension passes the formatting that
 * follows its time-zone setting, as everywhere else it shows a time. UTC until then. Returns the one it replaces.
 */
export function showMessageTimesWith(format: (time: number) => string): (time: number) => string {
  const before = formatTime;
  formatTime = format;
  return before;
}

export interface FailedResponse {
  status: number;
  path: string;
  body: unknown; // parsed JSON, or undefined
  isHtml: boolean;
  retryAt?: Date;
  retryAfterMs?: number;
}

/** The error for a non-2xx answer. `secrets` are scrubbed from anything the server said. */
export function errorForResponse(response: FailedResponse, secrets: readonly string[]): ExaVaultError {
  const { code, detail: rawDetail } = firstDetail(response.body);
  const detail = rawDetail === undefined ? undefined : redact(rawDetail, secrets);
  const details = { status: response.status, code, retryAt: response.retryAt, retryAfterMs: response.retryAfterMs };
  const said = detail ? ` (${detail})` : '';
  switch (response.status) {
    case 400:
      return new ExaVaultError('badRequest', l10n.t('ExaVault rejected the query{0}. Check the filters and try again.', said), details);
    case 401:
      return new ExaVaultError('invalidCredentials', l10n.t('ExaVault did not accept the API key or the access token. Check both (ExaVault: My Account → Developer) and update the credentials.'), details);
    case 403:
      if (response.path.startsWith('/resources')) {
        return new ExaVaultError('forbidden', l10n.t('ExaVault refused: the access token\'s user may not read this{0}.', said), details);
      }
      return new ExaVaultError('forbidden', l10n.t('This access token may not read activity logs: they need a token made for an admin user. Create one in ExaVault under My Account → Developer.'), details);
    case 404:
      if (response.path.startsWith('/activity/')) {
        return new ExaVaultError('activityRetired', l10n.t('This account does not offer the activity API: ExaVault retired unused v2 methods in 2023. The account may need the current Files.com API.'), details);
      }
      return new ExaVaultError('notFound', l10n.t('ExaVault found nothing at {0}{1}. Check the account URL.', response.path, said), details);
    case 429: {
      const when = response.retryAt
        ? l10n.t('It will work again at {0}.', formatTime(response.retryAt.getTime()))
        : l10n.t('Try again later.');
      return new ExaVaultError('rateLimited', l10n.t('ExaVault\'s API allowance for this account is used up for now. {0}', when), details);
    }
    default:
      break;
  }
  if (response.isHtml) {
    return new ExaVaultError('badResponse', l10n.t('ExaVault answered HTTP {0} with a web page instead of data (a proxy or an outage page). Try again in a few minutes.', response.status), details);
  }
  if (response.status >= 500) {
    return new ExaVaultError('server', l10n.t('ExaVault had a problem answering (HTTP {0}){1}. Try again in a few minutes.', response.status, said), details);
  }
  return new ExaVaultError('badResponse', l10n.t('ExaVault answered with an unexpected HTTP {0}{1}.', response.status, said), details);
}
