import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { findSession, sessionTimeline, type SessionStory } from '../activity/correlate/sessionStory';
import type { SessionEntry } from '../api/models';
import { settings } from '../settings';
import { lookUp } from './lookUp';

export const SESSION_SCHEME = 'exavault-session';

/**
 * "Show Session": a connection's timeline in a read-only editor (a scheme of our own: no save, no
 * edit), plain text, so log data is only ever shown as text.
 */
export class SessionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations = [
    vscode.workspace.registerTextDocumentContentProvider(SESSION_SCHEME, this),
    vscode.workspace.onDidCloseTextDocument((document) => this.contents.delete(document.uri.path)),
  ];

  dispose(): void {
    this.registrations.forEach((r) => r.dispose());
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? vscode.l10n.t('This session is no longer loaded. Run Show Session again.');
  }

  /** Looks the entry's session up and shows its timeline; the story, or undefined when cancelled or failed (said). */
  async show(entry: SessionEntry, account: Account, clients: AccountClients): Promise<SessionStory | undefined> {
    const words = {
      title: vscode.l10n.t('Looking for every entry of this session...'),
      failed: (reason: string) => vscode.l10n.t('The session could not be looked for: {0}', reason),
    };
    const story = await lookUp(account, clients, words, (client, signal) => findSession(client, entry, { pageSize: settings.pageSize(), signal }));
    if (!story) {
      return undefined;
    }
    // The session id is hex as ExaVault writes it; anything else is left out of the document's name.
    const name = /^[0-9a-f]{1,64}$/i.test(entry.sessionId) ? entry.sessionId.slice(0, 12) : String(entry.id);
    const uri = vscode.Uri.from({ scheme: SESSION_SCHEME, path: `/${account.id}/session-${name}.txt` });
    this.contents.set(uri.path, sessionTimeline(story));
    this.changed.fire(uri);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    return story;
  }
}
