import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { plainText } from '../activity/plainText';
import { openResource, type OpenOutcome } from '../resources/openResource';
import { pathProblem } from '../resources/paths';
import type { ResourceFileSystem } from '../resources/resourceFileSystem';

/** "ExaVault: Open Path...": a file or folder of the active account, by its full path. */
export function registerOpenPathCommand(store: AccountStore, files: ResourceFileSystem): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.openPath', async (): Promise<OpenOutcome | undefined> => {
    const account = store.active();
    if (!account) {
      const add = vscode.l10n.t('Add Account');
      if (await vscode.window.showInformationMessage(vscode.l10n.t('Add an ExaVault account to open its files.'), add) === add) {
        await vscode.commands.executeCommand('exavault.addAccount');
      }
      return undefined;
    }
    const path = await vscode.window.showInputBox({
      title: vscode.l10n.t('Open from ExaVault ({0})', plainText(account.label)),
      prompt: vscode.l10n.t('The full path of a file or folder, as ExaVault shows it.'),
      placeHolder: '/Finance/2026/Q3/report.pdf',
      value: '/',
      valueSelection: [1, 1],
      ignoreFocusOut: true,
      validateInput: pathProblem,
    });
    return path === undefined ? undefined : openResource({ accountId: account.id, path }, files, store);
  });
}
