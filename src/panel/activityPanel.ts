// One query panel: a webview showing one search of one account's log. It runs the search (with the
// account's shared client; stopping aborts its own requests only), streams the
// rows to the webview in batches, and answers the webview's requests after checking them.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { ActivityEntry } from '../api/models';
import { addStageTime, resetStageTimes, stageTiming, writeStageTimes } from '../api/stageTimes';
import { entryDetailFields } from '../activity/fields';
import { choiceField, LOGS } from '../activity/logSchema';
import { displayText } from '../activity/displayText';
import { entryJson } from '../activity/json';
import { describeSearchBriefly } from '../search/describeSearch';
import { planSearch } from '../search/plan';
import type { ActivitySearch } from '../search/search';
import { OVERRUN_FACTOR, SearchRun, type CostEstimate, type RunProgress, type StreamSource } from '../search/searchRun';
import type { SessionDocuments } from '../correlate/sessionDocuments';
import { settings } from '../settings';
import { DisposableStore } from '../util/disposables';
import { LatestEvery } from '../util/latestEvery';
import type { ColumnChoices } from './columnChoices';
import { heldColumns, panelColumns, parseColumnChoice } from './columns';
import { isCorrelationAction, PanelCorrelations } from './correlations';
import { panelHtml, panelResourceRoots } from './panelHtml';
import { panelStrings } from './panelStrings';
import { parseWebviewMessage, type DetailsMessage, type FromWebview, type PanelState, type RowBatch, type ToWebview } from './protocol';
import { actionsFor, copyText, runRowAction } from './rowActions';
import { RowBatcher } from './rowBatches';
import { exportRows } from './rowExport';
import { counted } from '../activity/counted';

export const PANEL_VIEW_TYPE = 'exavault.activityPanel';

/** Requests in flight at once for one search. */
const CONCURRENCY = 4;
/** A running search's counts go to the webview at most this often: a million rows come in a thousand pages. */
const PROGRESS_INTERVAL_MS = 100;

export interface PanelServices {
  extensionUri: vscode.Uri;
  /** The extension's own storage: exports are written there first. */
  storageUri: vscode.Uri;
  clients: AccountClients;
  log: vscode.LogOutputChannel;
  columnChoices: ColumnChoices;
  /** Where Show Session opens a connection's timeline. */
  sessionDocuments: SessionDocuments;
}

