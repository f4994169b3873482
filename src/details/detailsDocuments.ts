import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import { entryJson } from '../activity/json';
import { ReadOnlyDocuments } from '../ui/readOnlyDocuments';

export const DETAILS_SCHEME = 'exavault-details';

/** "Show Details": an entry's every field as JSON in a read-only editor. */
export class DetailsDocuments implements vscode.Disposable {
  private readonly documents = new ReadOnlyDocuments(DETAILS_SCHEME, () => vscode.l10n.t('This entry is no longer loaded. Open it again from the ExaVault sidebar.'));

  dispose(): void {
    this.documents.dispose();
  }

  /** Ids are per account: the account's id is part of the document's name. */
  show(entry: ActivityEntry, accountId: string): Promise<vscode.TextEditor> {
    return this.documents.open(`/${accountId}/${entry.kind}-${entry.id}.json`, entryJson(entry), 'json');
  }
}
