import { ExaVaultClient } from '../api/client';
import type { Credentials, RateLimitState } from '../api/http';

export interface CheckedAccount {
  accountName: string;
  /** What the check's last response said of the allowance left. */
  rateLimit: RateLimitState | undefined;
}

/**
 * What adding an account checks: GET /account for the credentials and the account's name, then a
 * one-entry activity call, because only that reveals whether the token's user is an admin (403).
 */
export async function checkCredentials(baseUrl: URL, credentials: Credentials, options: { timeoutMs: number; signal?: AbortSignal }): Promise<CheckedAccount> {
  // No retries or waiting: the user is looking at the input, an answer now is better than a retry.
  const client = new ExaVaultClient(baseUrl, credentials, { timeoutMs: options.timeoutMs, serverRetries: 0, rateLimitRetries: 0 });
  try {
    const { accountName } = await client.getAccount(options.signal);
    await client.getSessionActivity({ limit: 1 }, options.signal);
    return { accountName, rateLimit: client.rateLimit };
  } finally {
    client.dispose();
  }
}
