// The palette's new search: a time range, then each optional filter and the server's order, in one multi-step quick input.
import * as vscode from 'vscode';
import { choiceField, failureChoices, isNewestFirst, LOGS, NEWEST_FIRST_ORDER, orderKey, orderText, serverOrders, typedFilterFields, type FailureValue, type FieldOrder, type FilteredField } from '../activity/logSchema';
import { shownTimeZone } from '../activity/format';
import { askInput, askPick, BACK, runSteps, type Asked, type Step } from '../ui/inputSteps';
import { presetLabel } from './describeSearch';
import { customRange, FILTER_CHECKS, parseDateInput, rangeEndError, rangeStartError } from './inputChecks';
import { settings } from '../settings';
import { closestPreset, TIME_RANGE_PRESETS, type ActivityKind, type ActivitySearch, type TimeRange, type TimeRangePreset } from './search';

interface ValueItem<T extends string = string> extends vscode.QuickPickItem {
  value: T;
}

/** An item of the choice step: a choice's code, or one of the log's failure filters ("Failed only"). */
interface ChoiceItem extends ValueItem {
  failure?: FailureValue;
}

export function searchTitle(kind: ActivityKind): string {
  return kind === 'sessions' ? vscode.l10n.t('Search Session Logs') : vscode.l10n.t('Search Webhook Calls');
}

type RangeChoice = TimeRangePreset | 'custom';

/** Passes a step's answer on, once `keep` has kept it (when it is an answer). */
function kept<T>(answer: Asked<T>, keep: (value: T) => void): Asked<T> {
  if (answer !== undefined && answer !== BACK) {
    keep(answer);
  }
  return answer;
}

/** Asks for a new search of `kind`; undefined when the user cancels. */
export async function askSearch(kind: ActivityKind): Promise<ActivitySearch | undefined> {
  const title = searchTitle(kind);
  const pick = choiceField(LOGS[kind]).filter;
  // A choice whose name is its code (an event) shows once.
  const pickItems: ChoiceItem[] = pick.choices!().map(([code, name]) => ({ label: name, description: name === code ? undefined : code, value: code }));
  // The failure filters go with the choices (they narrow what those load), apart from them.
  const failure = LOGS[kind].failure;
  const failureItems: ChoiceItem[] = [
    { label: '', kind: vscode.QuickPickItemKind.Separator, value: '' },
    ...failureChoices(LOGS[kind]).map(({ value, words }): ChoiceItem => ({ label: `$(error) ${words.label()}`, description: words.describe(), value: '', failure: value })),
  ];
  const texts = typedFilterFields(LOGS[kind]).map((field: FilteredField) => field.filter);
  // The sidebar's window first: the same default range everywhere.
  const draft = {
    range: closestPreset(settings.timeWindowMs()) as RangeChoice, from: '', to: '', picked: [] as string[], failure: undefined as FailureValue | undefined, texts: {} as Record<string, string>,
    order: NEWEST_FIRST_ORDER,
  };
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
    {
      ask: async (position) => kept(await askPick({
        title,
        placeholder: pick.words.placeholder(),
        canPickMany: true,
        items: [
          ...pickItems.map((item) => ({ ...item, picked: draft.picked.includes(item.value) })),
          ...failureItems.map((item) => ({ ...item, picked: item.failure !== undefined && item.failure === draft.failure })),
        ],
      }, position), (items) => {
        draft.picked = items.filter((item) => item.failure === undefined).map((item) => item.value);
        // Both picked: the narrower kind, which keeps only what every failure keeps too.
        draft.failure = items.filter((item) => item.failure !== undefined).at(-1)?.failure;
      }),
    },
    ...texts.map((text): Step => ({
      ask: async (position) => kept(await askInput({
        title, prompt: text.words.prompt(), placeholder: text.words.placeholder(), validate: text.check && FILTER_CHECKS[text.check],
      }, position, draft.texts[text.key]),
        (value) => { draft.texts[text.key] = value; }),
    })),
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
  const filters = Object.fromEntries([
    [pick.key, draft.picked] as const,
    ...texts.map((text) => [text.key, (text.normalize ?? ((value: string) => value.trim()))(draft.texts[text.key] ?? '')] as const),
  ].filter(([, value]) => value.length > 0));
  if (draft.failure !== undefined) {
    filters[failure.key] = draft.failure;
  }
  return { kind, range, filters, ...(isNewestFirst(draft.order) ? {} : { order: draft.order }) } as ActivitySearch;
}
