// The panel's charts: entries over time stacked by operation (webhook calls: by event, or success
// against failure) and the most frequent users, IPs, endpoints and statuses. Clicking a part of
// the picture narrows the search; so does Enter on the keyboard. Chart.js draws on a canvas: no
// eval and no style elements (the panel's CSP allows neither); colours come from VS Code's theme.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ActiveDataPoint, ChartDataset, TooltipItem } from 'chart.js';
import type { PanelColumn } from '../protocol';
import type { ActivityKind } from '../../search/search';
import type { Series, TimeBins, TopValue } from './chartData';
import { inStoreOrder, timeBins, topValues } from './chartData';
import { h } from './dom';
import type { RowStore } from './rowStore';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
// A million rows re-counted while a search streams in: no tweening between updates.
Chart.defaults.animation = false;

/**
 * What a click (or Enter) on a chart asks of the search. `key` names a field of SessionFilters or
 * WebhookFilters. For `types` the value is the operation's NAME as the operation column shows it
 * ("Upload"), not its API code: the caller maps names back to codes. For `events` it is the event
 * as the event column shows it (its code, "resources.upload"); for `status` a status code ("404").
 * Values are the table's cells, so a value the table cut short (over 300 characters) or whose
 * invisible characters it made visible will not match the log as sent.
 */
export type Narrowing =
  | { kind: 'range'; from: number; to: number }
  | { kind: 'filter'; key: 'types' | 'events' | 'username' | 'ipAddress' | 'endpointUrl' | 'status'; value: string };

type FilterKey = Extract<Narrowing, { kind: 'filter' }>['key'];
type Strings = Record<string, string>;
type Stacking = 'series' | 'outcomes';

interface Palette {
  foreground: string;
  lines: string;
  series: string[];
  success: string;
  failure: string;
  unknown: string;
  focus: string;
  contrast: string;
  hoverBackground: string;
  hoverForeground: string;
  hoverBorder: string;
  font: string;
}

function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const foreground = css('--vscode-charts-foreground', css('--vscode-foreground', '#cccccc'));
  const lines = css('--vscode-charts-lines', 'rgba(128, 128, 128, 0.5)');
  const blue = css('--vscode-charts-blue', '#3794ff');
  const green = css('--vscode-charts-green', '#89d185');
  const orange = css('--vscode-charts-orange', '#d18616');
  const purple = css('--vscode-charts-purple', '#b180d7');
  const yellow = css('--vscode-charts-yellow', '#cca700');
  const red = css('--vscode-charts-red', '#f14c4c');
  return {
    foreground,
    lines,
    series: [blue, orange, green, purple, yellow, red],
    success: green,
    failure: red,
    unknown: lines,
    focus: css('--vscode-focusBorder', foreground),
    contrast: css('--vscode-contrastBorder', ''),
    hoverBackground: css('--vscode-editorHoverWidget-background', 'rgba(0, 0, 0, 0.8)'),
    hoverForeground: css('--vscode-editorHoverWidget-foreground', foreground),
    hoverBorder: css('--vscode-editorHoverWidget-border', lines),
    font: css('--vscode-font-family', 'sans-serif'),
  };
}

/** A localized string with `{0}`, `{1}`... filled in. */
function format(template: string | undefined, ...values: (string | number)[]): string {
  return (template ?? '').replace(/\{(\d)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? match : typeof value === 'number' ? value.toLocaleString() : value;
  });
}

const pad = (value: number) => String(value).padStart(2, '0');
const day = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const clock = (date: Date, seconds: boolean) => `${pad(date.getHours())}:${pad(date.getMinutes())}${seconds ? `:${pad(date.getSeconds())}` : ''}`;
const DAY = 86_400_000;

/** Axis labels in the table's style (local time, year-month-day hour:minute), as short as the bins allow. */
function binLabels(data: TimeBins): string[] {
  const { bins, step } = data;
  if (bins.length === 0) {
    return [];
  }
  const first = new Date(bins[0]!.from);
  const last = new Date(bins[bins.length - 1]!.from);
  const oneDay = day(first) === day(last);
  const oneYear = first.getFullYear() === last.getFullYear();
  return bins.map(({ from }) => {
    const date = new Date(from);
    const date_ = oneYear ? day(date).slice(5) : day(date);
    if (step >= DAY) {
      return date_;
    }
    const time = clock(date, step < 60_000);
    return oneDay ? time : `${date_} ${time}`;
  });
}

