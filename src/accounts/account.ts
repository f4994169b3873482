/** An ExaVault account the user added. Its API key and access token live in SecretStorage only. */
export interface Account {
  /** Stable id, also the key of its secrets. */
  id: string;
  /** What the user sees: the account name unless they chose otherwise. */
  label: string;
  /** The API base URL, such as https://acme.exavault.com/api/v2. */
  baseUrl: string;
  /** As GET /account reported it. */
  accountName: string;
  /** Whether the user asked to be told when something goes wrong on it (off until they do). */
  watched?: boolean;
}
