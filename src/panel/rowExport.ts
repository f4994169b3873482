// Exporting rows of the panel (the ones the webview names, in its order) to a CSV or JSON file the
// user picks. Written first to a file in the extension's storage, a piece at a time with progress
// and Cancel, then copied to the chosen place: a cancelled or failed export leaves nothing there.
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import type { ActivityKind } from '../search/search';
import { writeEntries, type ExportFormat } from './exportFile';
import { counted } from '../activity/counted';

/** Writes the entries `ids` names, of those `loaded`, to a file; when one is no longer loaded (a new search started), none. */
export async function exportRows(kind: ActivityKind, format: ExportFormat, ids: number[], loaded: ReadonlyMap<number, ActivityEntry>, storage: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  const entries = ids.map((id) => loaded.get(id)).filter((entry): entry is ActivityEntry => entry !== undefined);
  if (entries.length !== ids.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The rows changed while exporting; export again.'));
    return;
  }
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0}, every field of each', counted(entries.length, 'rows')),
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), `exavault-${kind}-${stamp}.${format}`),
    filters: format === 'csv' ? { [vscode.l10n.t('CSV')]: ['csv'] } : { [vscode.l10n.t('JSON')]: ['json'] },
  });
  if (!target) {
    return;
  }
  const temporary = vscode.Uri.joinPath(storage, 'exports', `${randomUUID()}.${format}`);
  const before = await statOf(target);
  let copying = false;
  try {
    const written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', counted(entries.length, 'rows')), cancellable: true }, (progress, token) => {
      let reported = 0;
      return writeEntries(temporary.fsPath, kind, format, entries, (rows) => {
        const share = (100 * rows) / Math.max(entries.length, 1);
        progress.report({ increment: share - reported, message: vscode.l10n.t('{0} of {1} written', rows.toLocaleString(), counted(entries.length, 'rows')) });
        reported = share;
      }, () => token.isCancellationRequested);
    });
    if (!written) {
      log.info(`Export of ${entries.length} ${kind} rows cancelled.`);
      return;
    }
    copying = true;
    await vscode.workspace.fs.copy(temporary, target, { overwrite: true });
    log.info(`Exported ${entries.length} ${kind} rows as ${format}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} to {1}.', counted(entries.length, 'rows'), target.fsPath || target.toString(true)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Export of ${entries.length} ${kind} rows failed: ${message}`);
    if (copying && touched(before, await statOf(target))) {
      // A copy that failed half-way must not leave half a file where the user looks for the export
      // (a file there that the copy never reached stays).
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('The export was not written: {0}. No partial file was left. Check that there is room and that the folder can be written to, then export again; the rows stay loaded.', message));
  } finally {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
  }
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  return vscode.workspace.fs.stat(uri).then((stat) => stat, () => undefined);
}

/** Whether the file is there now and was not, or is not the one that was. */
function touched(before: vscode.FileStat | undefined, after: vscode.FileStat | undefined): boolean {
  return after !== undefined && (before === undefined || after.mtime !== before.mtime || after.size !== before.size || after.ctime !== before.ctime);
}
