import * as l10n from '@vscode/l10n';
import { ExaVaultError } from './errors';

/**
 * The API base URL for what a user types: a bare account name (`acme` → https://acme.exavault.com/api/v2)
 * or a full URL (accounts moved to Files.com answer on another host). Only https leaves the machine;
 * plain http is accepted for loopback addresses alone, where the local server runs.
 */
export function resolveBaseUrl(input: string): URL {
  const text = input.trim();
  if (/^[a-z0-9][a-z0-9-]{0,62}$/i.test(text)) {
    return new URL(`https://${text.toLowerCase()}.exavault.com/api/v2`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ExaVaultError('invalidInput', l10n.t('"{0}" is neither an ExaVault account name nor a URL. Enter the account name (as in NAME.exavault.com) or the full API URL, such as https://NAME.exavault.com/api/v2.', text));
  }
  if (url.username || url.password) {
    throw new ExaVaultError('invalidInput', l10n.t('The account URL must not contain a user name or password: the API key and access token are entered separately.'));
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ExaVaultError('invalidInput', l10n.t('The account URL must use https: credentials are never sent unencrypted (http is accepted only for this computer\'s own addresses).'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ExaVaultError('invalidInput', l10n.t('The account URL must start with https://.'));
  }
  url.search = '';
  url.hash = '';
  if (url.pathname === '/' || url.pathname === '') {
    url.pathname = '/api/v2';
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
