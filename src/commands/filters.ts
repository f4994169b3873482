import * as vscode from 'vscode';
import { entryFilter, LOGS, type ActivityKind, type FilterKind } from '../activity/logSchema';
import { askFilters } from '../search/filterSteps';
import { allViews, entryOf, viewOf, type ActivityCommandArgs, type ActivityViews } from '../treeViews/views';

const KINDS: readonly [command: string, kind: FilterKind][] = [
  ['exavault.filterToUser', 'user'], ['exavault.filterToIp', 'ip'], ['exavault.filterToPath', 'path'],
  ['exavault.filterToType', 'type'], ['exavault.filterToEndpoint', 'endpoint'], ['exavault.filterToStatus', 'status'],
];

const filterTitle = (kind: ActivityKind) => (kind === 'sessions' ? vscode.l10n.t('Filter Sessions') : vscode.l10n.t('Filter Webhook Calls'));

/**
 * "Filter to this User / IP / Path / Type / Endpoint / Status" on an entry narrows its view, "Filter to
 * Failures" to what failed (its log's failure filter: failed logins and transfers, failed calls); each view's
 * "Filter..." asks for any of its log's filters, starting from those it has; its Clear Filter undoes them.
 */
export function registerFilterCommands(views: ActivityViews): vscode.Disposable[] {
  return [
    ...KINDS.map(([command, kind]) => vscode.commands.registerCommand(command, async (row?: ActivityCommandArgs) => {
      const entry = entryOf(row);
      if (!entry) {
        return;
      }
      const view = viewOf(views, entry);
      const filter = entryFilter(entry, kind);
      if (!filter) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This entry has nothing to filter on for that.'));
        return;
      }
      await view.setFilter(filter.parameter, filter.value);
    })),
    vscode.commands.registerCommand('exavault.filterToFailures', async (row?: ActivityCommandArgs) => {
      const entry = entryOf(row);
      if (entry) {
        const view = viewOf(views, entry);
        await view.setFilters({ ...view.filters, [LOGS[view.presenter.kind].failure.key]: true });
      }
    }),
    ...allViews(views).map((view) => vscode.commands.registerCommand(`${view.presenter.viewId}.filter`, async () => {
      const filters = await askFilters(view.presenter.kind, filterTitle(view.presenter.kind), view.filters);
      if (filters) {
        await view.setFilters(filters);
      }
    })),
    ...allViews(views).map((view) => vscode.commands.registerCommand(`${view.presenter.viewId}.clearFilter`, () => view.clearFilters())),
  ];
}
