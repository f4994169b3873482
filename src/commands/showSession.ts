import * as vscode from 'vscode';
import type { AccountClients } from '../accounts/accountClients';
import type { AccountStore } from '../accounts/accountStore';
import type { SessionStory } from '../activity/correlate/sessionStory';
import type { SessionDocuments } from '../correlate/sessionDocuments';
import { entryOf, type ActivityCommandArgs } from '../treeViews/views';

/** "Show Session" on a session entry in the sidebar: its connection's timeline, in a read-only editor. Returns the story. */
export function registerShowSessionCommand(documents: SessionDocuments, store: AccountStore, clients: AccountClients): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showSession', async (row?: ActivityCommandArgs): Promise<SessionStory | undefined> => {
    const entry = entryOf(row);
    const account = store.active();
    return entry?.kind === 'session' && account ? documents.show(entry, account, clients) : undefined;
  });
}
