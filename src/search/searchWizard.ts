// The palette's new search: a time range, then each optional filter and the server's order, in one multi-step quick input.
import * as vscode from 'vscode';
import { isNewestFirst, LOGS, NEWEST_FIRST_ORDER, orderKey, orderText, serverOrders, type FieldOrder } from '../activity/logSchema';
import { shownTimeZone } from '../activity/format';
import { askInput, askPick, kept, runSteps, type Step } from '../ui/inputSteps';
import { draftFilters, filterDraft } from './filterDraft';
import { filterSteps } from './filterSteps';
import { presetLabel } from './describeSearch';
import { customRange, parseDateInput, rangeEndError, rangeStartError } from './inputChecks';
import { settings } from '../settings';
import { closestPreset, TIME_RANGE_PRESETS, type ActivityKind, type ActivitySearch, type TimeRange, type TimeRangePreset } from './search';

interface ValueItem<T extends string = string> extends vscode.QuickPickItem {
  value: T;
}

export function searchTitle(kind: ActivityKind): string {
  return kind === 'sessions' ? vscode.l10n.t('Search Session Logs') : vscode.l10n.t('Search Webhook Calls');
}

type RangeChoice = TimeRangePreset | 'custom';

/** Asks for a new search of `kind`; undefined when the user cancels. */
export async function askSearch(kind: ActivityKind): Promise<ActivitySearch | undefined> {
  const title = searchTitle(kind);
  // The sidebar's window first: the same default range everywhere.
  const draft = { range: closestPreset(settings.timeWindowMs()) as RangeChoice, from: '', to: '', order: NEWEST_FIRST_ORDER };
  const filters = filterDraft(kind, {});
  const orderItems = serverOrders(LOGS[kind]).map((order): ValueItem & { order: FieldOrder } => ({ label: orderText(LOGS[kind], order)!, value: orderKey(order), order }));
  const custom = () => draft.range === 'custom';
  const zone = shownTimeZone();
  const dateFormats = vscode.l10n.t('YYYY-MM-DD or YYYY-MM-DD HH:MM, or ISO 8601 with a zone');
  const rangeItems: ValueItem<RangeChoice>[] = [
    ...TIME_RANGE_PRESETS.map((preset) => ({ label: presetLabel(preset), value: preset })),
    { label: vscode.l10n.t('Custom range...'), description: vscode.l10n.t('from and to dates'), value: 'custom' },
  ];
  const steps: Step[] = [
    {
      ask: async (position) => kept(await askPick({
        title,
        placeholder: vscode.l10n.t('Time range (ExaVault keeps 90 days)'),
        items: rangeItems.map((item) => ({ ...item, picked: item.value === draft.range })),
      }, position), ([item]) => { draft.range = item!.value; }),
    },
    {
      applies: custom,
      ask: async (position) => kept(await askInput({
        title,
        prompt: vscode.l10n.t('Start of the range. A time without a zone is in {0}.', zone),
        placeholder: dateFormats,
        validate: (value) => rangeStartError(value, new Date()),
      }, position, draft.from), (value) => { draft.from = value; }),
    },
    {
      applies: custom,
      ask: async (position) => kept(await askInput({
        title,
        prompt: vscode.l10n.t('End of the range. A time without a zone is in {0}.', zone),
        placeholder: vscode.l10n.t('{0}. Leave empty for now', dateFormats),
        validate: (value) => rangeEndError(value, parseDateInput(draft.from)!, new Date()),
      }, position, draft.to), (value) => { draft.to = value; }),
    },
    ...filterSteps(kind, title, filters),
    {
      ask: async (position) => kept(await askPick({
        title,
        placeholder: vscode.l10n.t('Order: the server sorts every entry of the range this way, and the panel loads them in it'),
        items: orderItems.map((item) => ({ ...item, picked: item.value === orderKey(draft.order) })),
      }, position), ([item]) => { draft.order = item!.order; }),
    },
  ];
  if (!(await runSteps(steps))) {
    return undefined;
  }
  const range: TimeRange = draft.range === 'custom' ? customRange(draft.from, draft.to, new Date()) : { preset: draft.range };
  return { kind, range, filters: draftFilters(kind, filters), ...(isNewestFirst(draft.order) ? {} : { order: draft.order }) } as ActivitySearch;
}