/** A bin in full: "2026-11-20 12:00 – 12:05", or across days "2026-11-20 – 2026-11-21". */
function binText(from: number, to: number, step: number): string {
  const start = new Date(from);
  const end = new Date(to);
  if (step >= DAY) {
    return step === DAY ? day(start) : `${day(start)} – ${day(new Date(to - 1))}`;
  }
  const seconds = step < 60_000;
  return day(start) === day(end) || (end.getHours() === 0 && end.getMinutes() === 0 && end.getSeconds() === 0 && to - from <= DAY)
    ? `${day(start)} ${clock(start, seconds)} – ${clock(end, seconds)}`
    : `${day(start)} ${clock(start, seconds)} – ${day(end)} ${clock(end, seconds)}`;
}

interface TopSpec {
  column: string;
  key: FilterKey;
  title: string;
  /** Whether a value can become this filter. */
  narrowable?: (value: string) => boolean;
}

/** Characters kept at the end of a long value when its middle is cut. */
const TAIL = 14;

/** A list of the most frequent values as buttons with a bar behind each: readable (long URLs ellipsized, in full on hover), clickable, and one tab stop with arrow keys inside. */
class TopList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly items: { button: HTMLButtonElement; label: HTMLElement; count: HTMLElement; bar: HTMLElement; value: string }[] = [];
  private focused = 0;

  constructor(private readonly spec: TopSpec, private readonly columnIndex: number, private readonly strings: Strings, private readonly size: number, onNarrow: (narrowing: Narrowing) => void) {
    const id = `chart-top-${spec.column}`;
    this.list = h('div', { class: 'top-list', role: 'group', 'aria-labelledby': id });
    this.empty = h('p', { class: 'chart-empty' }, strings['chart.empty'] ?? '');
    for (let i = 0; i < size; i++) {
      const label = h('span', { class: 'top-label' });
      const count = h('span', { class: 'top-count' });
      const bar = h('span', { class: 'top-bar', 'aria-hidden': 'true' });
      const button = h('button', { type: 'button', class: 'top-item', tabindex: -1, hidden: true }, bar, label, count);
      const item = { button, label, count, bar, value: '' };
      button.addEventListener('click', () => onNarrow({ kind: 'filter', key: spec.key, value: item.value }));
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

  show(store: RowStore, rows: Uint32Array): void {
    const top = topValues(store, rows, this.columnIndex, this.size);
    this.render(top);
  }

  private render(top: TopValue[]): void {
    const most = top[0]?.count ?? 0;
    this.items.forEach((item, i) => {
      const entry = top[i];
      item.button.hidden = !entry;
      if (!entry) {
        return;
      }
      const shown = entry.value === '' ? this.strings['chart.none']! : entry.value;
      const narrowable = entry.value !== '' && (this.spec.narrowable?.(entry.value) ?? true);
      item.value = entry.value;
      // Long values (endpoint URLs) often differ only at the end: keep the end in view, cut the middle.
      const tail = shown.length > TAIL * 2 ? shown.slice(-TAIL) : '';
      item.label.replaceChildren(h('span', { class: 'top-head' }, tail ? shown.slice(0, -TAIL) : shown), ...(tail ? [h('span', { class: 'top-tail' }, tail)] : []));
      item.count.textContent = entry.count.toLocaleString();
      item.bar.style.width = `${most > 0 ? (100 * entry.count) / most : 0}%`;
      item.button.disabled = !narrowable;
      item.button.title = narrowable ? format(this.strings['chart.narrowTo'], shown) : shown;
      item.button.setAttribute('aria-label', format(this.strings['chart.topItem'], shown, entry.count));
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

/** Which bin (and which part of it, or -1 for the whole bin) the keyboard has chosen. */
interface Cursor {
  bin: number;
  part: number;
}

export class ActivityCharts {
  readonly element: HTMLElement;
  private readonly chart: Chart<'bar', number[], string>;
  private readonly canvas: HTMLCanvasElement;
  private readonly timeEmpty: HTMLElement;
  private readonly announce: HTMLElement;
  private readonly stackButtons: HTMLButtonElement[] = [];
  private readonly lists: TopList[];
  private readonly observer: MutationObserver;
  private palette = readPalette();
  private stacking: Stacking = 'series';
  private data: TimeBins | undefined;
  private range = { from: Number.NaN, to: Number.NaN };
  /** The series drawn, in dataset order. */
  private shown: Series[] = [];
  /** Colour slots by series key, kept while the key is shown so a series keeps its colour across updates. */
  private readonly slots = new Map<string, number>();
  private cursor: Cursor | undefined;
  /** The last update asked for while the charts were folded away, run when they open. */
  private pending: [RowStore, Uint32Array, { from: number; to: number }] | undefined;

  constructor(private readonly kind: ActivityKind, columns: PanelColumn[], private readonly strings: Strings, private readonly onNarrow: (narrowing: Narrowing) => void) {
    const indexOf = (id: string) => columns.findIndex((column) => column.id === id);
    const tops: TopSpec[] = kind === 'sessions'
      ? [
        { column: 'user', key: 'username', title: strings['chart.topUsers']! },
        { column: 'ip', key: 'ipAddress', title: strings['chart.topIps']! },
      ]
      : [
        { column: 'endpoint', key: 'endpointUrl', title: strings['chart.topEndpoints']! },
        { column: 'user', key: 'username', title: strings['chart.topUsers']! },
        // Only a code can be a status filter: "no answer (...)" cannot.
        { column: 'status', key: 'status', title: strings['chart.topStatuses']!, narrowable: (value) => /^\d{1,3}$/.test(value) },
      ];
    this.lists = tops.filter((spec) => indexOf(spec.column) >= 0).map((spec) => new TopList(spec, indexOf(spec.column), strings, 10, onNarrow));

    this.canvas = h('canvas', { tabindex: 0, role: 'img', 'aria-label': strings['chart.activity'], 'aria-describedby': 'chart-activity-hint' });
    this.timeEmpty = h('p', { class: 'chart-empty', hidden: true }, strings['chart.empty'] ?? '');
    this.announce = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    const heading = h('div', { class: 'chart-heading' }, h('h3', {}, strings['chart.activity']!));
    if (kind === 'webhooks') {
      const toggle = h('span', { class: 'chart-toggle', role: 'group', 'aria-label': strings['chart.stackBy'] });
      for (const [stacking, label] of [['series', strings['chart.byEvent']!], ['outcomes', strings['chart.byOutcome']!]] as const) {
        const button = h('button', { type: 'button', 'aria-pressed': stacking === this.stacking ? 'true' : 'false' }, label);
        button.dataset.stacking = stacking;
        button.addEventListener('click', () => this.stackBy(stacking));
        this.stackButtons.push(button);
        toggle.append(button);
      }
      heading.append(toggle);
    }
    const time = h('section', { class: 'chart chart-time' },
      heading,
      h('div', { class: 'chart-canvas' }, this.canvas),
      this.timeEmpty,
      h('p', { class: 'chart-hint', id: 'chart-activity-hint' }, strings['chart.activityHint'] ?? ''),
      this.announce);
    const details = h('details', { class: 'charts', open: true },
      h('summary', {}, strings['chart.title'] ?? ''),
      h('div', { class: 'chart-grid' }, time, ...this.lists.map((list) => list.element)));
    details.addEventListener('toggle', () => {
      if (details.open && this.pending) {
        this.update(...this.pending);
      }
    });
    this.element = details;

    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        // Hovering shows the whole bin; a click picks the part under the pointer (see click()).
        interaction: { mode: 'index', intersect: false },
        events: ['mousemove', 'mouseout', 'click'],
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 5 } },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { boxWidth: 10, boxHeight: 10 },
            // A legend entry narrows like a part of a bar; no hiding of series (the table would disagree).
            onClick: (_event, item) => {
              if (item.datasetIndex !== undefined) {
                this.narrowPart(item.datasetIndex, undefined);
              }
            },
          },
          tooltip: {
            filter: (item) => (item.parsed.y ?? 0) > 0,
            callbacks: {
              title: (items) => {
                const bin = items[0] && this.data?.bins[items[0].dataIndex];
                return bin && this.data ? binText(bin.from, bin.to, this.data.step) : '';
              },
              label: (item: TooltipItem<'bar'>) => `${item.dataset.label ?? ''}: ${(item.parsed.y ?? 0).toLocaleString()}`,
              footer: (items) => (items.length > 1 ? format(this.strings['chart.total'], items.reduce((sum, item) => sum + (item.parsed.y ?? 0), 0)) : ''),
            },
          },
        },
      },
    });
    this.applyPalette();
    this.canvas.addEventListener('click', (event) => this.click(event));
    this.canvas.addEventListener('mousemove', (event) => this.canvas.classList.toggle('pointing', this.target(event) !== undefined || this.overLegend(event)));
    this.canvas.addEventListener('keydown', (event) => this.key(event));
    this.canvas.addEventListener('blur', () => this.setCursor(undefined));

    // VS Code changes the theme by the body's class and the variables on <html>.
    this.observer = new MutationObserver(() => {
      this.palette = readPalette();
      this.applyPalette();
      this.render();
    });
    this.observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  /** Counts `rows` (the shown rows of `store`) again and redraws. `range` is the search's, in ms; a bound that is not finite means the rows' own extent. */
  update(store: RowStore, rows: Uint32Array, range: { from: number; to: number }): void {
    if (!(this.element as HTMLDetailsElement).open) {
      this.pending = [store, rows, range];
      return;
    }
    this.pending = undefined;
    this.range = range;
    // Put in store order once for all the counts (each would otherwise do it).
    const ordered = inStoreOrder(store, rows);
    this.data = timeBins(store, ordered, this.kind, range.from, range.to);
    for (const list of this.lists) {
      list.show(store, ordered);
    }
    this.render();
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart.destroy();
    this.pending = undefined;
  }

  private stackBy(stacking: Stacking): void {
    this.stacking = stacking;
    for (const button of this.stackButtons) {
      button.setAttribute('aria-pressed', button.dataset.stacking === stacking ? 'true' : 'false');
    }
    this.render();
  }

  private seriesLabel(series: Series): string {
    if (series.rest) {
      return this.strings['chart.other']!;
    }
    if (this.stacking === 'outcomes') {
      return this.strings[`chart.${series.key}`] ?? series.key;
    }
    return series.key === '' ? this.strings['chart.none']! : series.key;
  }

  private seriesColour(series: Series): string {
    const palette = this.palette;
    if (this.stacking === 'outcomes') {
      return series.key === 'success' ? palette.success : series.key === 'failure' ? palette.failure : palette.unknown;
    }
    if (series.rest) {
      return palette.lines;
    }
    return palette.series[(this.slots.get(series.key) ?? 0) % palette.series.length]!;
  }

  /** Keeps each shown key's colour; a new key takes the first colour no shown key has. */
  private assignSlots(series: Series[]): void {
    const keys = new Set(series.filter((s) => !s.rest).map((s) => s.key));
    for (const key of this.slots.keys()) {
      if (!keys.has(key)) {
        this.slots.delete(key);
      }
    }
    const taken = new Set(this.slots.values());
    let free = 0;
    for (const key of keys) {
      if (!this.slots.has(key)) {
        while (taken.has(free)) {
          free++;
        }
        this.slots.set(key, free);
        taken.add(free);
      }
    }
  }

  private render(): void {
    const data = this.data;
    const series = (this.stacking === 'outcomes' ? data?.outcomes : data?.series) ?? [];
    if (this.stacking === 'series') {
      this.assignSlots(series);
    }
    this.shown = series;
    const contrast = this.palette.contrast;
    const datasets: ChartDataset<'bar', number[]>[] = series.map((s) => {
      const colour = this.seriesColour(s);
      return {
        label: this.seriesLabel(s),
        data: s.counts,
        backgroundColor: colour,
        hoverBackgroundColor: colour,
        borderColor: contrast || colour,
        borderWidth: contrast ? 1 : 0,
        hoverBorderColor: this.palette.focus,
        hoverBorderWidth: 2,
        categoryPercentage: 0.9,
        barPercentage: 1,
      };
    });
    // Nothing stays active from the old datasets (Chart.js looks them up when it clears the hover).
    this.chart.setActiveElements([]);
    this.chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
    this.chart.data = { labels: data ? binLabels(data) : [], datasets };
    const total = data?.total ?? 0;
    this.timeEmpty.hidden = total > 0;
    this.canvas.setAttribute('aria-label', format(this.strings['chart.activityLabel'], total, data?.bins.length ?? 0));
    // The cursor may point past the new bins.
    if (this.cursor && (this.cursor.bin >= (data?.bins.length ?? 0) || this.cursor.part >= series.length)) {
      this.cursor = undefined;
    }
    this.chart.update('none');
    if (this.cursor) {
      this.setCursor(this.cursor, false);
    }
  }

  private applyPalette(): void {
    const palette = this.palette;
    const options = this.chart.options;
    options.color = palette.foreground;
    options.borderColor = palette.lines;
    options.font = { family: palette.font, size: 11 };
    for (const axis of ['x', 'y'] as const) {
      const scale = options.scales?.[axis];
      if (scale) {
        scale.ticks = { ...scale.ticks, color: palette.foreground };
        scale.grid = { ...scale.grid, color: palette.lines };
        scale.border = { ...scale.border, color: palette.lines };
      }
    }
    const tooltip = options.plugins?.tooltip;
    if (tooltip) {
      tooltip.backgroundColor = palette.hoverBackground;
      tooltip.titleColor = palette.hoverForeground;
      tooltip.bodyColor = palette.hoverForeground;
      tooltip.footerColor = palette.hoverForeground;
      tooltip.borderColor = palette.hoverBorder;
      tooltip.borderWidth = 1;
    }
    const legend = options.plugins?.legend;
    if (legend?.labels) {
      legend.labels.color = palette.foreground;
    }
  }

  /** The bin, and the part when the pointer is on one, under a mouse event; undefined outside the bars' columns. */
  private target(event: MouseEvent): Cursor | undefined {
    const data = this.data;
    const x = this.chart.scales.x;
    if (!data || !x || data.total === 0) {
      return undefined;
    }
    const rect = this.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const area = this.chart.chartArea;
    // The plot and the time labels below it; the legend handles its own clicks.
    if (px < area.left || px > area.right || py < area.top || py > x.bottom) {
      return undefined;
    }
    const part = this.chart.getElementsAtEventForMode(event, 'point', { intersect: true }, false)[0];
    if (part) {
      return { bin: part.index, part: part.datasetIndex };
    }
    const bin = x.getValueForPixel(px);
    return bin !== undefined && bin >= 0 && bin < data.bins.length ? { bin, part: -1 } : undefined;
  }

  private overLegend(event: MouseEvent): boolean {
    const legend = this.chart.legend;
    const rect = this.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    return !!legend && px >= legend.left && px <= legend.right && py >= legend.top && py <= legend.bottom;
  }

  private click(event: MouseEvent): void {
    const target = this.target(event);
    if (target) {
      this.narrow(target);
    }
  }

  /** A part of a bar narrows to its series (when a filter can say it) or else to its time; a bin narrows to its time. */
  private narrow(target: Cursor): void {
    if (target.part >= 0) {
      this.narrowPart(target.part, target.bin);
    } else {
      this.narrowBin(target.bin);
    }
  }

  private narrowPart(datasetIndex: number, bin: number | undefined): void {
    const series = this.shown[datasetIndex];
    if (!series) {
      return;
    }
    if (this.stacking === 'series' && !series.rest && series.key !== '') {
      this.onNarrow({ kind: 'filter', key: this.kind === 'sessions' ? 'types' : 'events', value: series.key });
    } else if (bin !== undefined) {
      this.narrowBin(bin);
    }
  }

  private narrowBin(index: number): void {
    const bin = this.data?.bins[index];
    if (!bin) {
      return;
    }
    // Within the search's range when the bin straddles its edge.
    const { from, to } = this.range;
    const start = Number.isFinite(from) ? Math.max(bin.from, from) : bin.from;
    const end = Number.isFinite(to) ? Math.min(bin.to, to) : bin.to;
    this.onNarrow(start < end ? { kind: 'range', from: start, to: end } : { kind: 'range', from: bin.from, to: bin.to });
  }

  private key(event: KeyboardEvent): void {
    const data = this.data;
    if (!data || data.total === 0) {
      return;
    }
    const bins = data.bins.length;
    const cursor = this.cursor;
    // Parts with entries in a bin, bottom (first dataset) to top.
    const parts = (bin: number) => this.shown.flatMap((series, i) => (series.counts[bin]! > 0 ? [i] : []));
    const lastWithData = () => {
      for (let bin = bins - 1; bin >= 0; bin--) {
        if (parts(bin).length > 0) {
          return bin;
        }
      }
      return bins - 1;
    };
    // Moving in time keeps the part chosen where that series has entries.
    const at = (bin: number): Cursor => ({ bin, part: cursor && cursor.part >= 0 && this.shown[cursor.part]!.counts[bin]! > 0 ? cursor.part : -1 });
    let next: Cursor | undefined;
    switch (event.key) {
      case 'ArrowRight': next = at(cursor ? Math.min(bins - 1, cursor.bin + 1) : lastWithData()); break;
      case 'ArrowLeft': next = at(cursor ? Math.max(0, cursor.bin - 1) : lastWithData()); break;
      case 'Home': next = at(0); break;
      case 'End': next = at(bins - 1); break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const bin = cursor?.bin ?? lastWithData();
        const inBin = parts(bin);
        const position = cursor ? inBin.indexOf(cursor.part) : -1;
        // Up climbs the stack from the whole bin to its lowest part; Down goes back to the whole bin.
        const to = event.key === 'ArrowUp' ? Math.min(inBin.length - 1, position + 1) : Math.max(-1, position - 1);
        next = { bin, part: to < 0 ? -1 : inBin[to]! };
        break;
      }
      case 'Enter':
      case ' ':
        if (cursor) {
          event.preventDefault();
          this.narrow(cursor);
        }
        return;
      case 'Escape':
        if (!cursor) {
          return;
        }
        next = undefined;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.setCursor(next);
  }

  /** Shows the keyboard's choice as the chart's hover (highlighted parts and their tooltip), and says it. */
  private setCursor(cursor: Cursor | undefined, speak = true): void {
    this.cursor = cursor;
    const data = this.data;
    let active: ActiveDataPoint[] = [];
    if (cursor && data) {
      active = cursor.part >= 0
        ? [{ datasetIndex: cursor.part, index: cursor.bin }]
        : this.shown.flatMap((series, datasetIndex) => (series.counts[cursor.bin]! > 0 ? [{ datasetIndex, index: cursor.bin }] : []));
    }
    const anchor = active.length > 0 ? this.chart.getDatasetMeta(active[active.length - 1]!.datasetIndex).data[cursor!.bin] : undefined;
    this.chart.setActiveElements(active);
    this.chart.tooltip?.setActiveElements(active, { x: anchor?.x ?? 0, y: anchor?.y ?? 0 });
    this.chart.update('none');
    if (speak) {
      this.announce.textContent = cursor && data ? this.describe(cursor, data) : '';
    }
  }

  private describe(cursor: Cursor, data: TimeBins): string {
    const bin = data.bins[cursor.bin]!;
    const when = binText(bin.from, bin.to, data.step);
    if (cursor.part >= 0) {
      const series = this.shown[cursor.part]!;
      return format(this.strings['chart.partEntries'], this.seriesLabel(series), when, series.counts[cursor.bin]!);
    }
    const parts = this.shown.filter((series) => series.counts[cursor.bin]! > 0)
      .map((series) => format(this.strings['chart.part'], this.seriesLabel(series), series.counts[cursor.bin]!));
    const total = this.shown.reduce((sum, series) => sum + series.counts[cursor.bin]!, 0);
    return [format(this.strings['chart.binEntries'], when, total), ...parts].join('; ');
  }
}
