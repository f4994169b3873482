import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { displayText } from '../activity/displayText';
import { parentFolder } from '../activity/pathName';
import { formatBytes } from '../activity/format';
import type { Resource } from '../api/models';
import { settings } from '../settings';
import { plainText } from '../activity/plainText';
import { tooLargeMessage, type ResourceFileSystem } from './resourceFileSystem';
import { resourceUri, type ResourceTarget } from './resourceUri';
import { walkthroughStepDone } from '../ui/walkthroughProgress';

/** How an attempt to open a path ended (commands return it, so tests can tell). */
export type OpenOutcome = 'opened' | 'notFound' | 'tooLarge' | 'failed' | 'dismissed' | 'cancelled';

/**
 * Opens a file in the editor that suits it (text, image preview, or VS Code's notice for other
 * binaries); a folder, as a list to pick from. Asks ExaVault first whether the path still exists, so
 * a deleted file gets a sentence and a way to see who deleted it, not an empty editor; and downloads
 * before opening, so a cancelled or failed download leaves no editor behind.
 */
export async function openResource(target: ResourceTarget, files: ResourceFileSystem, store: AccountStore): Promise<OpenOutcome> {
  const account = store.list().find((candidate) => candidate.id === target.accountId);
  if (!account) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The ExaVault account of {0} is no longer added here.', plainText(target.path)));
    return 'failed';
  }
  let uri = resourceUri(target.accountId, target.path);
  let resource: Resource;
  try {
    resource = await files.resource(uri, true);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      void showMissing(target, account.label);
      return 'notFound';
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be opened: {1}', plainText(target.path), plainText(error instanceof Error ? error.message : String(error))));
    return 'failed';
  }
  if (resource.type === 'dir') {
    const picked = await pickInFolder(files, target.accountId, resource.path);
    if (!picked) {
      return 'dismissed';
    }
    uri = resourceUri(target.accountId, picked.path);
    resource = picked;
  }
  const limit = settings.maxDownloadBytes();
  if (resource.size > limit) {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(tooLargeMessage(resource, limit), open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'exavault.resources.maxDownloadMegabytes');
      }
    });
    return 'tooLarge';
  }
  try {
    await files.fetchForEditor(uri);
  } catch (error) {
    if (error instanceof vscode.CancellationError) {
      return 'cancelled';
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be opened: {1}', plainText(resource.path), plainText(error instanceof Error ? error.message : String(error))));
    return 'failed';
  }
  await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
  walkthroughStepDone('pathOpened');
  return 'opened';
}

/** The usual answers to "where did it go?", the path's activity and its history through moves and folders: offered with the message. */
async function showMissing(target: ResourceTarget, accountLabel: string): Promise<void> {
  const show = vscode.l10n.t('Show Activity for this Path');
  const trace = vscode.l10n.t('Trace Path History');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is no longer in the ExaVault account {1}: it was deleted, moved or renamed.', plainText(target.path), plainText(accountLabel)), show, trace);
  if (choice === show) {
    await vscode.commands.executeCommand('exavault.showPathActivity', target);
  } else if (choice === trace) {
    await vscode.commands.executeCommand('exavault.tracePathHistory', target);
  }
}

/** Names are anyone's text: line breaks and invisible characters shown, and `$(...)` kept as text, not made an icon. */
function asText(name: string): string {
  return displayText(name).replace(/\$\(/g, '\\$(');
}

interface ResourceItem extends vscode.QuickPickItem {
  resource: Resource;
}

/** A folder's children to pick a file from, going into folders (and back up) until one is picked. */
async function pickInFolder(files: ResourceFileSystem, accountId: string, folder: string): Promise<Resource | undefined> {
  const pick = vscode.window.createQuickPick<ResourceItem>();
  pick.matchOnDescription = true;
  const show = async (path: string) => {
    pick.title = vscode.l10n.t('Open from ExaVault: {0}', plainText(path));
    pick.placeholder = vscode.l10n.t('Pick a file to open, or a folder to go into');
    pick.busy = true;
    pick.items = [];
    try {
      const children = await files.children(resourceUri(accountId, path));
      const parent = parentFolder(path);
      const up: ResourceItem[] = path === '/' ? [] : [{ label: '$(arrow-up) ..', description: asText(parent), resource: { id: undefined, path: parent, name: '..', type: 'dir', size: 0, created: undefined, modified: undefined, createdBy: '' } }];
      pick.items = [...up, ...children.map((child): ResourceItem => ({
        label: asText(child.name),
        iconPath: new vscode.ThemeIcon(child.type === 'dir' ? 'folder' : 'file'),
        description: child.type === 'dir' ? undefined : formatBytes(child.size),
        resource: child,
      }))];
    } catch (error) {
      pick.placeholder = error instanceof Error ? error.message : String(error);
    } finally {
      pick.busy = false;
    }
  };
  return new Promise<Resource | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.resource;
      if (chosen?.type === 'dir') {
        void show(chosen.path);
      } else if (chosen) {
        resolve(chosen);
        pick.hide();
      }
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
    void show(folder);
  });
}
