// A search in words, for pickers, the Saved Searches view and tooltips:
// "Last 24 hours · Delete, Upload · user alice · path /Finance/*". Free of `vscode`.
import * as l10n from '@vscode/l10n';
import { displayText } from '../activity/displayText';
import { formatTime } from '../activity/format';
import { failureOf, filteredFields, LOGS, orderText } from '../activity/logSchema';
import type { ActivityKind, ActivitySearch, SearchFilters, TimeRange, TimeRangePreset } from './search';

export function presetLabel(preset: TimeRangePreset): string {
  switch (preset) {
    case 'hour': return l10n.t('Last hour');
    case 'day': return l10n.t('Last 24 hours');
    case 'week': return l10n.t('Last 7 days');
    case 'month': return l10n.t('Last 30 days');
    case 'quarter': return l10n.t('Last 90 days');
  }
}

export function kindLabel(kind: ActivityKind): string {
  return kind === 'sessions' ? l10n.t('Session logs') : l10n.t('Webhook calls');
}

/** `timeZone` names the zone of a custom range's times (the shown one when absent). */
function rangeText(range: TimeRange, timeZone: string | undefined): string {
  return 'preset' in range ? presetLabel(range.preset) : `${formatTime(range.from, timeZone)} – ${formatTime(range.to, timeZone)}`;
}

/** Values a user typed or a log entry supplied: shown as one line of visible text. */
const shown = (value: string) => displayText(value, 120);

/** A preset in few characters, for a tab's title: "7 d". */
function shortPresetLabel(preset: TimeRangePreset): string {
  switch (preset) {
    case 'hour': return l10n.t('1 h');
    case 'day': return l10n.t('24 h');
    case 'week': return l10n.t('7 d');
    case 'month': return l10n.t('30 d');
    case 'quarter': return l10n.t('90 d');
  }
}

export function describeSearch(search: ActivitySearch, options: { timeZone?: string } = {}): string {
  return [rangeText(search.range, options.timeZone), ...describeFilters(search.kind, search.filters), ...orderTexts(search)].join(' · ');
}

/** A search in few words, for a panel's tab: its filters, then its range ("user alice · 7 d"). */
export function describeSearchBriefly(search: ActivitySearch, options: { timeZone?: string } = {}): string {
  const range = 'preset' in search.range ? shortPresetLabel(search.range.preset) : rangeText(search.range, options.timeZone);
  return [...describeFilters(search.kind, search.filters), ...orderTexts(search), range].join(' · ');
}

/** A search's filters in words, in the log's reading order: ["user alice", "status 4xx"]. */
export function describeFilters(kind: ActivityKind, searchFilters: SearchFilters): string[] {
  const parts: string[] = [];
  const filters = searchFilters as Record<string, string | string[] | undefined>;
  for (const { filter } of filteredFields(LOGS[kind])) {
    const value = filters[filter.key];
    if (Array.isArray(value) && value.length > 0) {
      // Choices by name (a code the log does not know as itself), in the reader's alphabetical order.
      const names = new Map(filter.choices?.());
      parts.push(value.map((code) => (names.has(code) ? names.get(code)! : shown(code))).sort((a, b) => a.localeCompare(b)).join(', '));
    } else if (typeof value === 'string' && value !== '') {
      parts.push(filter.words.describe!(shown(value)));
    }
  }
  const failure = failureOf(LOGS[kind], filters[LOGS[kind].failure.key]);
  if (failure) {
    parts.push(failure.words.describe());
  }
  return parts;
}

/** The search's server order in words, when it asks for one: ["by Size, largest first"]. */
function orderTexts(search: ActivitySearch): string[] {
  const order = search.order && orderText(LOGS[search.kind], search.order);
  return order ? [l10n.t('by {0}', order)] : [];
}
