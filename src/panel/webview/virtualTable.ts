// A grid that paints only the rows in view, so a million rows scroll like ten: a fixed pool of row
// elements moved and refilled (textContent only) as the viewport scrolls. ARIA grid semantics,
// keyboard selection, sortable and resizable columns. A failed row is marked in its failure column's
// cell: an error icon and colour (by CSS, so cells hold text only) and "Failed" for screen readers.
// Columns fit the loaded rows' widest text (a column the user resized keeps its width), and a column
// no loaded row has a value in is hidden until one has.
import type { SortOrder } from '../columns';
import type { PanelColumn } from '../protocol';
import { ColumnContent } from './columnContent';
import { h, icon } from './dom';
import type { RowStore } from './rowStore';
import { timeCell, type TimeDisplay } from './timeCell';

export const ROW_HEIGHT = 22;
/** The id of the words a failed row's marked cell is described by. */
const FAILED_TEXT_ID = 'failed-text';
const MIN_WIDTH = 40;
/** The widest a column grows to fit its text: a long path is cut rather than push the rest away. */
const MAX_FIT_WIDTH = 360;
/** A cell's padding (both sides), and the failure mark's icon and gap, in pixels (see panel.css). */
const CELL_PADDING = 12;
const FAILURE_MARK = 18;
/** A header's padding, sort arrow and resizer beside its label. */
const HEADER_EXTRA = 12 + 16 + 4 + 5;

export interface TableEvents {
  select(row: number | undefined): void;
  sort(order: SortOrder): void;
  resize(widths: Record<string, number>): void;
  /** The columns hidden for being empty in every loaded row changed: their labels. */
  hide(labels: string[]): void;
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private readonly headerCells: HTMLElement[] = [];
  private rows: Uint32Array = new Uint32Array(0);
  /** Index into `rows` of the selected row. */
  private selected: number | undefined;
  private selectedId: number | undefined;
  private scheduled = false;
  private readonly resizes = new ResizeObserver(() => this.schedule());
  /** The index of the column whose cell marks a failed row. */
  private readonly failureColumn: number;
  private timeDisplay: TimeDisplay | undefined;
  /** Each column's index among the store's columns (which holds some the table does not show). */
  private readonly storeColumns: number[];
  private readonly content: ColumnContent;
  /** Widths fitted to the loaded rows, by column id; `widths` holds the ones the user set. */
  private fitted: Record<string, number> = {};
  /** Per column: hidden for being empty in every loaded row. */
  private empty: boolean[];
  private measure: CanvasRenderingContext2D | undefined;

