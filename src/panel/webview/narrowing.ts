// What the charts ask of the search when a part of them is clicked (or chosen with Enter).
import { choiceField, LOGS } from '../../activity/logSchema';
import type { ActivitySearch } from '../../search/search';

/**
 * What a click (or Enter) on a chart asks of the search. `key` names a filter of the log's
 * description (`types`, `username`...); the value is the API's, as the server sent it (an
 * operation's code, never its name; a long value in full, not as the table cuts it).
 */
export type Narrowing =
  | { kind: 'range'; from: number; to: number }
  | { kind: 'filter'; key: string; value: string }
  /** The failed entries only (the log description's failure filter). */
  | { kind: 'failed' };

/** The search narrowed as the chart asks: the same search when it already is. */
export function narrowed(search: ActivitySearch, narrowing: Narrowing): ActivitySearch {
  switch (narrowing.kind) {
    case 'range':
      return { ...search, range: { from: narrowing.from, to: narrowing.to } };
    case 'failed':
      return { ...search, filters: { ...search.filters, [LOGS[search.kind].failure.key]: true } } as ActivitySearch;
    case 'filter': {
      const { key, value } = narrowing;
      return { ...search, filters: { ...search.filters, [key]: key === choiceField(LOGS[search.kind]).filter.key ? [value] : value } } as ActivitySearch;
    }
  }
}
