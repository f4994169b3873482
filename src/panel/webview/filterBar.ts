// The filter bar: every server-side filter of the panel's log, and the server's order. A change runs the search again
// (the extension cancels the one in flight); the custom range is checked before anything is sent.
import { shownTimeZone } from '../../activity/format';
import { choiceField, failureChoices, isNewestFirst, LOGS, orderKey, serverOrders, typedFilterFields, type FailureValue, type FieldOrder } from '../../activity/logSchema';
import { TIME_RANGE_PRESETS, type ActivityKind, type ActivitySearch, type TimeRange, type TimeRangePreset } from '../../search/search';
import { h } from './dom';
import { fromZoneInput, rezoneInput, toZoneInput } from './zoneInput';

type Strings = Record<string, string>;


interface TextFilter {
  key: string;
  label: string;
  placeholder: string;
  pattern?: RegExp;
  invalid?: string;
}

export class FilterBar {
  readonly element: HTMLFormElement;
  private readonly range: HTMLSelectElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly rangeError: HTMLElement;
  private readonly rangeZone: HTMLElement;
  private readonly choiceBoxes: HTMLInputElement[] = [];
  private readonly choiceSummary: HTMLElement;
  private readonly inputs = new Map<string, HTMLInputElement>();
  /** Text filters typed in since the last search was sent: a search starting now must not wipe them (they go with the next). */
  private readonly typed = new Set<string>();
  /** The log description's failure filter: every entry, every failure ("Failed only"), or a kind of failure. */
  private readonly failures: HTMLSelectElement;
  /** Each of its options' values, by the option's value; "" is no failure filter. */
  private readonly failureValues = new Map<string, FailureValue>();
  private readonly failedKey: string;
  /** The order the server sorts the search in: newest first, or a field's order ("-size"). */
  private readonly order: HTMLSelectElement;
  /** Each of its options' orders, by value; newest first is no order at all. */
  private readonly orders = new Map<string, FieldOrder>();
  private readonly textFilters: TextFilter[];
  /** The ticked choices of the search last sent. */
  private sentChoices = '';
  private submitTimer: ReturnType<typeof setTimeout> | undefined;

  /** The filter the choice list sets: operation types or events. */
  private readonly choiceKey: string;

