// The steps that ask for a log's filters, as the log description defines them: its choices (with
// "Failed only"), then each typed filter with its check. The palette's new search asks them after a
// time range; a sidebar view's "Filter..." asks them alone, starting from the view's filters.
import * as vscode from 'vscode';
import { choiceField, failureChoices, LOGS, typedFilterFields, type FailureValue } from '../activity/logSchema';
import { draftFilters, filterDraft, type FilterDraft } from './filterDraft';
import { askInput, askPick, kept, runSteps, type Step } from '../ui/inputSteps';
import { FILTER_CHECKS } from './inputChecks';
import type { ActivityKind, SearchFilters } from './search';

interface ChoiceItem extends vscode.QuickPickItem {
  value: string;
  /** One of the log's failure filters ("Failed only", "No answer only"), apart from the choices. */
  failure?: FailureValue;
}

/** The steps asking for the filters of `kind`, each starting from the draft's answer. */
export function filterSteps(kind: ActivityKind, title: string, draft: FilterDraft): Step[] {
  const pick = choiceField(LOGS[kind]).filter;
  // A choice whose name is its code (an event) shows once.
  const pickItems: ChoiceItem[] = pick.choices!().map(([code, name]) => ({ label: name, description: name === code ? undefined : code, value: code }));
  // The failure filters go with the choices (they narrow what those load), apart from them.
  const failureItems: ChoiceItem[] = [
    { label: '', kind: vscode.QuickPickItemKind.Separator, value: '' },
    ...failureChoices(LOGS[kind]).map(({ value, words }): ChoiceItem => ({ label: `$(error) ${words.label()}`, description: words.describe(), value: '', failure: value })),
  ];
  return [
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
    ...typedFilterFields(LOGS[kind]).map(({ filter }): Step => ({
      ask: async (position) => kept(await askInput({
        title, prompt: filter.words.prompt(), placeholder: filter.words.placeholder(), validate: filter.check && FILTER_CHECKS[filter.check],
      }, position, draft.texts[filter.key]),
        (value) => { draft.texts[filter.key] = value; }),
    })),
  ];
}

/** Asks for the filters of `kind`, starting from `current`; undefined when the user cancels. */
export async function askFilters(kind: ActivityKind, title: string, current: SearchFilters): Promise<SearchFilters | undefined> {
  const draft = filterDraft(kind, current);
  return (await runSteps(filterSteps(kind, title, draft))) ? draftFilters(kind, draft) : undefined;
}
