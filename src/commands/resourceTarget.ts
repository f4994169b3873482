import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { entryOf, viewOf, type ActivityCommandArgs, type ActivityViews } from '../treeViews/views';
import { RESOURCE_SCHEME, targetOf, type ResourceTarget } from '../resources/resourceUri';

/**
 * What commands on resources take: a sidebar row (an entry with a path; its account is the active
 * one, whose log the sidebar shows), `{ accountId, path }` (the query panel's rows), or an exavault:
 * URI (an editor's or the Explorer's menu).
 */
export type ResourceCommandArgs = ActivityCommandArgs | ResourceTarget | vscode.Uri;

/** The file or folder a command is about. */
export function resourceTarget(argument: ResourceCommandArgs | undefined, views: ActivityViews, store: AccountStore): ResourceTarget | undefined {
  if (argument instanceof vscode.Uri) {
    return argument.scheme === RESOURCE_SCHEME ? targetOf(argument) : undefined;
  }
  // Any extension or keybinding can run a command with any argument: its shape is checked.
  if (typeof argument !== 'object' || argument === null) {
    return undefined;
  }
  if ('kind' in argument) {
    const entry = entryOf(argument);
    const path = entry && viewOf(views, entry).presenter.pathOf(entry);
    const account = store.active();
    return path && account ? { accountId: account.id, path } : undefined;
  }
  const { accountId, path } = argument;
  return typeof accountId === 'string' && typeof path === 'string' && path !== '' ? { accountId, path } : undefined;
}
