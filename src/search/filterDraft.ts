// A log's filters while they are asked for, step by step (see filterSteps), and back. Free of `vscode`.
import { choiceField, failureOf, LOGS, typedFilterFields, type FailureValue } from '../activity/logSchema';
import type { ActivityKind, SearchFilters } from './search';

/** The answers so far: the choices' codes, the failure filter ("Failed only", "No answer only"), and each typed filter's text by its key. */
export interface FilterDraft {
  picked: string[];
  failure: FailureValue | undefined;
  texts: Record<string, string>;
}

/** A draft holding `filters`, to be changed. */
export function filterDraft(kind: ActivityKind, filters: SearchFilters): FilterDraft {
  const values = filters as Record<string, FailureValue | string[] | undefined>;
  const log = LOGS[kind];
  const picked = values[choiceField(log).filter.key];
  return {
    picked: Array.isArray(picked) ? [...picked] : [],
    failure: failureOf(log, values[log.failure.key]) ? values[log.failure.key] as FailureValue : undefined,
    texts: Object.fromEntries(typedFilterFields(log).map(({ filter }) => [filter.key, String(values[filter.key] ?? '')])),
  };
}

/** The filters the draft's answers set: only those with a value. */
export function draftFilters(kind: ActivityKind, draft: FilterDraft): SearchFilters {
  const log = LOGS[kind];
  const filters: Record<string, FailureValue | string[]> = Object.fromEntries([
    [choiceField(log).filter.key, draft.picked] as const,
    ...typedFilterFields(log).map(({ filter }) => [filter.key, (filter.normalize ?? ((value: string) => value.trim()))(draft.texts[filter.key] ?? '')] as const),
  ].filter(([, value]) => value.length > 0));
  if (draft.failure !== undefined) {
    filters[log.failure.key] = draft.failure;
  }
  return filters;
}
