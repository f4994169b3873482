// Paths of ExaVault files as people type them, and where the web file manager shows them. No
// `vscode` here: tested in plain Node.
import * as l10n from '@vscode/l10n';
import { parentFolder } from '../activity/pathName';

/** Why `text` cannot be an ExaVault path, or undefined when it can. */
export function pathProblem(text: string): string | undefined {
  if (!text.startsWith('/')) {
    return l10n.t('Start the path with "/", as in /Finance/report.pdf.');
  }
  if (text.length > 1 && text.endsWith('/')) {
    return l10n.t('Leave out the "/" at the end.');
  }
  if (text.includes('//')) {
    return l10n.t('The path has an empty folder name ("//").');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return l10n.t('The path has a control character (a line break, tab or similar).');
  }
  return undefined;
}

/**
 * Where the account's web file manager shows the folder holding `path`: the API's origin, then
 * /files and the folder (https://acme.exavault.com/api/v2 → https://acme.exavault.com/files/Finance).
 * Built from the origin alone, so no user name, password, query or fragment of the base URL survives.
 */
export function webFileManagerUrl(baseUrl: string, path: string): string {
  const folder = parentFolder(path);
  const encoded = folder === '/' ? '' : folder.split('/').map(encodeURIComponent).join('/');
  return `${new URL(baseUrl).origin}/files${encoded || '/'}`;
}

