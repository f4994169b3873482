import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { ActivityPanel, PANEL_VIEW_TYPE, type PanelServices } from '../panel/activityPanel';
import { parsePanelState } from '../panel/protocol';
import { accountToSearch } from '../search/openSearch';
import { parseSearch } from '../search/parseSearch';
import { closestPreset, type ActivitySearch } from '../search/search';
import { settings } from '../settings';
import type { SearchStore } from '../search/searchStore';
import { walkthroughStepDone } from '../ui/walkthroughProgress';

async function pickLog(): Promise<ActivitySearch | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: vscode.l10n.t('Session Logs'), description: vscode.l10n.t('logins, uploads, downloads, deletes, moves, shares'), log: 'sessions' as const },
    { label: vscode.l10n.t('Webhook Calls'), description: vscode.l10n.t('every webhook call ExaVault made, with the listener\'s answer'), log: 'webhooks' as const },
  ], { title: vscode.l10n.t('Open Query Panel'), placeHolder: vscode.l10n.t('Which log?') });
  // The sidebar's window: the same default range in both.
  return picked && { kind: picked.log, range: { preset: closestPreset(settings.timeWindowMs()) }, filters: {} };
}

/**
 * `exavault.openSearch` ({ accountId?, search }): the search in a query panel of its own. Palette
 * searches, saved searches, the sidebar and the panel's own row actions all come through here.
 * Each search opened here is remembered among the account's recent ones (the panel's own filter
 * changes are not). Panels come back after a window reload with their search (not their rows), run afresh.
 */
export function registerOpenSearch(store: AccountStore, searches: SearchStore, services: PanelServices): vscode.Disposable[] {
  const panels = new Set<ActivityPanel>();
  const track = (panel: ActivityPanel) => {
    panels.add(panel);
    panel.panel.onDidDispose(() => panels.delete(panel));
    return panel;
  };
  return [
    vscode.commands.registerCommand('exavault.openSearch', async (request: unknown) => {
      const { accountId, search: rawSearch } = (request ?? {}) as { accountId?: unknown; search?: unknown };
      // A named account that is gone (removed since the search was made) has nothing to search.
      const account = typeof accountId === 'string' ? store.list().find((candidate) => candidate.id === accountId) : await accountToSearch(store);
      if (!account) {
        return;
      }
      // From the palette: which log, the sidebar's window, no filters; the panel's filter bar does the rest.
      const search = request === undefined ? await pickLog() : parseSearch(rawSearch);
      if (!search) {
        if (request !== undefined) {
          void vscode.window.showErrorMessage(vscode.l10n.t('That search is not one ExaVault Activity can run.'));
        }
        return;
      }
      await searches.remember(account.id, search);
      track(ActivityPanel.create(services, account, search));
      walkthroughStepDone('searchOpened');
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, raw: unknown) => {
        const state = parsePanelState(raw);
        const account = state && store.list().find((candidate) => candidate.id === state.accountId);
        if (!state || !account) {
          // The account was removed (or the state is not ours): nothing to show.
          webviewPanel.dispose();
          return;
        }
        track(new ActivityPanel(webviewPanel, services, account, state));
      },
    }),
    { dispose: () => panels.forEach((panel) => panel.panel.dispose()) },
  ];
}
