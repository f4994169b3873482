import * as vscode from 'vscode';

/**
 * Text shown in read-only editors: documents under a scheme of our own, so VS Code offers no save and
 * no edit, and log data is only ever shown as text. A document's text goes when its editor closes.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A document shown again may have new text (a refresh re-read its entry): open editors follow. */
  readonly onDidChange = this.changed.event;
  private readonly registrations: vscode.Disposable[];

  /** `gone`: what a document says when its text is no longer held (reopened after its editor closed). */
  constructor(private readonly scheme: string, private readonly gone: () => string) {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.contents.delete(document.uri.path)),
    ];
  }

  dispose(): void {
    this.registrations.forEach((r) => r.dispose());
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? this.gone();
  }

  /** Holds `text` as the document at `path` and opens it, in `language` when given. */
  async open(path: string, text: string, language?: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: this.scheme, path });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(language ? await vscode.languages.setTextDocumentLanguage(document, language) : document, { preview: true });
  }
}
