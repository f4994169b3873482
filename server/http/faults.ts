// Failures a test or demo can switch on: slowness, throttling, server and proxy errors (of any
// request, or of resends only), broken bodies, a redirect, the activity methods retired, and slow downloads. Counted faults hit the next N
// requests.

export interface Faults {
  /** Added before every /api/v2 response. */
  latencyMs: number;
  /** The next N /api/v2 requests get 429 with Retry-After: retryAfterSeconds, X-RateLimit-* headers and the error body. */
  rateLimitBurst: number;
  retryAfterSeconds: number;
  /** The next `count` requests answer this status with the error body. */
  serverErrors: { status: 500 | 503; count: number } | null;
  /** The next N: status, headers and the first half of the real body (JSON or a download's bytes), then the connection is destroyed. */
  resetMidBody: number;
  /** The next N JSON answers: 200, application/json, and a truncated JSON body. Downloads are not JSON and do not use it up. */
  malformedJson: number;
  /** The next N POST /webhooks/resend: 500 with the error body, nothing resent (other requests do not use it up). */
  resendErrors: number;
  /** The next N: 502 with a proxy's text/html page. */
  htmlErrorPage: number;
  /** Every /api/v2 request answered 302 to this origin with the same path and query. */
  redirectTo: string | null;
  /** /activity/* answer 404 ERROR_METHOD_NOT_FOUND, as after the 2023 retirement of unused v2 methods. */
  retiredActivity: boolean;
  /** Bodies of /resources/download go out at this many bytes a second (0: as fast as they can). */
  downloadBytesPerSecond: number;
}

const NO_FAULTS: Readonly<Faults> = {
  latencyMs: 0,
  rateLimitBurst: 0,
  retryAfterSeconds: 1,
  serverErrors: null,
  resetMidBody: 0,
  malformedJson: 0,
  resendErrors: 0,
  htmlErrorPage: 0,
  redirectTo: null,
  retiredActivity: false,
  downloadBytesPerSecond: 0,
};

type CountedFault = 'rateLimitBurst' | 'resetMidBody' | 'malformedJson' | 'htmlErrorPage' | 'resendErrors';

export class FaultSwitches {
  private current: Faults = { ...NO_FAULTS };

  constructor(initial: Partial<Faults> = {}) {
    this.set(initial);
  }

  get(): Faults {
    return { ...this.current, serverErrors: this.current.serverErrors && { ...this.current.serverErrors } };
  }

  /** Merges `faults` into the current ones, after checking every value (they may come from JSON). */
  set(faults: Partial<Faults>): void {
    this.current = { ...this.current, ...checkFaults(faults) };
  }

  /** Back to no faults at all (not to the faults the server started with). */
  clear(): void {
    this.current = { ...NO_FAULTS };
  }

  /** True when this request gets the fault; uses one of its count. */
  take(fault: CountedFault): boolean {
    if (this.current[fault] > 0) {
      this.current[fault]--;
      return true;
    }
    return false;
  }

  /** The status this request gets, if a server error is due; uses one of the count. */
  takeServerError(): 500 | 503 | undefined {
    const errors = this.current.serverErrors;
    if (!errors || errors.count <= 0) {
      return undefined;
    }
    this.current.serverErrors = errors.count > 1 ? { ...errors, count: errors.count - 1 } : null;
    return errors.status;
  }
}

/** `value` as a partial Faults, or an Error saying which field is wrong and why. */
export function checkFaults(value: unknown): Partial<Faults> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Faults must be a JSON object.');
  }
  const faults: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    switch (name) {
      case 'latencyMs':
      case 'rateLimitBurst':
      case 'retryAfterSeconds':
      case 'resetMidBody':
      case 'malformedJson':
      case 'resendErrors':
      case 'htmlErrorPage':
      case 'downloadBytesPerSecond':
        if (!Number.isInteger(field) || (field as number) < 0) {
          throw new Error(`${name} must be a whole number of 0 or more.`);
        }
        break;
      case 'serverErrors':
        if (field !== null && !isServerErrors(field)) {
          throw new Error('serverErrors must be null or { "status": 500 | 503, "count": whole number }.');
        }
        break;
      case 'redirectTo':
        if (field !== null && (typeof field !== 'string' || !URL.canParse(field))) {
          throw new Error('redirectTo must be null or an absolute URL.');
        }
        break;
      case 'retiredActivity':
        if (typeof field !== 'boolean') {
          throw new Error('retiredActivity must be true or false.');
        }
        break;
      default:
        throw new Error(`Unknown fault "${name}". Faults are ${Object.keys(NO_FAULTS).join(', ')}.`);
    }
    faults[name] = field;
  }
  return faults as Partial<Faults>;
}

function isServerErrors(value: unknown): value is Faults['serverErrors'] {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { status, count } = value as Record<string, unknown>;
  return (status === 500 || status === 503) && Number.isInteger(count) && (count as number) >= 0 && Object.keys(value).length === 2;
}