  /** `widths`: the widths the user set, by column id (they are kept). */
  constructor(private readonly store: RowStore, private readonly columns: PanelColumn[], private readonly widths: Record<string, number>, label: string, private readonly strings: Record<string, string>, private readonly events: TableEvents, failureColumn: string) {
    this.failureColumn = columns.findIndex((column) => column.id === failureColumn);
    this.storeColumns = columns.map((column) => store.specs.findIndex((spec) => spec.id === column.id));
    this.content = new ColumnContent(store);
    this.empty = columns.map(() => false);
    this.header = h('div', { class: 'grid-row grid-header', role: 'row', 'aria-rowindex': 1 });
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.element = h('div', {
      class: 'grid', role: 'grid', tabindex: 0, 'aria-label': label, 'aria-colcount': columns.length, 'aria-multiselectable': 'false',
    }, h('div', { role: 'rowgroup', class: 'grid-head' }, this.header), this.body,
    // Hidden, so not a part of the grid's structure: a description is read from hidden text too.
    h('span', { id: FAILED_TEXT_ID, hidden: true }, strings.failed ?? ''));
    columns.forEach((column, index) => this.header.append(this.headerCell(column, index)));
    this.applyWidths();
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.grid-row');
      if (row?.dataset.index !== undefined) {
        this.choose(Number(row.dataset.index));
        this.element.focus({ preventScroll: true });
      }
    });
    this.resizes.observe(this.element);
  }

  /** Stops watching its size: a table replaced (other columns chosen) is dropped. */
  dispose(): void {
    this.resizes.disconnect();
  }

  /** Shows the store's current view, keeping the selected entry selected if it is still shown. */
  refresh(): void {
    if (this.content.update()) {
      this.fitColumns();
    }
    this.rows = this.store.view();
    this.selected = undefined;
    if (this.selectedId !== undefined) {
      const row = this.store.rowOf(this.selectedId);
      const index = row === undefined ? -1 : this.rows.indexOf(row);
      if (index >= 0) {
        this.selected = index;
      } else {
        this.selectedId = undefined;
        this.events.select(undefined);
      }
    }
    this.element.setAttribute('aria-rowcount', String(this.rows.length + 1));
    this.body.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    this.updateSortIndicators();
    this.paint();
  }

  /** How time cells read from now on: exact or relative, counted back from the search's start. */
  showTimes(display: TimeDisplay): void {
    this.timeDisplay = display;
    this.paint();
  }

  get shownRows(): Uint32Array {
    return this.rows;
  }

  /** The height the rows have in view, below the header. */
  get bodyHeight(): number {
    return this.element.clientHeight - this.header.offsetHeight;
  }

  private headerCell(column: PanelColumn, index: number): HTMLElement {
    const sortButton = h('button', { type: 'button', class: 'sort', title: this.strings.sortBy?.replace('{0}', column.label) }, h('span', { class: 'label' }, column.label), icon('blank'));
    sortButton.addEventListener('click', () => {
      const current = this.store.sort;
      this.events.sort({ column: column.id, descending: current.column === column.id ? !current.descending : column.type !== 'text' });
    });
    const resizer = h('div', {
      class: 'resizer', role: 'separator', tabindex: 0, 'aria-orientation': 'vertical', 'aria-label': this.strings.resizeColumn?.replace('{0}', column.label),
      'aria-valuemin': MIN_WIDTH, 'aria-valuemax': 2000, 'aria-valuenow': this.widths[column.id] ?? column.width,
    });
    resizer.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowLeft' ? -10 : event.key === 'ArrowRight' ? 10 : 0;
      if (step) {
        event.preventDefault();
        event.stopPropagation();
        this.setWidth(column, this.width(column) + step);
      }
    });
    resizer.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      resizer.setPointerCapture(event.pointerId);
      const startX = event.clientX;
      const startWidth = this.width(column);
      const move = (moveEvent: PointerEvent) => this.setWidth(column, startWidth + moveEvent.clientX - startX, false);
      const up = () => {
        resizer.removeEventListener('pointermove', move);
        resizer.removeEventListener('pointerup', up);
        this.events.resize({ ...this.widths });
      };
      resizer.addEventListener('pointermove', move);
      resizer.addEventListener('pointerup', up);
    });
    const cell = h('div', { class: 'grid-cell', role: 'columnheader', 'aria-colindex': index + 1, 'data-column': column.id }, sortButton, resizer);
    this.headerCells.push(cell);
    return cell;
  }

  private width(column: PanelColumn): number {
    return this.widths[column.id] ?? this.fitted[column.id] ?? column.width;
  }

  /** Sizes each column to its header and its widest loaded text, and hides the columns no loaded row has a value in. */
  private fitColumns(): void {
    const loaded = this.store.count > 0;
    this.fitted = {};
    if (loaded) {
      const cellFont = getComputedStyle(this.body).font;
      const headerFont = getComputedStyle(this.headerCells[0]!.querySelector('.sort')!).font;
      this.columns.forEach((column, index) => {
        const text = this.textWidth(this.content.widest(this.storeColumns[index]!), cellFont) + CELL_PADDING + (index === this.failureColumn ? FAILURE_MARK : 0);
        const header = this.textWidth(column.label, headerFont) + HEADER_EXTRA;
        this.fitted[column.id] = Math.ceil(Math.max(MIN_WIDTH, header, Math.min(MAX_FIT_WIDTH, text)));
      });
    }
    const empty = this.columns.map((_column, index) => loaded && !this.content.hasValues(this.storeColumns[index]!));
    const hiddenChanged = empty.some((hidden, index) => hidden !== this.empty[index]);
    this.empty = empty;
    this.applyWidths();
    if (hiddenChanged) {
      this.applyHidden();
      this.events.hide(this.columns.filter((_column, index) => empty[index]).map((column) => column.label));
    }
  }

  private textWidth(text: string, font: string): number {
    this.measure ??= document.createElement('canvas').getContext('2d')!;
    this.measure.font = font;
    return this.measure.measureText(text).width;
  }

  /** Hides the empty columns' cells, and numbers the shown ones for screen readers. */
  private applyHidden(): void {
    this.element.setAttribute('aria-colcount', String(this.empty.filter((hidden) => !hidden).length));
    for (const row of [this.header, ...this.pool]) {
      this.hideCells(row);
    }
  }

  private hideCells(row: HTMLElement): void {
    let shown = 0;
    Array.from(row.children as HTMLCollectionOf<HTMLElement>).forEach((cell, index) => {
      cell.hidden = this.empty[index]!;
      if (!cell.hidden) {
        cell.setAttribute('aria-colindex', String(++shown));
      }
    });
  }

  private setWidth(column: PanelColumn, width: number, report = true): void {
    this.widths[column.id] = Math.max(MIN_WIDTH, Math.min(2000, Math.round(width)));
    this.applyWidths();
    if (report) {
      this.events.resize({ ...this.widths });
    }
  }

  // One CSS variable for every row: a resize restyles no cell one by one.
  private applyWidths(): void {
    const shown = this.columns.filter((_column, index) => !this.empty[index]);
    this.element.style.setProperty('--grid-columns', shown.map((column) => `${this.width(column)}px`).join(' '));
    this.element.style.setProperty('--grid-width', `${shown.reduce((sum, column) => sum + this.width(column), 0)}px`);
    for (const column of this.columns) {
      this.headerCells.find((cell) => cell.dataset.column === column.id)?.querySelector('.resizer')?.setAttribute('aria-valuenow', String(this.width(column)));
    }
  }

  private updateSortIndicators(): void {
    const { column, descending } = this.store.sort;
    for (const cell of this.headerCells) {
      const sorted = cell.dataset.column === column;
      cell.setAttribute('aria-sort', sorted ? (descending ? 'descending' : 'ascending') : 'none');
      const indicator = cell.querySelector('.codicon')!;
      indicator.className = `codicon codicon-${sorted ? (descending ? 'arrow-down' : 'arrow-up') : 'blank'}`;
    }
  }

  private schedule(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => {
        this.scheduled = false;
        this.paint();
      });
    }
  }

  private viewportRows(): number {
    return Math.max(1, Math.ceil(this.element.clientHeight / ROW_HEIGHT));
  }

  /** Fills the pooled rows with the rows in view. */
  private paint(): void {
    const first = Math.max(0, Math.floor((this.element.scrollTop) / ROW_HEIGHT) - 2);
    const count = Math.min(this.rows.length - first, this.viewportRows() + 4);
    while (this.pool.length < count) {
      const row = h('div', { class: 'grid-row', role: 'row' }, ...this.columns.map((column, index) => h('div', { class: index === this.failureColumn ? 'grid-cell failure-cell' : 'grid-cell', role: 'gridcell', 'aria-colindex': index + 1, 'data-column': column.id })));
      this.hideCells(row);
      this.pool.push(row);
      this.body.append(row);
    }
    let active: string | undefined;
    this.pool.forEach((element, slot) => {
      const index = first + slot;
      if (slot >= count) {
        element.hidden = true;
        return;
      }
      element.hidden = false;
      const row = this.rows[index]!;
      element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      element.dataset.index = String(index);
      element.setAttribute('aria-rowindex', String(index + 2));
      const selected = index === this.selected;
      element.setAttribute('aria-selected', String(selected));
      element.classList.toggle('selected', selected);
      element.id = `row-${slot}`;
      const failed = this.store.failed(row);
      element.classList.toggle('failed', failed);
      const marked = element.children[this.failureColumn];
      if (failed) {
        marked?.setAttribute('aria-describedby', FAILED_TEXT_ID);
      } else {
        marked?.removeAttribute('aria-describedby');
      }
      if (selected) {
        active = element.id;
      }
      const cells = element.children;
      for (let column = 0; column < this.columns.length; column++) {
        const { text, title } = this.cell(row, column);
        const cell = cells[column] as HTMLElement;
        if (cell.textContent !== text || cell.title !== title) {
          cell.textContent = text;
          cell.title = title;
        }
      }
    });
    if (active) {
      this.element.setAttribute('aria-activedescendant', active);
    } else {
      this.element.removeAttribute('aria-activedescendant');
    }
  }

  /** A cell's text and tooltip: a time's other form, or the text in full (a cell may cut it off). */
  private cell(row: number, column: number): { text: string; title: string } {
    const stored = this.storeColumns[column]!;
    const time = this.columns[column]!.type === 'time' && this.timeDisplay ? this.store.number(row, stored) : Number.NaN;
    if (!Number.isNaN(time)) {
      return timeCell(time, this.timeDisplay!);
    }
    const text = this.store.text(row, stored);
    return { text, title: text };
  }

  private choose(index: number | undefined): void {
    if (index === undefined || this.rows.length === 0) {
      return;
    }
    this.selected = Math.max(0, Math.min(this.rows.length - 1, index));
    this.selectedId = this.store.id(this.rows[this.selected]!);
    this.reveal(this.selected);
    this.paint();
    this.events.select(this.rows[this.selected]);
  }

  private reveal(index: number): void {
    const top = index * ROW_HEIGHT;
    const visible = this.element.clientHeight - this.header.offsetHeight;
    if (top < this.element.scrollTop) {
      this.element.scrollTop = top;
    } else if (top + ROW_HEIGHT > this.element.scrollTop + visible) {
      this.element.scrollTop = top + ROW_HEIGHT - visible;
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target !== this.element) {
      return;
    }
    const page = this.viewportRows() - 1;
    const current = this.selected ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1, ArrowUp: Math.max(0, current - 1), PageDown: current + page, PageUp: Math.max(0, current - page), Home: 0, End: this.rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      this.choose(target);
    }
  }
}
