// What the charts ask of the search when a part of them is clicked (or chosen with Enter).

/**
 * What a click (or Enter) on a chart asks of the search. `key` names a field of SessionFilters or
 * WebhookFilters. For `types` the value is the operation's NAME as the operation column shows it
 * ("Upload"), not its API code: the caller maps names back to codes. For `events` it is the event
 * as the event column shows it (its code, "resources.upload"); for `status` a status code ("404").
 * Values are the table's cells, so a value the table cut short (over 300 characters) or whose
 * invisible characters it made visible will not match the log as sent.
 */
export type Narrowing =
  | { kind: 'range'; from: number; to: number }
  | { kind: 'filter'; key: 'types' | 'events' | 'username' | 'ipAddress' | 'endpointUrl' | 'status'; value: string };

export type FilterKey = Extract<Narrowing, { kind: 'filter' }>['key'];
