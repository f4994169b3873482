import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { entryOf, viewOf, type ActivityViews } from '../treeViews/views';
import { RESOURCE_SCHEME, targetOf, type ResourceTarget } from '../resources/resourceUri';

/**
 * The file or folder a command is about. Commands on resources take any of: a sidebar entry with a
 * path (its account is the active one, whose log the sidebar shows), `{ accountId, path }` (the query
 * panel's rows), or an exavault: URI (an editor's or the Explorer's menu).
 */
export function resourceTarget(argument: unknown, views: ActivityViews, store: AccountStore): ResourceTarget | undefined {
  if (argument instanceof vscode.Uri) {
    return argument.scheme === RESOURCE_SCHEME ? targetOf(argument) : undefined;
  }
  const entry = entryOf(argument);
  if (entry) {
    const path = viewOf(views, entry).presenter.pathOf(entry);
    const account = store.active();
    return path && account ? { accountId: account.id, path } : undefined;
  }
  const { accountId, path } = (argument ?? {}) as Partial<Record<'accountId' | 'path', unknown>>;
  return typeof accountId === 'string' && typeof path === 'string' && path !== '' ? { accountId, path } : undefined;
}
