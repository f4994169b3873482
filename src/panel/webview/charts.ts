// The panel's charts, folded in one section: entries over time and the most frequent users, IPs,
// endpoints and statuses, and of any shown text column picked, counted over the shown rows.
// Clicking a part of them narrows the search (a top list's value, when the API filters on its column).
// The section folds by itself when it would leave the table too few rows, unless the user chose.
import { LOGS, type LogField } from '../../activity/logSchema';
import type { ChartsChoice, PanelColumn } from '../protocol';
import type { ActivityKind } from '../../search/search';
import { inStoreOrder } from './chartData';
import { chartsOpen } from './chartFold';
import { h } from './dom';
import { format } from './format';
import type { Narrowing } from './narrowing';
import type { RowStore } from './rowStore';
import { TimeChart } from './timeChart';
import { TopValuesList, type TopSpec } from './topValuesList';

type Strings = Record<string, string>;

/** A top list of the field: narrowing to its filter when it has one (only a code can be a status filter: "no answer (...)" cannot). */
function topSpec(field: LogField, title: string): TopSpec {
  const filter = field.filter;
  return {
    column: field.id, key: filter?.key, title,
    narrowable: filter?.match === 'statusOrClass' ? (value: string) => /^\d{1,3}$/.test(value) : undefined,
  };
}

export class ActivityCharts {
  readonly element: HTMLElement;
  private readonly timeChart: TimeChart;
  private readonly lists: TopValuesList[];
  /** The list of the most frequent values of a shown column the user picks, and its picker. */
  private chosenList: TopValuesList | undefined;
  private readonly columnPicker: HTMLSelectElement;
  private readonly chosenSlot: HTMLElement;
  private last: [RowStore, Uint32Array] | undefined;
  /** The last update asked for while the charts were folded away, run when they open. */
  private pending: [RowStore, { from: number; to: number }] | undefined;
  private readonly details: HTMLDetailsElement;
  /** The height the charts take below their summary when open, as last measured. */
  private openHeight = 0;

  /** `choice`: the user's last fold or unfold, if any; `onChoose` is told of each. */
  constructor(private readonly kind: ActivityKind, private readonly strings: Strings, private readonly onNarrow: (narrowing: Narrowing) => void,
    private choice: ChartsChoice | undefined, onChoose: (choice: ChartsChoice) => void) {
    const tops: TopSpec[] = LOGS[kind].fields.filter((field) => typeof field.chart === 'object' && field.filter).map((field) => topSpec(field, strings[`chart.top.${field.id}`]!));
    this.lists = tops.map((spec) => new TopValuesList(spec, strings, 10, onNarrow));
    this.timeChart = new TimeChart(kind, strings, onNarrow);
    this.columnPicker = h('select', { id: 'chart-top-column', 'aria-label': strings['chart.topOfColumn'] });
    this.columnPicker.addEventListener('change', () => this.chooseList());
    this.chosenSlot = h('div', {});
    const chosen = h('section', { class: 'chart chart-top chart-top-any' }, h('label', { for: 'chart-top-column' }, strings['chart.topOfColumn'] ?? ''), ' ', this.columnPicker, this.chosenSlot);
    const summary = h('summary', {}, strings['chart.title'] ?? '');
    const details = h('details', { class: 'charts', open: choice !== 'folded' },
      summary,
      h('div', { class: 'chart-grid' }, this.timeChart.element, ...this.lists.map((list) => list.element), chosen));
    details.addEventListener('toggle', () => {
      if (details.open && this.pending) {
        this.update(...this.pending);
      }
    });
    // A click (or Enter or Space) on the summary is the user's: it toggles the section after this.
    summary.addEventListener('click', () => {
      this.choice = details.open ? 'folded' : 'open';
      onChoose(this.choice);
    });
    this.details = details;
    this.element = details;
  }

  /** The shown columns a top list can be picked for: the text ones without a list of their own. */
  showColumns(columns: readonly PanelColumn[]): void {
    const listed = new Set(this.lists.map((list) => list.column));
    const offered = columns.filter((column) => column.type === 'text' && !listed.has(column.id));
    const previous = this.columnPicker.value;
    this.columnPicker.replaceChildren(h('option', { value: '' }, this.strings['chart.noColumn'] ?? ''), ...offered.map((column) => h('option', { value: column.id }, column.label)));
    this.columnPicker.value = offered.some((column) => column.id === previous) ? previous : '';
    // The rows counted last are held by a store the new columns replace: the list waits for the next count.
    this.last = undefined;
    this.chooseList();
  }

  private chooseList(): void {
    const field = LOGS[this.kind].fields.find((candidate) => candidate.id === this.columnPicker.value);
    const label = this.columnPicker.selectedOptions[0]?.textContent ?? '';
    this.chosenList = field ? new TopValuesList(topSpec(field, format(this.strings['chart.topOf'], label)), this.strings, 10, this.onNarrow) : undefined;
    this.chosenSlot.replaceChildren(...(this.chosenList ? [this.chosenList.element] : []));
    if (this.chosenList && this.last) {
      this.chosenList.show(...this.last);
    }
  }

  /** Folds or unfolds the charts for the table's room (`tableHeight`, its rows' height now), unless the user chose. */
  fit(tableHeight: number, rowHeight: number): void {
    const details = this.details;
    if (details.open) {
      this.openHeight = details.offsetHeight - details.querySelector('summary')!.offsetHeight;
    }
    const open = chartsOpen(this.choice, { tableHeight: tableHeight + (details.open ? this.openHeight : 0), chartsHeight: this.openHeight, rowHeight });
    if (open !== details.open) {
      details.open = open;
    }
  }

  /**
   * Counts the rows `store` shows now again and redraws. `range` is the search's, in ms; a bound that
   * is not finite means the rows' own extent. The store's view, read here, not rows handed over: the
   * table's last painted rows lag the store by a frame, and after a new search cleared it they name
   * the old search's rows, which the charts would count as the new one's.
   */
  update(store: RowStore, range: { from: number; to: number }): void {
    if (!this.details.open) {
      this.pending = [store, range];
      return;
    }
    this.pending = undefined;
    // Put in store order once for all the counts (each would otherwise do it).
    const ordered = inStoreOrder(store, store.view());
    this.last = [store, ordered];
    for (const list of [...this.lists, ...(this.chosenList ? [this.chosenList] : [])]) {
      list.show(store, ordered);
    }
    this.timeChart.show(store, ordered, range);
  }

  dispose(): void {
    this.timeChart.dispose();
    this.pending = undefined;
  }
}