  constructor(private readonly kind: ActivityKind, search: ActivitySearch, choices: [string, string][], private readonly strings: Strings, private readonly onSearch: (search: ActivitySearch) => void) {
    this.choiceKey = choiceField(LOGS[kind]).filter.key;
    this.failedKey = LOGS[kind].failure.key;
    const failureOptions = failureChoices(LOGS[kind]);
    failureOptions.forEach(({ value }) => this.failureValues.set(String(value), value));
    this.failures = h('select', { id: `filter-${this.failedKey}` },
      h('option', { value: '' }, strings['failure.none']!),
      ...failureOptions.map(({ value }) => h('option', { value: String(value) }, strings[`failure.${String(value)}`]!)));
    this.textFilters = typedFilterFields(LOGS[kind]).map(({ filter }) => ({
      key: filter.key, label: strings[`filter.${filter.key}`]!, placeholder: strings[`filter.${filter.key}.any`]!, pattern: filter.pattern, invalid: strings.statusInvalid,
    }));
    const choiceLabel = strings[`filter.${this.choiceKey}`]!;
    this.range = h('select', { id: 'range', 'aria-label': strings.timeRange },
      ...TIME_RANGE_PRESETS.map((preset) => h('option', { value: preset }, strings[`range.${preset}`]!)),
      h('option', { value: 'custom' }, strings['range.custom']!));
    const bound = { type: 'text', placeholder: strings.timePlaceholder, spellcheck: 'false', autocomplete: 'off', class: 'time-input' };
    this.from = h('input', { ...bound, id: 'from', 'aria-label': strings.from });
    this.to = h('input', { ...bound, id: 'to', 'aria-label': strings.to });
    this.rangeError = h('span', { class: 'error', role: 'alert', id: 'range-error' });
    this.rangeZone = h('span', { class: 'zone', id: 'range-zone' });
    this.from.setAttribute('aria-describedby', 'range-zone');
    this.to.setAttribute('aria-describedby', 'range-zone');
    this.choiceSummary = h('span', { class: 'choice-summary', id: 'choice-summary' });
    const orders = serverOrders(LOGS[kind]);
    orders.filter((order) => !isNewestFirst(order)).forEach((order) => this.orders.set(orderKey(order), order));
    this.order = h('select', { id: 'order', 'aria-label': strings.order },
      ...orders.map((order) => h('option', { value: isNewestFirst(order) ? '' : orderKey(order) }, strings[`order.${orderKey(order)}`]!)));
    const choiceList = h('div', { class: 'choice-list', role: 'group', 'aria-label': choiceLabel },
      ...choices.map(([value, label]) => {
        const box = h('input', { type: 'checkbox', value });
        this.choiceBoxes.push(box);
        return h('label', {}, box, h('span', {}, label), h('span', { class: 'code' }, value === label ? '' : value));
      }));
    // Labelled above, like the other fields; the summary reads as the label and what is chosen.
    const choicePicker = h('details', { class: 'choices' }, h('summary', { 'aria-labelledby': 'choice-label choice-summary' }, this.choiceSummary), choiceList);
    this.element = h('form', { class: 'filter-bar', role: 'search', 'aria-label': strings.filters },
      h('div', { class: 'field' }, h('label', { for: 'range' }, strings.timeRange!), this.range),
      h('div', { class: 'field custom-range' }, h('label', { for: 'from' }, strings.from!), this.from, h('label', { for: 'to' }, strings.to!), this.to, this.rangeZone, this.rangeError),
      h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'choice-label' }, choiceLabel), choicePicker),
      ...this.textFilters.map((filter) => {
        const input = h('input', { type: 'text', id: `filter-${filter.key}`, placeholder: filter.placeholder, spellcheck: 'false', autocomplete: 'off' });
        this.inputs.set(filter.key, input);
        input.addEventListener('input', () => this.typed.add(filter.key));
        const field = h('div', { class: 'field' }, h('label', { for: `filter-${filter.key}` }, filter.label), input);
        if (filter.pattern) {
          // Said under the field, as VS Code's own inputs say it, not in the browser's bubble.
          input.setAttribute('aria-describedby', `filter-${filter.key}-error`);
          field.append(h('span', { class: 'error', id: `filter-${filter.key}-error`, 'aria-live': 'polite' }));
        }
        return field;
      }),
      h('div', { class: 'field' }, h('label', { for: `filter-${this.failedKey}` }, strings.failures!), this.failures),
      h('div', { class: 'field' }, h('label', { for: 'order' }, strings.order!), this.order),
      h('button', { type: 'submit', class: 'primary' }, strings.search!));
    this.show(search);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.element.addEventListener('change', (event) => {
      if (event.target === this.range) {
        this.showCustomRange();
      }
      this.updateChoiceSummary();
      // A custom range waits for both bounds, and ticks in the list for the list to close (or Search).
      const waits = event.target === this.from || event.target === this.to || (event.target === this.range && this.range.value === 'custom')
        || this.choiceBoxes.includes(event.target as HTMLInputElement);
      if (!waits) {
        this.submit();
      }
    });
    choicePicker.addEventListener('toggle', () => {
      if (!choicePicker.open && this.chosenChanged()) {
        this.submit();
      }
    });
    // Like a drop-down: a click elsewhere closes it (and so runs the search if the ticks changed).
    document.addEventListener('pointerdown', (event) => {
      if (choicePicker.open && !choicePicker.contains(event.target as Node)) {
        choicePicker.open = false;
      }
    });
    choicePicker.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && choicePicker.open) {
        event.preventDefault();
        choicePicker.open = false;
        choicePicker.querySelector('summary')?.focus();
      }
    });
  }

  /** Puts a search's values into the controls, a custom range's times in the zone times are shown in. */
  show(search: ActivitySearch): void {
    const { range } = search;
    this.rangeZone.textContent = shownTimeZone();
    this.range.value = 'preset' in range ? range.preset : 'custom';
    if (!('preset' in range)) {
      this.from.value = toZoneInput(range.from);
      this.to.value = toZoneInput(range.to);
    }
    const filters = search.filters as Record<string, string | string[] | undefined>;
    const chosen = new Set(filters[this.choiceKey] ?? []);
    for (const box of this.choiceBoxes) {
      box.checked = chosen.has(box.value);
    }
    for (const [key, input] of this.inputs) {
      if (!this.typed.has(key)) {
        input.value = typeof filters[key] === 'string' ? filters[key] : '';
      }
    }
    const failed = (search.filters as Record<string, unknown>)[this.failedKey];
    this.failures.value = failed === undefined ? '' : String(failed);
    this.order.value = search.order ? orderKey(search.order) : '';
    this.showCustomRange();
    this.updateChoiceSummary();
    this.sentChoices = this.chosen().join(',');
  }

  /**
   * Names the zone times are shown in now (they were in `previous`) beside the custom range, whose bounds
   * keep the moments they named, typed or not yet sent: nothing else in the bar changes.
   */
  showZoneChange(previous: string): void {
    this.rangeZone.textContent = shownTimeZone();
    for (const input of [this.from, this.to]) {
      input.value = rezoneInput(input.value, previous, shownTimeZone());
    }
  }

  private chosen(): string[] {
    return this.choiceBoxes.filter((box) => box.checked).map((box) => box.value);
  }

  private chosenChanged(): boolean {
    return this.chosen().join(',') !== this.sentChoices;
  }

  private showCustomRange(): void {
    const custom = this.range.value === 'custom';
    (this.from.parentElement as HTMLElement).hidden = !custom;
    if (custom && !this.from.value) {
      const now = Date.now();
      this.from.value = toZoneInput(now - 86_400_000);
      this.to.value = toZoneInput(now);
    }
  }

  private updateChoiceSummary(): void {
    const chosen = this.chosen();
    this.choiceSummary.textContent = chosen.length === 0 ? this.strings[`filter.${this.choiceKey}.any`]! : chosen.join(', ');
  }

  private readRange(): TimeRange | undefined {
    this.rangeError.textContent = '';
    if (this.range.value !== 'custom') {
      return { preset: this.range.value as TimeRangePreset };
    }
    const from = fromZoneInput(this.from.value);
    const to = fromZoneInput(this.to.value);
    if (Number.isNaN(from) || Number.isNaN(to)) {
      this.rangeError.textContent = this.strings.rangeIncomplete!;
      return undefined;
    }
    if (from >= to) {
      this.rangeError.textContent = this.strings.rangeOrder!;
      return undefined;
    }
    return { from, to };
  }

  /**
   * Runs the search once for one gesture: Enter in a changed field fires `change` and then `submit` in
   * the same task, and each search spends API calls.
   */
  private submit(): void {
    this.submitTimer ??= setTimeout(() => {
      this.submitTimer = undefined;
      this.submitNow();
    }, 0);
  }

  private submitNow(): void {
    const range = this.readRange();
    let valid = range !== undefined;
    const values: Record<string, string | string[] | true | undefined> = { [this.failedKey]: this.failureValues.get(this.failures.value) };
    for (const filter of this.textFilters) {
      const input = this.inputs.get(filter.key)!;
      const value = input.value.trim();
      const bad = value !== '' && filter.pattern !== undefined && !filter.pattern.test(value);
      input.setAttribute('aria-invalid', String(bad));
      const error = input.parentElement?.querySelector<HTMLElement>('.error');
      if (error) {
        error.textContent = bad ? filter.invalid ?? '' : '';
      }
      if (bad) {
        input.focus();
        valid = false;
      }
      values[filter.key] = value || undefined;
    }
    if (!valid || !range) {
      return;
    }
    const chosen = this.chosen();
    this.sentChoices = chosen.join(',');
    values[this.choiceKey] = chosen.length > 0 ? chosen : undefined;
    const filters = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    const order = this.orders.get(this.order.value);
    this.typed.clear();
    this.onSearch({ kind: this.kind, range, filters, ...(order ? { order } : {}) } as ActivitySearch);
  }
}
