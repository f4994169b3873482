// Exporting rows of the panel (the ones the webview names, in its order) to a CSV or JSON file the user picks.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import { entriesToCsv, entriesToJson } from '../search/exportEntries';
import type { ActivityKind } from '../search/search';

/** Writes the entries `ids` names, of those `loaded`, to a file; when one is no longer loaded (a new search started), none. */
export async function exportRows(kind: ActivityKind, format: 'csv' | 'json', ids: number[], loaded: ReadonlyMap<number, ActivityEntry>, log: vscode.LogOutputChannel): Promise<void> {
  const entries = ids.map((id) => loaded.get(id)).filter((entry): entry is ActivityEntry => entry !== undefined);
  if (entries.length !== ids.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The rows changed while exporting; export again.'));
    return;
  }
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0} rows', entries.length.toLocaleString()),
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `exavault-${kind}-${stamp}.${format}`),
    filters: format === 'csv' ? { [vscode.l10n.t('CSV')]: ['csv'] } : { [vscode.l10n.t('JSON')]: ['json'] },
  });
  if (!target) {
    return;
  }
  const text = format === 'csv' ? entriesToCsv(entries) : entriesToJson(entries);
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    log.info(`Exported ${entries.length} ${kind} rows as ${format}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} rows to {1}.', entries.length.toLocaleString(), target.fsPath || target.toString(true)));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The export was not written: {0}', error instanceof Error ? error.message : String(error)));
  }
}
