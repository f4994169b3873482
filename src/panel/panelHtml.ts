import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { panelCsp } from './panelCsp';

/** Where the panel's script and styles are, below the extension. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

/**
 * The page: no content of its own (the script builds it), a CSP that allows only this script (by
 * nonce) and the extension's own styles and font; no inline script or style, no other origin, no
 * <base>, no form (panelCsp).
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = panelCsp(webview.cspSource, nonce);
  const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset('panel.css')}">
<title>${escape(title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${asset('panel.js')}"></script>
</body>
</html>`;
}
