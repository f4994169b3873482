import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { openResource, type OpenOutcome } from '../resources/openResource';
import type { ResourceFileSystem } from '../resources/resourceFileSystem';
import { resourceTarget, type ResourceCommandArgs } from './resourceTarget';
import type { ActivityViews } from '../treeViews/views';

/**
 * "Open Resource": the file (or folder) a sidebar entry names, or `{ accountId, path }` as the query
 * panel's rows pass it. Returns how it ended.
 */
export function registerOpenResourceCommand(views: ActivityViews, store: AccountStore, files: ResourceFileSystem): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.openResource', async (argument?: ResourceCommandArgs): Promise<OpenOutcome | undefined> => {
    const target = resourceTarget(argument, views, store);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This entry names no file or folder to open.'));
      return undefined;
    }
    return openResource(target, files, store);
  });
}
