import type * as vscode from 'vscode';

/**
 * An AbortSignal that aborts when `token` is cancelled (the controller's, when work already has one);
 * dispose once the work is done, to stop listening.
 */
export function abortSignalOf(token: vscode.CancellationToken, controller = new AbortController()): vscode.Disposable & { readonly signal: AbortSignal } {
  const subscription = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription.dispose() };
}
