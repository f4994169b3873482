import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { resourceTarget, type ResourceCommandArgs } from './resourceTarget';
import type { SearchRequest } from '../search/search';
import type { ActivityViews } from '../treeViews/views';

/**
 * "Show Activity for this Path" on an ExaVault file or folder (and on the message for one that is
 * gone): the session log of the last 90 days for that path, in the query panel. Returns the request.
 */
export function registerShowPathActivityCommand(views: ActivityViews, store: AccountStore): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.showPathActivity', async (argument?: ResourceCommandArgs): Promise<SearchRequest | undefined> => {
    const target = resourceTarget(argument, views, store);
    if (!target) {
      return undefined;
    }
    const request: SearchRequest = { accountId: target.accountId, search: { kind: 'sessions', range: { preset: 'quarter' }, filters: { path: target.path } } };
    try {
      await vscode.commands.executeCommand('exavault.openSearch', request);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The activity of {0} could not be shown: {1}', plainText(target.path), plainText(error instanceof Error ? error.message : String(error), MESSAGE_LENGTH)));
    }
    return request;
  });
}
