// The query panel's Content Security Policy. No `vscode` here: tested in plain Node.

/**
 * Nothing by default; the one script by its nonce; styles and the icon font from the extension
 * alone. No <base> may move where relative addresses point, and no form may be sent anywhere
 * (neither falls back to default-src).
 */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}
