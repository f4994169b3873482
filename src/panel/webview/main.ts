// The query panel's webview: filter bar, progress, the table and the selected entry's details.
// It holds the rows (in a RowStore) and asks the extension for everything else.
import { displayText } from '../../activity/displayText';
import { showTimesIn, shownTimeZone } from '../../activity/format';
import { LOGS, NEWEST_FIRST_ORDER, orderKey } from '../../activity/logSchema';
import type { SortOrder } from '../columns';
import { DEFAULT_SORT, heldColumns } from '../columns';
import type { PanelColumn, PanelInit, PanelState, ProgressMessage, ToWebview } from '../protocol';
import { sameSearch, type ActivitySearch } from '../../search/search';
import { cellText, noAnswerWords } from './cellText';
import { chartsWait } from './chartPacing';
import { ActivityCharts } from './charts';
import { ColumnChooser } from './columnChooser';
import { DetailPane } from './detailPane';
import { button, h } from './dom';
import { FilterBar } from './filterBar';
import { counted, format } from './format';
import { narrowed, type Narrowing } from './narrowing';
import { RowStore } from './rowStore';
import { ROW_HEIGHT, VirtualTable } from './virtualTable';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// Anything the CSP blocks is counted where tests can read it, and reported to the extension's log.
let violations = 0;
document.addEventListener('securitypolicyviolation', (event) => {
  violations++;
  document.body.dataset.cspViolations = String(violations);
  vscode.postMessage({ type: 'violation', directive: event.effectiveDirective });
});

class Panel {
  private store: RowStore;
  private table: VirtualTable;
  private readonly chooser: ColumnChooser;
  private readonly details: DetailPane;
  private readonly status = h('span', { class: 'status-text', id: 'status-text' });
  private readonly notes = h('div', { class: 'notes' });
  private readonly problem = h('div', { class: 'problem', role: 'alert' });
  private readonly cost = h('div', { class: 'cost', role: 'group', hidden: true });
  private readonly count = h('span', { class: 'count', id: 'count', 'aria-live': 'polite' });
  /** Whether the table shows the server's order or a sort of the loaded rows. */
  private readonly orderNote = h('span', { class: 'order-note', id: 'order-note' });
  private readonly hiddenColumns = h('span', { class: 'hidden-columns muted', id: 'hidden-columns', hidden: true });
  private readonly stopButton: HTMLButtonElement;
  private readonly retryButton: HTMLButtonElement;
  private readonly refineInput: HTMLInputElement;
  private readonly relativeButton: HTMLButtonElement;
  /** The extension's clock as the current search started. */
  private now: number | undefined;
  private readonly filterBar: FilterBar;
  private state: PanelState;
  private readonly charts: ActivityCharts;
  private paintScheduled = false;
  private chartsTimer: ReturnType<typeof setTimeout> | undefined;
  private chartsDrawnAt = 0;
  /** How long the last count of the charts took. */
  private chartsDrawMs = 0;
  private progress: ProgressMessage | undefined;
  /** The time range the current search asks for, as the extension resolved it. */
  private window: { from: number; to: number } | undefined;

  constructor(private readonly init: PanelInit) {
    const { strings } = init;
    this.state = init.state;
    const defaults = LOGS[init.kind].columns;
    const shown = init.state.columns ?? [...defaults];
    this.store = this.newStore(shown);
    this.details = new DetailPane(strings, (message) => vscode.postMessage(message));
    this.table = this.newTable(shown);
    this.chooser = new ColumnChooser(init.columns, shown, defaults, strings, (columns) => vscode.postMessage({ type: 'columns', columns }));
    this.charts = new ActivityCharts(init.kind, strings, (narrowing) => this.narrow(narrowing), init.state.charts, (charts) => this.save({ charts }));
    this.charts.showColumns(this.columnsOf(shown));
    this.filterBar = new FilterBar(init.kind, init.state.search, init.choices, strings, (search) => this.search(search));
    this.stopButton = button('debug-stop', strings.stop!, () => vscode.postMessage({ type: 'stop' }));
    this.retryButton = button('refresh', strings.retry!, () => vscode.postMessage({ type: 'retry' }));
    this.refineInput = h('input', { type: 'search', id: 'refine', placeholder: strings.refinePlaceholder, 'aria-label': strings.refine, spellcheck: 'false', autocomplete: 'off' });
    this.refineInput.value = init.state.refine ?? '';
    this.refineInput.addEventListener('input', () => {
      this.store.setRefine(this.refineInput.value);
      this.save({ refine: this.refineInput.value });
      // The count answers the keypress at once; the table follows in the next frame.
      this.renderCount();
      this.repaint();
    });
    this.relativeButton = button('history', strings.relativeTimes!, () => {
      this.save({ relativeTimes: !this.state.relativeTimes });
      this.showTimes();
    });
    this.relativeButton.title = strings.relativeTimesTitle!;
    this.relativeButton.classList.add('toggle');
    const toolbar = h('div', { class: 'toolbar' },
      h('span', { class: 'refine' }, this.refineInput),
      this.count,
      this.orderNote,
      this.hiddenColumns,
      h('span', { class: 'spacer' }),
      this.relativeButton,
      this.chooser.element,
      ...[button('export', strings.exportCsv!, () => this.export('csv')), button('json', strings.exportJson!, () => this.export('json'))].map((exporter) => {
        exporter.title = strings.exportAll!;
        return exporter;
      }),
      button('link', strings.copyLink!, () => vscode.postMessage({ type: 'copyLink' })));
    const statusBar = h('div', { class: 'status', role: 'status' }, this.status, this.stopButton, this.retryButton);
    document.body.replaceChildren(
      h('header', {}, h('h1', {}, strings.title!), this.filterBar.element, statusBar, this.cost, this.notes, this.problem, this.charts.element, toolbar),
      h('main', {}, this.table.element, this.details.element),
    );
    this.renderProgress();
    this.showTimes();
    this.renderOrder();
    this.table.refresh();
    // The table's room changes with the window, the header's notes and the details pane: the charts
    // fold or unfold to match (in the next frame: a change of layout inside the observer would loop).
    new ResizeObserver(() => requestAnimationFrame(() => this.charts.fit(this.table.bodyHeight, ROW_HEIGHT))).observe(this.table.element);
  }

