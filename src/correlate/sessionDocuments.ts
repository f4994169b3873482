import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { findSession, sessionTimeline, type SessionStory } from '../activity/correlate/sessionStory';
import type { SessionEntry } from '../api/models';
import { settings } from '../settings';
import { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { lookUp } from './lookUp';

export const SESSION_SCHEME = 'exavault-session';

/** "Show Session": a connection's timeline, as plain text in a read-only editor. */
export class SessionDocuments implements vscode.Disposable {
  private readonly documents = new ReadOnlyDocuments(SESSION_SCHEME, () => vscode.l10n.t('This session is no longer loaded. Run Show Session again.'));

  dispose(): void {
    this.documents.dispose();
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
    await this.documents.open(`/${account.id}/session-${name}.txt`, sessionTimeline(story));
    return story;
  }
}
