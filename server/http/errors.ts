// ExaVault's error body: {"responseStatus": <status>, "errors": [{"code": "...", "detail": "..."}]}.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }

  body(): string {
    return errorBody(this.status, this.code, this.detail);
  }
}

export function errorBody(status: number, code: string, detail: string): string {
  return JSON.stringify({ responseStatus: status, errors: [{ code, detail }] });
}

export function invalidParameter(detail: string): ApiError {
  return new ApiError(400, 'ERROR_INVALID_PARAMETER', detail);
}

export const INVALID_CREDENTIALS = new ApiError(401, 'ERROR_INVALID_CREDENTIALS', 'HTTP_UNAUTHORIZED');
export const INSUFFICIENT_PRIVILEGES = new ApiError(403, 'ERROR_INSUFFICIENT_PRIVILEGES', 'An error occurred');