  /** The time column as the toggle says: exact, or relative to the search's start (once one started). */
  private showTimes(): void {
    const relative = this.state.relativeTimes === true;
    this.relativeButton.setAttribute('aria-pressed', String(relative));
    if (this.now !== undefined) {
      const { justNow, minutesAgo, hoursAgo, daysAgo } = this.init.strings;
      this.table.showTimes({ relative, now: this.now, words: { justNow: justNow!, minutesAgo: minutesAgo!, hoursAgo: hoursAgo!, daysAgo: daysAgo! } });
    }
  }

  receive(message: ToWebview): void {
    switch (message.type) {
      case 'reset':
        this.window = message.window;
        this.now = message.now;
        this.showTimes();
        // The new search is loading from its first call: the old one's counts must not read as its own.
        this.progress = { type: 'progress', state: 'running', loaded: 0, requests: 0, notes: [] };
        this.renderProgress();
        this.cost.hidden = true;
        this.store.clear();
        this.details.clear();
        this.filterBar.show(message.search);
        this.followServerOrder(message.search);
        this.save({ search: message.search });
        this.renderOrder();
        this.repaint();
        break;
      case 'rows':
        this.store.append(message.ids, message.columns, message.failed);
        vscode.postMessage({ type: 'rowsTaken', sequence: message.sequence });
        this.repaint();
        if (message.arrivedAt !== undefined) {
          this.markFirstPaint(message.arrivedAt);
        }
        break;
      case 'progress':
        this.progress = message;
        this.renderProgress();
        if (message.state !== 'running') {
          this.rescheduleCharts();
        }
        if (message.state !== 'running' && message.state !== 'confirming') {
          this.rankInIdleTime();
        }
        break;
      case 'confirm':
        this.askCost(message.question, message.detail);
        break;
      case 'details':
        // Only the entry selected: a cause found later for another row waits until that row is selected again.
        if (this.store.rowOf(message.id) !== undefined && this.details.entryId === message.id) {
          this.details.show(message);
        }
        break;
      case 'settings':
        this.showTimesIn(message.timeZone);
        break;
      case 'columns':
        this.showColumns(message.columns);
        break;
      default:
        break;
    }
  }

  /**
   * Ranks the store's columns in idle time, one a callback, so no callback holds the page long; stops
   * when the store is cleared or replaced (its rows are gone). A sort clicked meanwhile ranks its own.
   */
  private rankInIdleTime(): void {
    const store = this.store;
    const generation = store.generation;
    const rankNext = () => requestIdleCallback(() => {
      if (this.store === store && store.generation === generation && store.rankNextColumn()) {
        rankNext();
      }
    });
    rankNext();
  }

  /** The rows as held for the `shown` columns: sorted as saved while its column shows, refined as typed, only by what shows. */
  private newStore(shown: readonly string[]): RowStore {
    const { init } = this;
    const specs = this.columnsOf(heldColumns(init.kind, shown));
    // A new panel shows its search's server order; a restored one keeps its own sort.
    const wanted = this.state.sort ?? this.sortShowing(this.state.search);
    const sort = shown.includes(wanted.column) ? wanted : DEFAULT_SORT;
    const store = new RowStore(specs, sort, (spec) => cellText(spec, init.choices, noAnswerWords(init.strings)), shown);
    store.setRefine(this.state.refine ?? '');
    return store;
  }

