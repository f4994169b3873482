// The panel's charts, folded in one section: entries over time and the most frequent users, IPs,
// endpoints and statuses, counted over the shown rows. Clicking a part of them narrows the search.
// The section folds by itself when it would leave the table too few rows, unless the user chose.
import { LOGS } from '../../activity/logSchema';
import type { ChartsChoice, PanelColumn } from '../protocol';
import type { ActivityKind } from '../../search/search';
import { inStoreOrder } from './chartData';
import { chartsOpen } from './chartFold';
import { h } from './dom';
import type { Narrowing } from './narrowing';
import type { RowStore } from './rowStore';
import { TimeChart } from './timeChart';
import { TopValuesList, type TopSpec } from './topValuesList';

type Strings = Record<string, string>;

export class ActivityCharts {
  readonly element: HTMLElement;
  private readonly timeChart: TimeChart;
  private readonly lists: TopValuesList[];
  /** The last update asked for while the charts were folded away, run when they open. */
  private pending: [RowStore, { from: number; to: number }] | undefined;
  private readonly details: HTMLDetailsElement;
  /** The height the charts take below their summary when open, as last measured. */
  private openHeight = 0;

  /** `choice`: the user's last fold or unfold, if any; `onChoose` is told of each. */
  constructor(kind: ActivityKind, columns: PanelColumn[], strings: Strings, onNarrow: (narrowing: Narrowing) => void, private choice: ChartsChoice | undefined, onChoose: (choice: ChartsChoice) => void) {
    const indexOf = (id: string) => columns.findIndex((column) => column.id === id);
    const tops: TopSpec[] = LOGS[kind].fields.filter((field) => typeof field.chart === 'object' && field.filter).map((field) => ({
      column: field.id, key: field.filter!.key, title: strings[`chart.top.${field.id}`]!,
      // Only a code can be a status filter: "no answer (...)" cannot.
      narrowable: field.filter!.match === 'statusOrClass' ? (value: string) => /^\d{1,3}$/.test(value) : undefined,
    }));
    this.lists = tops.filter((spec) => indexOf(spec.column) >= 0).map((spec) => new TopValuesList(spec, indexOf(spec.column), strings, 10, onNarrow));
    this.timeChart = new TimeChart(kind, strings, onNarrow);
    const summary = h('summary', {}, strings['chart.title'] ?? '');
    const details = h('details', { class: 'charts', open: choice !== 'folded' },
      summary,
      h('div', { class: 'chart-grid' }, this.timeChart.element, ...this.lists.map((list) => list.element)));
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
    for (const list of this.lists) {
      list.show(store, ordered);
    }
    this.timeChart.show(store, ordered, range);
  }

  dispose(): void {
    this.timeChart.dispose();
    this.pending = undefined;
  }
}
