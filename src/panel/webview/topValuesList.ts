// One of the charts' lists of the most frequent values of a column (users, IPs, endpoints, statuses).
import type { TopValue } from './chartData';
import { topValues } from './chartData';
import { h } from './dom';
import { counted, format } from './format';
import type { Narrowing } from './narrowing';
import type { RowStore } from './rowStore';

type Strings = Record<string, string>;

export interface TopSpec {
  column: string;
  /** The filter a value narrows the search to; none for a column the API does not filter on. */
  key?: string;
  title: string;
  /** Whether a value can become this filter. */
  narrowable?: (value: string) => boolean;
}

/** Characters kept at the end of a long value when its middle is cut. */
const TAIL = 14;

/** A list of the most frequent values as buttons with a bar behind each: readable (long URLs ellipsized, in full on hover), clickable, and one tab stop with arrow keys inside. */
export class TopValuesList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly items: { button: HTMLButtonElement; label: HTMLElement; count: HTMLElement; bar: HTMLElement; value: string }[] = [];
  private focused = 0;

  /** The id of the column counted. */
  get column(): string {
    return this.spec.column;
  }

  constructor(private readonly spec: TopSpec, private readonly strings: Strings, private readonly size: number, onNarrow: (narrowing: Narrowing) => void) {
    const id = `chart-top-${spec.column}`;
    this.list = h('div', { class: 'top-list', role: 'group', 'aria-labelledby': id });
    this.empty = h('p', { class: 'chart-empty' }, strings['chart.empty'] ?? '');
    for (let i = 0; i < size; i++) {
      const label = h('span', { class: 'top-label' });
      const count = h('span', { class: 'top-count' });
      const bar = h('span', { class: 'top-bar', 'aria-hidden': 'true' });
      const button = h('button', { type: 'button', class: 'top-item', tabindex: -1, hidden: true }, bar, label, count);
      const item = { button, label, count, bar, value: '' };
      button.addEventListener('click', () => {
        if (spec.key !== undefined) {
          onNarrow({ kind: 'filter', key: spec.key, value: item.value });
        }
      });
      button.addEventListener('focus', () => {
        this.focused = i;
        this.roving();
      });
      this.items.push(item);
      this.list.append(button);
    }
    this.list.addEventListener('keydown', (event) => this.key(event));
    this.element = h('section', { class: 'chart chart-top' }, h('h3', { id }, spec.title), this.list, this.empty);
  }

  /** Counts the column's values over `rows`; nothing when the store does not hold the column. */
  show(store: RowStore, rows: Uint32Array): void {
    const columnIndex = store.specs.findIndex((spec) => spec.id === this.spec.column);
    this.render(columnIndex < 0 ? [] : topValues(store, rows, columnIndex, this.size));
  }

  private render(top: TopValue[]): void {
    const most = top[0]?.count ?? 0;
    this.items.forEach((item, i) => {
      const entry = top[i];
      item.button.hidden = !entry;
      if (!entry) {
        return;
      }
      const shown = entry.value === '' ? this.strings['chart.none']! : entry.label;
      const narrowable = entry.value !== '' && this.spec.key !== undefined && (this.spec.narrowable?.(entry.value) ?? true);
      item.value = entry.value;
      // Long values (endpoint URLs) often differ only at the end: keep the end in view, cut the middle.
      const tail = shown.length > TAIL * 2 ? shown.slice(-TAIL) : '';
      item.label.replaceChildren(h('span', { class: 'top-head' }, tail ? shown.slice(0, -TAIL) : shown), ...(tail ? [h('span', { class: 'top-tail' }, tail)] : []));
      item.count.textContent = entry.count.toLocaleString();
      item.bar.style.width = `${most > 0 ? (100 * entry.count) / most : 0}%`;
      item.button.disabled = !narrowable;
      item.button.title = narrowable ? format(this.strings['chart.narrowTo'], shown) : shown;
      item.button.setAttribute('aria-label', format(this.strings['chart.topItem'], shown, counted(this.strings, 'entries', entry.count)));
    });
    this.empty.hidden = top.length > 0;
    this.focused = Math.min(this.focused, Math.max(0, top.length - 1));
    this.roving();
  }

  private enabled(): number[] {
    return this.items.flatMap((item, i) => (!item.button.hidden && !item.button.disabled ? [i] : []));
  }

  /** One tab stop: the focused item, or the first one that can be clicked. */
  private roving(): void {
    const enabled = this.enabled();
    const current = enabled.includes(this.focused) ? this.focused : enabled[0];
    this.items.forEach((item, i) => {
      item.button.tabIndex = i === current ? 0 : -1;
    });
  }

  private key(event: KeyboardEvent): void {
    const enabled = this.enabled();
    const at = enabled.indexOf(this.focused);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown': next = enabled[Math.min(enabled.length - 1, at + 1)]; break;
      case 'ArrowUp': next = enabled[Math.max(0, at - 1)]; break;
      case 'Home': next = enabled[0]; break;
      case 'End': next = enabled[enabled.length - 1]; break;
      default: return;
    }
    event.preventDefault();
    if (next !== undefined) {
      this.focused = next;
      this.roving();
      this.items[next]!.button.focus();
    }
  }
}