  private columnsOf(ids: readonly string[]): PanelColumn[] {
    return ids.map((id) => this.init.columns.find((column) => column.id === id)!);
  }

  private newTable(shown: readonly string[]): VirtualTable {
    const { init } = this;
    return new VirtualTable(this.store, this.columnsOf(shown), { ...this.state.widths }, init.strings.tableLabel!, init.strings, {
      select: (row) => {
        if (row === undefined) {
          this.details.clear();
        } else {
          const id = this.store.id(row);
          this.details.loading(id);
          vscode.postMessage({ type: 'select', id });
        }
      },
      sort: (order) => this.setSort(order),
      resize: (widths) => this.save({ widths }),
      hide: (labels) => this.showHiddenColumns(labels),
    }, init.failureColumn);
  }

  /** The extension's answer to a choice of columns: the table is built again, and the rows it held come again with the new columns' cells. */
  private showColumns(shown: string[]): void {
    this.save({ columns: shown });
    this.chooser.show(shown);
    this.store = this.newStore(shown);
    const table = this.newTable(shown);
    this.table.element.replaceWith(table.element);
    this.table.dispose();
    this.table = table;
    this.charts.showColumns(this.columnsOf(shown));
    this.details.clear();
    this.repaint();
  }

  /** Times in the table, the charts, the custom range and the details, in `zone` from now on. */
  private showTimesIn(zone: string): void {
    const previous = shownTimeZone();
    showTimesIn(() => zone);
    this.filterBar.showZoneChange(previous);
    this.repaint();
    // The details' times are the extension's words: asked for again.
    const shown = this.details.entryId;
    if (shown !== undefined) {
      vscode.postMessage({ type: 'select', id: shown });
    }
  }

  private askCost(question: string, detail: string): void {
    const { strings } = this.init;
    const answer = (goOn: boolean) => {
      this.cost.hidden = true;
      this.cost.replaceChildren();
      vscode.postMessage({ type: 'confirm', goOn });
    };
    const loadAll = button('cloud-download', strings.loadAll!, () => answer(true));
    loadAll.classList.add('primary');
    const question_ = h('strong', { id: 'cost-question' }, question);
    this.cost.setAttribute('aria-labelledby', 'cost-question');
    this.cost.replaceChildren(h('p', {}, question_, ' ', h('span', {}, detail)), h('div', { class: 'actions' }, loadAll, button('debug-stop', strings.stopHere!, () => answer(false))));
    this.cost.hidden = false;
    // Only within a panel already in use: focusing from the background would close a quick pick open elsewhere.
    if (document.hasFocus()) {
      loadAll.focus();
    }
  }

  // How long a search's first page took from reaching the extension to being painted here; read by
  // `npm run bench:panel` (and anyone profiling) from the page.
  private markFirstPaint(arrivedAt: number): void {
    // The frame that paints them runs its animation callbacks (the table's first) before painting; a task queued from there runs after.
    requestAnimationFrame(() => setTimeout(() => {
      document.body.dataset.firstRowsDelayMs = String(Date.now() - arrivedAt);
    }, 0));
  }

  private search(search: ActivitySearch): void {
    vscode.postMessage({ type: 'search', search });
  }

  private setSort(sort: SortOrder): void {
    this.store.setSort(sort);
    this.save({ sort });
    this.renderOrder();
    this.repaint();
  }

  /** A search in another server order shows its rows in that order; the same order keeps the table's sort. */
  private followServerOrder(search: ActivitySearch): void {
    if (orderKey(search.order ?? NEWEST_FIRST_ORDER) !== orderKey(this.state.search.order ?? NEWEST_FIRST_ORDER)) {
      this.setSort(this.sortShowing(search));
    }
  }

  /** The table's sort that shows the search's server order: its field's column, or newest first when that column is not shown. */
  private sortShowing(search: ActivitySearch): SortOrder {
    const order = search.order ?? NEWEST_FIRST_ORDER;
    const shown = this.state.columns ?? LOGS[this.init.kind].columns;
    return shown.includes(order.field) ? { column: order.field, descending: order.descending } : DEFAULT_SORT;
  }

  private renderOrder(): void {
    const { strings } = this.init;
    const order = this.state.search.order ?? NEWEST_FIRST_ORDER;
    const sort = this.store.sort;
    const server = sort.column === order.field && sort.descending === order.descending;
    this.orderNote.textContent = server
      ? strings.serverOrder!.replace('{0}', strings[`order.${orderKey(order)}`]!)
      : strings.sortedHere!.replace('{0}', strings[`order.${orderKey({ field: sort.column, descending: sort.descending })}`]!);
  }

