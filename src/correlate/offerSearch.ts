import * as vscode from 'vscode';
import type { SearchRequest } from '../search/search';

/** Says `text`; when there is a search to go on with, with a `button` that opens it in a query panel (not waited for). */
export function offerSearch(text: string, button: string, search: SearchRequest | undefined): void {
  if (!search) {
    void vscode.window.showInformationMessage(text);
    return;
  }
  void vscode.window.showInformationMessage(text, button).then(async (choice) => {
    if (choice === button) {
      await vscode.commands.executeCommand('exavault.openSearch', search);
    }
  });
}
