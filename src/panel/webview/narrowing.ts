// What the charts ask of the search when a part of them is clicked (or chosen with Enter).

/**
 * What a click (or Enter) on a chart asks of the search. `key` names a filter of the log's
 * description (`types`, `username`...); the value is the API's, as the server sent it (an
 * operation's code, never its name; a long value in full, not as the table cuts it).
 */
export type Narrowing =
  | { kind: 'range'; from: number; to: number }
  | { kind: 'filter'; key: string; value: string };
