// The charts' entries over time, stacked by operation (webhook calls: by event, or success against
// failure). Clicking a part of the picture narrows the search; so does Enter on the keyboard.
// Chart.js draws on a canvas: no eval and no style elements (the panel's CSP allows neither);
// colours come from VS Code's theme.
import { choiceField, LOGS } from '../../activity/logSchema';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ActiveDataPoint, ChartDataset, TooltipItem } from 'chart.js';
import type { ActivityKind } from '../../search/search';
import type { Series, TimeBins } from './chartData';
import { shownTimeZone } from '../../activity/format';
import { timeBins } from './chartData';
import { moveCursor, type Cursor } from './chartCursor';
import { ColourSlots, observeTheme, readPalette } from './chartPalette';
import { h } from './dom';
import { needsEdge } from './colourContrast';
import { counted, format } from './format';
import type { Narrowing } from './narrowing';
import type { RowStore } from './rowStore';
import { binLabels, binText } from './timeLabels';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
// A million rows re-counted while a search streams in: no tweening between updates.
Chart.defaults.animation = false;

type Strings = Record<string, string>;
type Stacking = 'series' | 'outcomes';

export class TimeChart {
  readonly element: HTMLElement;
  private readonly chart: Chart<'bar', number[], string>;
  private readonly canvas: HTMLCanvasElement;
  private readonly timeEmpty: HTMLElement;
  private readonly announce: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly stackButtons: HTMLButtonElement[] = [];
  private readonly observer: MutationObserver;
  private palette = readPalette();
  private stacking: Stacking = 'series';
  private data: TimeBins | undefined;
  private range = { from: Number.NaN, to: Number.NaN };
  /** The series drawn, in dataset order. */
  private shown: Series[] = [];
  private readonly slots = new ColourSlots();
  private cursor: Cursor | undefined;

  constructor(private readonly kind: ActivityKind, private readonly strings: Strings, private readonly onNarrow: (narrowing: Narrowing) => void) {
    this.canvas = h('canvas', { tabindex: 0, role: 'img', 'aria-label': strings['chart.activity'], 'aria-describedby': 'chart-activity-hint' });
    this.timeEmpty = h('p', { class: 'chart-empty', hidden: true }, strings['chart.empty'] ?? '');
    this.announce = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.hint = h('p', { class: 'chart-hint', id: 'chart-activity-hint' }, strings['chart.activityHint'] ?? '');
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
    this.element = h('section', { class: 'chart chart-time' },
      heading,
      h('div', { class: 'chart-canvas' }, this.canvas),
      this.timeEmpty,
      this.hint,
      this.announce);

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
                return bin && this.data ? binText(bin.from, bin.to, this.data.step, shownTimeZone()) : '';
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

    this.observer = observeTheme(() => {
      this.palette = readPalette();
      this.applyPalette();
      this.render();
    });
  }

  /** Counts `rows` (shown rows of `store`, in store order) again and redraws. `range` is the search's, in ms; a bound that is not finite means the rows' own extent. */
  show(store: RowStore, rows: Uint32Array, range: { from: number; to: number }): void {
    this.range = range;
    this.data = timeBins(store, rows, this.kind, range.from, range.to, undefined, { timeZone: shownTimeZone() });
    this.render();
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart.destroy();
  }

  private stackBy(stacking: Stacking): void {
    this.stacking = stacking;
    for (const button of this.stackButtons) {
      button.setAttribute('aria-pressed', button.dataset.stacking === stacking ? 'true' : 'false');
    }
    this.hint.textContent = this.strings[stacking === 'outcomes' ? 'chart.outcomeHint' : 'chart.activityHint'] ?? '';
    this.render();
  }

  private seriesLabel(series: Series): string {
    if (series.failed) {
      return this.strings['chart.failed']!;
    }
    if (series.rest) {
      return this.strings['chart.other']!;
    }
    if (this.stacking === 'outcomes') {
      return this.strings[`chart.${series.key}`] ?? series.key;
    }
    return series.key === '' ? this.strings['chart.none']! : series.label ?? series.key;
  }

  private seriesColour(series: Series): string {
    const palette = this.palette;
    if (this.stacking === 'outcomes') {
      return series.key === 'success' ? palette.success : series.key === 'failure' ? palette.failure : palette.unknown;
    }
    if (series.failed) {
      return palette.failure;
    }
    if (series.rest) {
      return palette.lines;
    }
    return palette.series[this.slots.of(series.key) % palette.series.length]!;
  }

  private render(): void {
    const data = this.data;
    const series = (this.stacking === 'outcomes' ? data?.outcomes : data?.series) ?? [];
    if (this.stacking === 'series') {
      this.slots.assign(series);
    }
    this.shown = series;
    const { contrast, foreground, background } = this.palette;
    const datasets: ChartDataset<'bar', number[]>[] = series.map((s) => {
      const colour = this.seriesColour(s);
      // A high-contrast theme's border on every bar; else an edge in the text colour on a colour too faint for the theme.
      const edge = contrast || (needsEdge(colour, background) ? foreground : '');
      return {
        label: this.seriesLabel(s),
        data: s.counts,
        backgroundColor: colour,
        hoverBackgroundColor: colour,
        borderColor: edge || colour,
        borderWidth: edge ? 1 : 0,
        hoverBorderColor: this.palette.focus,
        hoverBorderWidth: 2,
        categoryPercentage: 0.9,
        barPercentage: 1,
      };
    });
    // Nothing stays active from the old datasets (Chart.js looks them up when it clears the hover).
    this.chart.setActiveElements([]);
    this.chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
    this.chart.data = { labels: data ? binLabels(data, shownTimeZone()) : [], datasets };
    const total = data?.total ?? 0;
    this.timeEmpty.hidden = total > 0;
    this.canvas.setAttribute('aria-label', format(this.strings['chart.activityLabel'], counted(this.strings, 'entries', total), counted(this.strings, 'bars', data?.bins.length ?? 0)));
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

  /** A part of a bar narrows to its series (failures, or a value a filter can say) or else to its time; a bin narrows to its time. */
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
    if (series.failed || (this.stacking === 'outcomes' && series.key === 'failure')) {
      this.onNarrow({ kind: 'failed' });
    } else if (this.stacking === 'series' && !series.rest && series.key !== '') {
      this.onNarrow({ kind: 'filter', key: choiceField(LOGS[this.kind]).filter.key, value: series.key });
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
    if (event.key === 'Enter' || event.key === ' ') {
      if (this.cursor) {
        event.preventDefault();
        this.narrow(this.cursor);
      }
      return;
    }
    const next = moveCursor(event.key, this.cursor, this.shown, data.bins.length);
    if (next !== 'ignored') {
      event.preventDefault();
      this.setCursor(next);
    }
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
    const when = binText(bin.from, bin.to, data.step, shownTimeZone());
    if (cursor.part >= 0) {
      const series = this.shown[cursor.part]!;
      return format(this.strings['chart.partEntries'], this.seriesLabel(series), when, counted(this.strings, 'entries', series.counts[cursor.bin]!));
    }
    const parts = this.shown.filter((series) => series.counts[cursor.bin]! > 0)
      .map((series) => format(this.strings['chart.part'], this.seriesLabel(series), series.counts[cursor.bin]!));
    const total = this.shown.reduce((sum, series) => sum + series.counts[cursor.bin]!, 0);
    return [format(this.strings['chart.binEntries'], when, counted(this.strings, 'entries', total)), ...parts].join('; ');
  }
}
