import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { openSearch, sidebarSearch } from '../search/openSearch';
import { filtersFromQuery } from '../search/queryFilters';
import { activityKindOf, entryFilter, type FilterKind } from '../activity/logSchema';
import { entryOf, type ActivityCommandArgs } from '../treeViews/views';

const KINDS: readonly [command: string, kind: FilterKind][] = [
  ['exavault.showActivityForUser', 'user'], ['exavault.showActivityForIp', 'ip'], ['exavault.showActivityForPath', 'path'],
];

/**
 * "Show Activity for this User / IP Address / Path" on a sidebar entry: a search of its log for that
 * value over the sidebar's time window, opened in the search panel (where it can go further back).
 */
export function registerShowActivityForCommands(accounts: AccountStore): vscode.Disposable[] {
  return KINDS.map(([command, kind]) => vscode.commands.registerCommand(command, async (row?: ActivityCommandArgs) => {
    const entry = entryOf(row);
    const account = accounts.active();
    if (!entry || !account) {
      return;
    }
    const filter = entryFilter(entry, kind);
    if (!filter) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This entry has nothing to search on for that.'));
      return;
    }
    const log = activityKindOf(entry.kind);
    const search = sidebarSearch(log, filtersFromQuery(log, { [filter.parameter]: filter.value }));
    await openSearch({ accountId: account.id, search });
  }));
}