  private export(format: 'csv' | 'json'): void {
    const rows = this.table.shownRows;
    const ids = new Array<number>(rows.length);
    rows.forEach((row, index) => {
      ids[index] = this.store.id(row);
    });
    vscode.postMessage({ type: 'export', format, ids });
  }

  private save(change: Partial<PanelState>): void {
    this.state = { ...this.state, ...change };
    vscode.setState(this.state);
  }

  // Batches can arrive faster than frames: paint once per frame.
  private repaint(): void {
    if (!this.paintScheduled) {
      this.paintScheduled = true;
      requestAnimationFrame(() => {
        this.paintScheduled = false;
        this.table.refresh();
        this.renderCount();
        this.scheduleCharts();
      });
    }
  }

  // Charts count every shown row: never in the way of the table's paint, and while rows stream in,
  // seldom in the way of anything else (see chartPacing).
  private scheduleCharts(): void {
    if (this.chartsTimer !== undefined) {
      return;
    }
    const wait = chartsWait(Date.now(), this.chartsDrawnAt, this.chartsDrawMs, this.progress?.state === 'running');
    this.chartsTimer = setTimeout(() => {
      this.chartsTimer = undefined;
      this.chartsDrawnAt = Date.now();
      if (this.window) {
        const startedAt = performance.now();
        this.charts.update(this.store, this.window);
        this.chartsDrawMs = performance.now() - startedAt;
      }
    }, wait);
  }

  /** A count spaced out for a load that has ended waits no longer than any other. */
  private rescheduleCharts(): void {
    if (this.chartsTimer !== undefined) {
      clearTimeout(this.chartsTimer);
      this.chartsTimer = undefined;
      this.scheduleCharts();
    }
  }

  /** A click (or Enter) on a chart: the search narrowed to that bar's time, value or failures; nothing when that is the search shown (a search spends API calls). */
  private narrow(narrowing: Narrowing): void {
    const search = narrowed(this.state.search, narrowing);
    if (!sameSearch(search, this.state.search)) {
      this.search(search);
    }
  }

  private showHiddenColumns(labels: string[]): void {
    this.hiddenColumns.textContent = labels.length > 0 ? this.init.strings.hiddenColumns!.replace('{0}', labels.join(', ')) : '';
    // The whole list when the note is cut short.
    this.hiddenColumns.title = this.hiddenColumns.textContent;
    this.hiddenColumns.hidden = labels.length === 0;
  }

  private renderCount(): void {
    const shown = this.store.view().length;
    const { strings } = this.init;
    this.count.textContent = this.store.refine === ''
      ? counted(strings, 'rows', shown)
      : format(strings.matchCount, shown, counted(strings, 'rows', this.store.count));
  }

  private renderProgress(): void {
    const { strings } = this.init;
    const progress = this.progress;
    const running = progress?.state === 'running' || progress?.state === 'confirming';
    this.stopButton.hidden = !running;
    if (progress?.state !== 'confirming') {
      this.cost.hidden = true;
    }
    this.retryButton.hidden = progress?.state !== 'failed' && progress?.state !== 'stopped';
    document.body.classList.toggle('busy', running);
    if (!progress) {
      this.status.textContent = strings.starting!;
      return;
    }
    this.status.textContent = format(strings[`state.${progress.state}`], counted(strings, 'entries', progress.loaded), counted(strings, 'apiCalls', progress.requests));
    this.notes.replaceChildren(...progress.notes.map((note) => h('p', {}, note)), ...(progress.warning ? [h('p', { class: 'warning' }, progress.warning)] : []));
    // The error carries what the server said: shown with its invisible characters made visible.
    this.problem.textContent = displayText(progress.error ?? '', 2000);
    this.problem.hidden = !progress.error;
  }
}

// What a search's rows messages cost here: reading each one's data (the browser copies it out of
// the message on first read) and handling it (the row store's ingest). Summed a message at a time
// (a batch of rows, not a row) and shown as the search ends, for `npm run bench:panel` to read.
let rowMessageTimes = { readMs: 0, ingestMs: 0, count: 0 };

let panel: Panel | undefined;
window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const startedAt = performance.now();
  const message = event.data;
  const readAt = performance.now();
  if (message.type === 'init') {
    showTimesIn(() => message.timeZone);
    panel = new Panel(message);
  } else {
    panel?.receive(message);
  }
  if (message.type === 'reset') {
    rowMessageTimes = { readMs: 0, ingestMs: 0, count: 0 };
  } else if (message.type === 'rows') {
    rowMessageTimes.readMs += readAt - startedAt;
    rowMessageTimes.ingestMs += performance.now() - readAt;
    rowMessageTimes.count++;
  } else if (message.type === 'progress' && message.state !== 'running' && message.state !== 'confirming') {
    document.body.dataset.rowMessageTimes = JSON.stringify(rowMessageTimes);
  }
});
vscode.postMessage({ type: 'ready' });
