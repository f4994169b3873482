import * as vscode from 'vscode';
import type { ActivityEntry } from '../api/models';
import { ExaVaultError } from '../api/errors';
import type { ActivityFeed, FilterValue } from '../activity/activityFeed';
import type { AccountStore } from '../accounts/accountStore';
import type { AccountClients } from '../accounts/accountClients';
import type { ActiveAccountActivity, ActiveAccountChange } from './activeAccountActivity';
import { windowText } from '../activity/windowText';
import { describeFilters } from '../search/describeSearch';
import { filtersFromQuery, sidebarQuery, type SidebarQuery } from '../search/queryFilters';
import type { SearchFilters } from '../search/search';
import { settings } from '../settings';
import { MutableDisposable } from '../util/disposables';
import { ActivityTreeProvider } from './activityTreeProvider';
import { AutoRefresh } from './autoRefresh';
import type { ActivityNode } from './nodes';
import type { ActivityPresenter } from './presenter';
import { walkthroughStepDone } from '../ui/walkthroughProgress';
import { counted } from '../activity/counted';

/**
 * One sidebar view (Sessions or Webhook Calls): the active account's feed of its log (from the
 * account's shared store), its tree, progress, filters, the badge of entries that arrived while the
 * view was hidden, and auto-refresh.
 */
export class ActivityView<T extends ActivityEntry> implements vscode.Disposable {
  readonly treeView: vscode.TreeView<ActivityNode<T>>;
  private readonly provider: ActivityTreeProvider<T>;
  private readonly autoRefresh: AutoRefresh;
  private readonly disposables: vscode.Disposable;
  private feed: ActivityFeed<T> | undefined;
  private readonly feedSubscription = new MutableDisposable();
  private unseen = 0;
  private filtered: boolean | undefined;
  // The view's filters; what the API cannot apply of them is kept among the loaded entries.
  private viewFilters: SearchFilters = {};
  private keep: SidebarQuery['keep'];

  constructor(
    readonly presenter: ActivityPresenter<T>,
    private readonly store: AccountStore,
    private readonly clients: AccountClients,
    private readonly activity: ActiveAccountActivity,
  ) {
    this.provider = new ActivityTreeProvider(presenter);
    this.treeView = vscode.window.createTreeView(presenter.viewId, { treeDataProvider: this.provider, showCollapseAll: true });
    // The watch feeds the view only while the view's query is the whole log.
    this.autoRefresh = new AutoRefresh(() => this.treeView.visible, () => this.refresh(), () => (this.feed && Object.keys(this.feed.filters).length === 0 ? activity.fedSince(presenter.kind) : undefined));
    this.disposables = vscode.Disposable.from(
      this.treeView, this.provider, this.autoRefresh,
      // After the clients are remade, so that a reload uses the new one.
      activity.onDidChange((change) => this.sync(change)),
      activity.onDidChangeWatch(() => this.autoRefresh.feedChanged()),
      this.treeView.onDidChangeVisibility(({ visible }) => {
        if (visible) {
          walkthroughStepDone('viewShown');
          this.unseen = 0;
          this.updateBadge();
          if (this.feed && !this.feed.started) {
            void this.reload();
          }
        }
        this.autoRefresh.reschedule();
      }),
      settings.onDidChange((changed) => {
        if (changed('sidebar.timeWindowHours') || changed('pageSize')) {
          void this.reload();
        }
        if (changed('sidebar.autoRefreshSeconds')) {
          this.autoRefresh.restart();
        }
        // Tooltips show times in the zone: drawn again from what is loaded.
        if (changed('timeZone')) {
          this.render();
        }
      }),
    );
    this.sync({ accountChanged: true });
  }

  dispose(): void {
    this.feedSubscription.dispose();
    this.disposables.dispose();
  }

  /** The rows as VS Code asks for them (integration tests read what the user would see). */
  get rows(): vscode.TreeDataProvider<ActivityNode<T>> {
    return this.provider;
  }

  /** The feed shown now, for tests and commands. */
  get current(): ActivityFeed<T> | undefined {
    return this.feed;
  }

  /** Starts over with the first page. */
  reload(): Promise<Error | undefined> {
    return this.run((feed) => feed.reload());
  }

  loadMore(): Promise<Error | undefined> {
    return this.run((feed) => feed.loadMore());
  }

