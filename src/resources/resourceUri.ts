import * as vscode from 'vscode';

/** Files of ExaVault accounts, read-only: exavault://<account id>/<path>. */
export const RESOURCE_SCHEME = 'exavault';

/** What a resource URI names: a path in one account. */
export interface ResourceTarget {
  accountId: string;
  /** From the account's root, starting with "/". */
  path: string;
}

/**
 * The URI of a file or folder of an account. Built with Uri.from, never by parsing text, so names with
 * "#", "?" and "%" stay names. The authority is the account's id (a UUID of our own): it tells accounts
 * apart without putting the account's URL, and never a credential, in the URI.
 */
export function resourceUri(accountId: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RESOURCE_SCHEME, authority: accountId, path: path.startsWith('/') ? path : `/${path}` });
}

export function targetOf(uri: vscode.Uri): ResourceTarget {
  return { accountId: uri.authority, path: uri.path || '/' };
}