export class ActivityPanel implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private run: SearchRun<ActivityEntry> | undefined;
  private readonly entries = new Map<number, ActivityEntry>();
  private readonly correlations: PanelCorrelations;
  private readonly rows: RowBatcher;
  private readonly runningProgress = new LatestEvery<ToWebview>(PROGRESS_INTERVAL_MS, (message) => this.post(message));
  private notes: string[] = [];
  private ready = false;
  /** Answers the cost question the running search waits on. */
  private answerCost: ((goOn: boolean) => void) | undefined;

  static create(services: PanelServices, account: Account, search: ActivitySearch): ActivityPanel {
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, '', vscode.ViewColumn.Active, {
      enableScripts: true,
      // A million rows are not rebuilt each time the tab is shown again.
      retainContextWhenHidden: true,
      localResourceRoots: panelResourceRoots(services.extensionUri),
    });
    return new ActivityPanel(panel, services, account, { accountId: account.id, search });
  }

  constructor(readonly panel: vscode.WebviewPanel, private readonly services: PanelServices, private readonly account: Account, private state: PanelState) {
    panel.webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(services.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'exavault-activitybar.svg');
    // A restored panel shows the columns it showed; a new one those last chosen for its log.
    this.state = { ...state, columns: state.columns ?? services.columnChoices.get(this.kind) ?? [...LOGS[this.kind].columns] };
    this.rows = new RowBatcher(this.kind, () => heldColumns(this.kind, this.state.columns!), (batch) => this.postRows(batch));
    this.correlations = new PanelCorrelations(account, services.clients);
    this.setTitle();
    panel.webview.html = panelHtml(panel.webview, services.extensionUri, panel.title);
    this.disposables.add(panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this.disposables.add(panel.onDidDispose(() => this.dispose()));
    this.disposables.add(settings.onDidChange((changed) => {
      if (changed('timeZone') && this.ready) {
        this.post({ type: 'settings', timeZone: settings.timeZone() });
      }
    }));
  }

  dispose(): void {
    this.answerCost?.(false);
    this.run?.stop();
    this.rows.dispose();
    this.runningProgress.cancel();
    this.disposables.dispose();
  }

  private get kind() {
    return this.state.search.kind;
  }

  /** The log, the account and the search: panels of one account tell apart by their tabs. */
  private setTitle(): void {
    // The label is the account name the server reported: its invisible characters shown.
    const label = `${displayText(this.account.label, 64)} · ${describeSearchBriefly(this.state.search)}`;
    this.panel.title = this.kind === 'sessions'
      ? vscode.l10n.t('Sessions: {0}', label)
      : vscode.l10n.t('Webhook Calls: {0}', label);
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private postRows(batch: RowBatch): void {
    const startedAt = stageTiming ? performance.now() : 0;
    this.post(batch);
    if (stageTiming) {
      addStageTime('postMessage', startedAt);
    }
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message || (message.type !== 'ready' && !this.ready)) {
      this.services.log.warn(`Query panel: ignored a message that is not one the panel sends (${typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw}).`);
      return;
    }
    void this.handle(message).catch((error: unknown) => this.services.log.error(`Query panel: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({
          type: 'init', kind: this.kind, failureColumn: LOGS[this.kind].failure.column, accountLabel: this.account.label, columns: panelColumns(this.kind), strings: panelStrings(this.kind),
          choices: choiceField(LOGS[this.kind]).filter.choices!().map(([code, name]) => [code, name]),
          state: this.state, timeZone: settings.timeZone(),
        });
        await this.start(this.state.search);
        return;
      case 'search':
        if (message.search.kind === this.kind) {
          await this.start(message.search);
        }
        return;
      case 'stop':
        this.answerCost?.(false);
        this.run?.stop();
        return;
      case 'confirm':
        this.answerCost?.(message.goOn);
        return;
      case 'retry':
        await this.start(this.state.search);
        return;
      case 'select':
        this.showDetails(message.id);
        return;
      case 'rowsTaken':
        this.rows.took(message.sequence);
        return;
      case 'action': {
        const entry = this.entries.get(message.id);
        if (entry && isCorrelationAction(message.action)) {
          // Shown in the entry's details, if its rows are still the panel's.
          if (await this.correlations.run(message.action, entry) && this.entries.get(entry.id) === entry) {
            this.showDetails(entry.id);
          }
        } else if (entry) {
          await runRowAction(message.action, entry, this.account, this.state.search.range, this.services);
        }
        return;
      }
      case 'copy':
        await copyText(message.text);
        return;
      case 'copyLink':
        // The search the panel shows: the one last run, not filters typed and not yet sent.
        await vscode.commands.executeCommand('exavault.copySearchLink', { accountId: this.account.id, search: this.state.search });
        return;
      case 'export':
        await exportRows(this.kind, message.format, message.ids, this.entries, this.services.storageUri, this.services.log);
        return;
      case 'columns': {
        const columns = parseColumnChoice(this.kind, message.columns);
        if (columns) {
          this.state = { ...this.state, columns };
          this.post({ type: 'columns', columns });
          this.rows.resend([...this.entries.values()]);
          await this.services.columnChoices.set(this.kind, columns);
        }
        return;
      }
      case 'violation':
        this.services.log.warn(`Query panel: the content security policy blocked something (${message.directive}).`);
        return;
    }
  }

  /** Starts the search afresh, stopping the one in flight; the rows it loaded are dropped. */
  async start(search: ActivitySearch): Promise<void> {
    this.answerCost?.(false);
    this.run?.stop();
    this.state = { ...this.state, search };
    this.setTitle();
    this.entries.clear();
    this.correlations.clear();
    this.rows.reset();
    this.runningProgress.cancel();
    resetStageTimes();
    const now = new Date();
    const plan = planSearch(search, now);
    this.post({ type: 'reset', search, window: { from: plan.from, to: plan.to }, now: now.getTime() });
    this.notes = plan.notes;
    const client = (await this.services.clients.get(this.account.id))?.client;
    if (!client) {
      this.progress({ state: 'failed', loaded: 0, requests: 0, error: new Error(vscode.l10n.t('There are no credentials for {0} on this machine. Run "ExaVault: Update Credentials".', this.account.label)) });
      return;
    }
    const source: StreamSource<ActivityEntry> = search.kind === 'sessions'
      ? (query, options) => client.sessionPages(query, options)
      : (query, options) => client.webhookPages(query, options);
    const run = new SearchRun<ActivityEntry>(source, plan, {
      pageSize: settings.pageSize(),
      concurrency: CONCURRENCY,
      confirmAboveCalls: settings.confirmAboveCalls(),
      confirm: (estimate) => this.confirmCost(estimate),
    }, {
      entries: (batch) => this.accept(batch),
      progress: (progress) => {
        if (this.run === run) {
          this.progress(progress);
        }
      },
    });
    this.run = run;
    await run.run();
  }

  private accept(batch: ActivityEntry[]): void {
    for (const entry of batch) {
      this.entries.set(entry.id, entry);
    }
    this.rows.add(batch);
  }

  private progress(progress: RunProgress): void {
    const error = progress.error === undefined ? undefined : this.services.clients.describeFailure(progress.error, this.account);
    const message: ToWebview = {
      type: 'progress', state: progress.state, loaded: progress.loaded, requests: progress.requests, warning: progress.warning, notes: this.notes,
      error: error && vscode.l10n.t('{0} The rows loaded before it stay; Retry runs the search again.', error),
    };
    if (progress.state === 'running') {
      this.runningProgress.push(message);
      return;
    }
    // Counts that waited are stale now.
    this.runningProgress.cancel();
    if (progress.state === 'confirming') {
      this.post(message);
      return;
    }
    // The search's end reaches the webview after its last rows.
    this.rows.end(() => {
      writeStageTimes();
      this.post(message);
    });
  }

  // Asked in the panel, not in a modal dialog: changing a filter (which stops this search) is also an answer.
  private confirmCost(estimate: CostEstimate): Promise<boolean> {
    const allowance = this.services.clients.rateLimitFor(this.account.id);
    this.post({
      type: 'confirm',
      question: estimate.calls === undefined
        ? vscode.l10n.t('This search has taken {0} and is not done. In this order nothing tells how many more it takes: ExaVault does not count a search\'s entries.', counted(estimate.spent, 'apiCalls'))
        : estimate.overrun
          ? vscode.l10n.t('This search has taken {0}, more than {1} times the {2} estimated, and is not done.', counted(estimate.spent, 'apiCalls'), OVERRUN_FACTOR, estimate.calls.toLocaleString())
          : vscode.l10n.t('This search will take about {0}.', counted(estimate.calls, 'apiCalls')),
      detail: [
        vscode.l10n.t('Every call spends the account\'s daily API allowance. Calls made so far: {0}; their rows are shown.', estimate.spent),
        allowance?.remaining === undefined ? '' : vscode.l10n.t('Calls left today: {0}.', allowance.remaining.toLocaleString()),
        vscode.l10n.t('Narrow the time range or the filters to spend fewer.'),
      ].filter(Boolean).join(' '),
    });
    return new Promise((resolve) => {
      this.answerCost = (goOn) => {
        this.answerCost = undefined;
        resolve(goOn);
      };
    });
  }

  private showDetails(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) {
      return;
    }
    // The details' JSON stays whole in "Copy as JSON".
    const message: DetailsMessage = {
      type: 'details', id, fields: entryDetailFields(entry), json: entryJson(entry), actions: actionsFor(entry), findings: this.correlations.findings(entry),
    };
    this.post(message);
  }
}
