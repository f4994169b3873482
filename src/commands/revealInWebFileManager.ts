import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { webFileManagerUrl } from '../resources/paths';
import { resourceTarget, type ResourceCommandArgs } from './resourceTarget';
import type { ActivityViews } from '../treeViews/views';

/**
 * "Reveal in ExaVault Web File Manager": the folder holding the path, in the browser, where the user
 * signs in as usual (nothing of the API key or access token goes into the address). Returns the address.
 */
export function registerRevealInWebFileManagerCommand(views: ActivityViews, store: AccountStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.revealInWebFileManager', async (argument?: ResourceCommandArgs): Promise<string | undefined> => {
    const target = resourceTarget(argument, views, store);
    const account = target && store.list().find((candidate) => candidate.id === target.accountId);
    if (!target || !account) {
      return undefined;
    }
    const url = webFileManagerUrl(account.baseUrl, target.path);
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return url;
  });
}
