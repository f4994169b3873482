// The steps that ask for a log's filters, as the log description defines them: its choices (with
// "Failed only"), then each typed filter with its check. The palette's new search asks them after a
// time range; a sidebar view's "Filter..." asks them alone, starting from the view's filters.
import * as vscode from 'vscode';
import { choiceField, LOGS, typedFilterFields } from '../activity/logSchema';
import { draftFilters, filterDraft, type FilterDraft } from './filterDraft';
import { askInput, askPick, kept, runSteps, type Step } from '../ui/inputSteps';
import { FILTER_CHECKS } from './inputChecks';
import type { ActivityKind, SearchFilters } from './search';

interface ChoiceItem extends vscode.QuickPickItem {
  value: string;
  /** The log's "Failed only", apart from the choices. */
  failedOnly?: true;
}

/** The steps asking for the filters of `kind`, each starting from the draft's answer. */
export function filterSteps(kind: ActivityKind, title: string, draft: FilterDraft): Step[] {
  const pick = choiceField(LOGS[kind]).filter;
  // A choice whose name is its code (an event) shows once.
  const pickItems: ChoiceItem[] = pick.choices!().map(([code, name]) => ({ label: name, description: name === code ? undefined : code, value: code }));
  // "Failed only" goes with the choices (it narrows what they load), apart from them.
  const failure = LOGS[kind].failure;
  const failureItems: ChoiceItem[] = [
    { label: '', kind: vscode.QuickPickItemKind.Separator, value: '' },
    { label: `$(error) ${failure.words.label()}`, description: failure.words.describe(), value: '', failedOnly: true },
  ];
  return [
    {
      ask: async (position) => kept(await askPick({
        title,
        placeholder: pick.words.placeholder(),
        canPickMany: true,
        items: [
          ...pickItems.map((item) => ({ ...item, picked: draft.picked.includes(item.value) })),
          ...failureItems.map((item) => ({ ...item, picked: item.failedOnly && draft.failedOnly })),
        ],
      }, position), (items) => {
        draft.picked = items.filter((item) => !item.failedOnly).map((item) => item.value);
        draft.failedOnly = items.some((item) => item.failedOnly);
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
