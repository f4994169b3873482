// Wires the extension's parts together; each part lives in its own module.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountClients } from './accounts/accountClients';
import { AccountStore } from './accounts/accountStore';
import { registerEnvironmentImport } from './accounts/environmentImport';
import { AccountStatusBar } from './accounts/statusBar';
import { registerAddAccountCommand } from './commands/addAccount';
import { registerChooseTimeWindowCommand } from './commands/chooseTimeWindow';
import { registerCopyCommands } from './commands/copyEntry';
import { registerFilterCommands } from './commands/filters';
import { registerGroupWebhooksCommands, WebhookGroupingChoice } from './commands/groupWebhooks';
import { registerRefreshCommands } from './commands/refreshViews';
import { registerOpenSearch } from './commands/openSearch';
import { registerRemoveAccountCommand } from './commands/removeAccount';
import { registerResendFailedCallsCommand } from './commands/resendFailedCalls';
import { registerResendWebhookCommand } from './commands/resendWebhook';
import { registerShowCauseCommand } from './commands/showCause';
import { registerShowDetailsCommand } from './commands/showDetails';
import { registerShowSessionCommand } from './commands/showSession';
import { SessionDocuments } from './correlate/sessionDocuments';
import { PathHistoryDocuments } from './correlate/pathHistoryDocuments';
import { registerShowTriggeredCallsCommand } from './commands/showTriggeredCalls';
import { registerShowLogCommand } from './commands/showLog';
import { registerSignOutAllCommand } from './commands/signOutAll';
import { registerSwitchAccountCommand } from './commands/switchAccount';
import { registerUpdateCredentialsCommand } from './commands/updateCredentials';
import { registerWatchAccountCommands } from './commands/watchAccount';
import { registerIncidentActions } from './commands/incidentActions';
import { registerDeleteSavedSearchCommand } from './commands/deleteSavedSearch';
import { registerRenameSavedSearchCommand } from './commands/renameSavedSearch';
import { registerRunSavedSearchCommand } from './commands/runSavedSearch';
import { registerSaveSearchCommand } from './commands/saveSearch';
import { registerSearchLinks } from './commands/searchLinks';
import { registerSearchActivityCommands } from './commands/searchActivity';
import { registerSearchViewCommands } from './commands/searchView';
import { registerShowActivityForCommands } from './commands/showActivityFor';
import { registerOpenPathCommand } from './commands/openPath';
import { registerOpenResourceCommand } from './commands/openResource';
import { registerRevealInWebFileManagerCommand } from './commands/revealInWebFileManager';
import { registerShowPathActivityCommand } from './commands/showPathActivity';
import { registerTracePathHistoryCommand } from './commands/tracePathHistory';
import { DetailsDocuments } from './details/detailsDocuments';
import { ColumnChoices } from './panel/columnChoices';
import { ResourceFileSystem } from './resources/resourceFileSystem';
import { SavedSearchesView } from './search/savedSearchesView';
import { SearchStore } from './search/searchStore';
import { applyTimeZoneSetting } from './timeZoneSetting';
import { ActiveAccountActivity } from './treeViews/activeAccountActivity';
import { ActivityView } from './treeViews/activityView';
import { sessionPresenter } from './treeViews/sessionPresenter';
import type { ActivityViews } from './treeViews/views';
import { webhookPresenter } from './treeViews/webhookPresenter';
import { IncidentMutes } from './watchView/incidentMutes';
import { IncidentsView } from './watchView/incidentsView';
import { LEASE_SWITCH_VARIABLE, leaseDisabledByTest } from './watchView/leaseSwitch';
import { NORMAL_PACE, PACE_SWITCH_VARIABLE, quickPaceByTest } from './watchView/paceSwitch';
import { WatchService } from './watchView/watchService';
import { ResentMemory } from './webhooks/resentMemory';

/**
 * What the extension hands to its integration tests, and to nothing else: whatever activate()
 * returns, every installed extension reads as `vscode.extensions.getExtension(id).exports`, and the
 * store hands out the API key and access token. So it is returned only in ExtensionMode.Test.
 */
export interface ExaVaultApi {
  views: ActivityViews;
  store: AccountStore;
  /** `directory`: where the watch keeps its records and leases. */
  watch: { service: WatchService; incidents: IncidentsView; mutes: IncidentMutes; directory: string };
}

