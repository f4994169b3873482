// "Columns": a list of every field of the log, ticked when shown. A tick adds the column at the end,
// an untick removes it; the last shown column cannot go. Keyboard: the summary opens it, Tab and
// Space tick, Escape closes it.
import type { PanelColumn } from '../protocol';
import { button, h } from './dom';

type Strings = Record<string, string>;

export class ColumnChooser {
  readonly element: HTMLDetailsElement;
  private readonly boxes: HTMLInputElement[];
  private shown: string[];

  constructor(columns: readonly PanelColumn[], shown: readonly string[], defaults: readonly string[], strings: Strings, private readonly onChoose: (columns: string[]) => void) {
    this.shown = [...shown];
    this.boxes = columns.map((column) => {
      const box = h('input', { type: 'checkbox', value: column.id });
      box.addEventListener('change', () => this.toggle(column.id, box.checked));
      return box;
    });
    const list = h('div', { class: 'column-list', role: 'group', 'aria-label': strings.columnsShown },
      ...columns.map((column, index) => h('label', {}, this.boxes[index]!, h('span', {}, column.label))),
      button('discard', strings.defaultColumns!, () => this.choose([...defaults])));
    const summary = h('summary', { title: strings.chooseColumns }, strings.columns!);
    this.element = h('details', { class: 'column-chooser' }, summary, list);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.element.open) {
        event.preventDefault();
        this.element.open = false;
        summary.focus();
      }
    });
    this.tick();
  }

  /** Shows `shown` ticked (the extension's answer, or a restored panel's). */
  show(shown: readonly string[]): void {
    this.shown = [...shown];
    this.tick();
  }

  private toggle(id: string, checked: boolean): void {
    const next = checked ? [...this.shown.filter((shown) => shown !== id), id] : this.shown.filter((shown) => shown !== id);
    if (next.length === 0) {
      this.tick();
      return;
    }
    this.choose(next);
  }

  private choose(columns: string[]): void {
    this.shown = columns;
    this.tick();
    this.onChoose(columns);
  }

  private tick(): void {
    for (const box of this.boxes) {
      box.checked = this.shown.includes(box.value);
      // The last shown column stays: unticking it would leave an empty table.
      box.disabled = box.checked && this.shown.length === 1;
    }
  }
}