  /** Merges what arrived since the newest loaded entry. */
  refresh(): Promise<Error | undefined> {
    return this.run(async (feed) => this.arrived(await feed.refresh()));
  }

  /** Counts entries that came in while the view was hidden, by a refresh or from the watch. */
  private arrived(added: number): void {
    if (!this.treeView.visible && added > 0) {
      this.unseen += added;
      this.updateBadge();
    }
  }

  /** The view's filters, as a search's. */
  get filters(): SearchFilters {
    return this.viewFilters;
  }

  /** Adds one filter of "Filter to this..." (a query parameter) to the view's, replacing its own value. */
  async setFilter(parameter: string, value: FilterValue): Promise<void> {
    await this.setFilters({ ...this.viewFilters, ...filtersFromQuery(this.presenter.kind, { [parameter]: value }) });
  }

  /** Starts over with these filters: those the API takes go in the query, the others are kept among what it loads. */
  async setFilters(filters: SearchFilters): Promise<void> {
    const { query, keep } = sidebarQuery(this.presenter.kind, filters);
    this.viewFilters = filters;
    this.keep = keep;
    await this.run((feed) => feed.setFilters(query));
    // Filtered, the view polls on its own again; cleared, the watch may feed it.
    this.autoRefresh.feedChanged();
  }

  async clearFilters(): Promise<void> {
    await this.setFilters({});
  }

  // Follows the active account: a new account's feed starts fresh; new credentials retry a refused one.
  private sync({ accountChanged }: ActiveAccountChange): void {
    const account = this.activity.current;
    if (accountChanged) {
      this.feed = account?.log(this.presenter.kind) as ActivityFeed<T> | undefined;
      this.feedSubscription.value = account && vscode.Disposable.from(
        this.feed!.onDidChange(() => this.render()),
        account.onDidAccept(({ kind, added }) => kind === this.presenter.kind && this.arrived(added)),
      );
      // A new feed starts unfiltered: another account's users and paths mean nothing here.
      this.viewFilters = {};
      this.keep = undefined;
      this.unseen = 0;
      this.updateBadge();
      this.render();
      if (this.feed && this.treeView.visible) {
        void this.reload();
      }
    } else if (this.feed?.error instanceof ExaVaultError && ['invalidCredentials', 'forbidden'].includes(this.feed.error.kind)) {
      void this.reload();
    }
    this.autoRefresh.restart();
  }

  private async run(operation: (feed: ActivityFeed<T>) => Promise<void>): Promise<Error | undefined> {
    const feed = this.feed;
    const account = this.store.active();
    if (!feed || !account) {
      return undefined;
    }
    await vscode.window.withProgress({ location: { viewId: this.presenter.viewId } }, () => operation(feed));
    if (feed.error) {
      this.clients.describeFailure(feed.error, account);
    }
    return feed.error;
  }

  /** Draws the tree again from what is loaded (after a change of grouping, say): no request. */
  render(): void {
    const feed = this.feed;
    const hours = Math.round(settings.timeWindowMs() / 3_600_000);
    const filters = describeFilters(this.presenter.kind, this.viewFilters);
    if (this.filtered !== filters.length > 0) {
      this.filtered = filters.length > 0;
      void vscode.commands.executeCommand('setContext', `${this.presenter.viewId}.filtered`, this.filtered);
    }
    const emptyMessage = filters.length
      ? vscode.l10n.t('Nothing matches the filter in the last {0} hours.', hours)
      : this.presenter.noActivity(hours);
    this.provider.show(feed, emptyMessage, this.keep);
    // A filter kept here counts among the loaded entries only: the header says so.
    const kept = feed && this.keep ? [vscode.l10n.t('{0} of {1} loaded match', this.provider.shown(feed).length, feed.entries.length)] : [];
    // Counts in the groups are of loaded entries: the header says how far back those reach.
    const window = windowText(settings.timeWindowMs(), feed?.entries ?? [], !feed?.hasMore, new Date());
    this.treeView.description = [...filters, ...kept, window].join(' · ');
  }

  private updateBadge(): void {
    this.treeView.badge = this.unseen > 0
      ? { value: this.unseen, tooltip: vscode.l10n.t('{0} since you last looked', counted(this.unseen, 'newEntries')) }
      : undefined;
  }
}