export function activate(context: vscode.ExtensionContext): ExaVaultApi | undefined {
  // src/api and the domain speak through @vscode/l10n: give it the same translations as the rest.
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = vscode.window.createOutputChannel(vscode.l10n.t('ExaVault'), { log: true });
  context.subscriptions.push(applyTimeZoneSetting());
  const store = new AccountStore(context.globalState, context.secrets);
  const searches = new SearchStore(context.globalState);
  const clients = new AccountClients(store, log);
  const details = new DetailsDocuments();
  const sessionDocuments = new SessionDocuments();
  const pathHistoryDocuments = new PathHistoryDocuments();
  const grouping = new WebhookGroupingChoice(context.globalState, () => views.webhooks.render());
  // Does nothing (no request, no timer) unless some account is watched.
  const leaseDisabled = leaseDisabledByTest();
  if (leaseDisabled) {
    log.warn(`${LEASE_SWITCH_VARIABLE} is set: every window polls every watched account (a test switch).`);
  }
  const quickPace = quickPaceByTest();
  if (quickPace) {
    log.warn(`${PACE_SWITCH_VARIABLE} is set: watches poll as often as every ${quickPace.shortestIntervalMs / 1000} s, heartbeats every ${quickPace.heartbeatMs / 1000} s (a test switch).`);
  }
  const watch = new WatchService(store, clients, { directory: context.globalStorageUri.fsPath, leaseDisabled, pace: quickPace ?? NORMAL_PACE, log });
  const activity = new ActiveAccountActivity(store, clients, watch);
  const views: ActivityViews = {
    sessions: new ActivityView(sessionPresenter, store, clients, activity),
    webhooks: new ActivityView(webhookPresenter(() => grouping.value), store, clients, activity),
  };
  const setHasAccount = () => vscode.commands.executeCommand('setContext', 'exavault.hasAccount', store.list().length > 0);
  context.subscriptions.push(
    log, store, clients, details, sessionDocuments, pathHistoryDocuments, watch, activity, views.sessions, views.webhooks,
    new AccountStatusBar(store, clients),
    store.onDidChange(setHasAccount),
    registerShowLogCommand(log),
    registerAddAccountCommand(store, clients, log),
    registerSwitchAccountCommand(store),
    registerUpdateCredentialsCommand(store, clients, log),
    registerRemoveAccountCommand(store, log),
    ...registerWatchAccountCommands(store, clients),
    registerSignOutAllCommand(store, log),
    ...registerRefreshCommands(views),
    registerChooseTimeWindowCommand(),
    ...registerFilterCommands(views),
    ...registerCopyCommands(views),
    registerShowDetailsCommand(details, store),
    ...registerGroupWebhooksCommands(grouping),
    registerResendWebhookCommand(views, store, clients, log),
    registerResendFailedCallsCommand({ views, store, clients, memory: new ResentMemory(context.globalState), log }),
    registerShowCauseCommand(store, clients),
    registerShowTriggeredCallsCommand(store, clients),
    registerShowSessionCommand(sessionDocuments, store, clients),
    new SavedSearchesView(searches, store),
    store.onDidChange(() => void searches.retainAccounts(store.list().map((account) => account.id))),
    ...registerSearchActivityCommands(store, searches),
    registerSaveSearchCommand(store, searches),
    registerRunSavedSearchCommand(store, searches),
    registerRenameSavedSearchCommand(searches),
    registerDeleteSavedSearchCommand(searches),
    ...registerShowActivityForCommands(store),
    ...registerSearchViewCommands(views, store),
    ...registerOpenSearch(store, searches, { extensionUri: context.extensionUri, storageUri: context.globalStorageUri, clients, log, columnChoices: new ColumnChoices(context.globalState), sessionDocuments }),
    ...registerSearchLinks(store, context.extension.id),
  );
  const files = new ResourceFileSystem(clients);
  context.subscriptions.push(
    files,
    registerOpenResourceCommand(views, store, files),
    registerOpenPathCommand(store, files),
    registerRevealInWebFileManagerCommand(views, store),
    registerShowPathActivityCommand(views, store),
    registerTracePathHistoryCommand(pathHistoryDocuments, views, store, clients),
  );
  const mutes = new IncidentMutes(context.globalState);
  const incidents = new IncidentsView(watch, mutes, store);
  context.subscriptions.push(mutes, incidents, ...registerIncidentActions(watch, mutes, store));
  void setHasAccount();
  context.subscriptions.push(registerEnvironmentImport(store, clients, context.globalState, log));
  log.info(vscode.l10n.t('ExaVault Activity {0} activated.', String(context.extension.packageJSON.version)));
  return context.extensionMode === vscode.ExtensionMode.Test ? { views, store, watch: { service: watch, incidents, mutes, directory: context.globalStorageUri.fsPath } } : undefined;
}
