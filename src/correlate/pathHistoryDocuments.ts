import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import { pathHistoryText, tracePath, type PathHistory } from '../activity/correlate/pathHistory';
import { plainText } from '../activity/plainText';
import { settings } from '../settings';
import { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { lookUp } from './lookUp';

export const PATH_HISTORY_SCHEME = 'exavault-path-history';

/** "Trace Path History": a path's chain of uploads, renames, moves and deletions, as plain text in a read-only editor. */
export class PathHistoryDocuments implements vscode.Disposable {
  private readonly documents = new ReadOnlyDocuments(PATH_HISTORY_SCHEME, () => vscode.l10n.t('This path history is no longer loaded. Run Trace Path History again.'));

  dispose(): void {
    this.documents.dispose();
  }

  /** Traces `path` within the calls the setting allows and shows the chain; undefined when cancelled or failed (said). */
  async show(path: string, account: Account, clients: AccountClients): Promise<PathHistory | undefined> {
    const words = {
      title: vscode.l10n.t('Tracing the history of {0}...', plainText(path, 200)),
      failed: (reason: string) => vscode.l10n.t('The history of {0} could not be traced: {1}', plainText(path, 400), reason),
    };
    const history = await lookUp(account, clients, words, (client, signal) =>
      tracePath(client, path, { now: Date.now(), pageSize: settings.pageSize(), cap: settings.pathHistoryMaxCalls(), signal }));
    if (!history) {
      return undefined;
    }
    await this.documents.open(`/${account.id}/${documentName(path)}`, pathHistoryText(history));
    return history;
  }
}

/** The file's name, as far as it is plain, for the editor's tab: the path is anyone's text. */
function documentName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/[^\w .()-]/g, '_').slice(0, 80).trim();
  return vscode.l10n.t('history of {0}.txt', base || '_');
}
