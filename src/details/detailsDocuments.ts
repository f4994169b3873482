import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import { entryJson } from '../activity/json';

export const DETAILS_SCHEME = 'exavault-details';

/**
 * "Show Details": an entry's every field as JSON in a read-only editor. The documents live under a
 * scheme of our own, so VS Code offers no save and no edit.
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** An entry shown again may have changed (a refresh re-read it): open editors follow. */
  readonly onDidChange = this.changed.event;
  private readonly registrations = [
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this),
    vscode.workspace.onDidCloseTextDocument((document) => this.contents.delete(document.uri.path)),
  ];

  dispose(): void {
    this.registrations.forEach((r) => r.dispose());
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? vscode.l10n.t('This entry is no longer loaded. Open it again from the ExaVault sidebar.');
  }

  /** Ids are per account: the account's id is part of the document's name. */
  async show(entry: ActivityEntry, accountId: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${accountId}/${entry.kind}-${entry.id}.json` });
    this.contents.set(uri.path, entryJson(entry));
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'json'), { preview: true });
  }
}
