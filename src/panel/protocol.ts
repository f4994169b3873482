// The messages between the extension and the panel's webview. What the webview sends is checked
// here before the extension acts on it: a webview shows untrusted log data and is treated as such.
import { parseSearch } from '../search/parseSearch';
import type { ActivityKind, ActivitySearch } from '../search/search';
import { parseColumnChoice, type ColumnSpec, type SortOrder } from './columns';
import type { PackedColumn } from './packedRows';
import type { RunState } from '../search/searchRun';

export interface PanelColumn extends ColumnSpec {
  label: string;
}

/** The user's last fold or unfold of the panel's charts. */
export type ChartsChoice = 'open' | 'folded';

/** What the webview keeps across hiding and window reloads: the question, never the answer's rows. */
export interface PanelState {
  accountId: string;
  search: ActivitySearch;
  sort?: SortOrder;
  refine?: string;
  widths?: Record<string, number>;
  /** The time column shows how long ago rather than the exact time. */
  relativeTimes?: boolean;
  /** The shown columns, by field id, in order. */
  columns?: string[];
  /** The user's last fold or unfold of the charts. */
  charts?: ChartsChoice;
}

export interface PanelInit {
  type: 'init';
  kind: ActivityKind;
  /** The column whose cell marks a failed row. */
  failureColumn: string;
  accountLabel: string;
  /** Every column the chooser offers; `state.columns` says which are shown. */
  columns: PanelColumn[];
  strings: Record<string, string>;
  /** Choices for the multi-value filters: [value, label]. */
  choices: [string, string][];
  state: PanelState;
  /** The zone times are shown and typed in (a zone name, such as Europe/Berlin), from the exavault.timeZone setting. */
  timeZone: string;
}

/** The exavault.timeZone setting changed while the panel was open. */
export interface SettingsMessage {
  type: 'settings';
  timeZone: string;
}

/**
 * A batch of rows, column by column and packed (see packedRows): `columns[id]` unpacked gives row n's
 * cell of the column `id` names at n.
 */
export interface RowBatch {
  type: 'rows';
  /** Numbers the batches a panel posts, one after another: the webview says when it took each. */
  sequence: number;
  /** On a search's first batch: when its page reached the extension (ms since the epoch), to time the first paint. */
  arrivedAt?: number;
  ids: Float64Array;
  columns: Record<string, PackedColumn>;
  /** 1 when row n failed (the log description's failure): its row is marked. */
  failed: Uint8Array;
}

export interface ProgressMessage {
  type: 'progress';
  state: RunState;
  loaded: number;
  requests: number;
  /** Error, warning and combination notes, already in words. */
  error?: string;
  warning?: string;
  notes: string[];
}

/** show* look for the entries an entry is linked to (its details then show them); open* open those found. */
export type RowAction = 'showUser' | 'showIp' | 'showPath' | 'tracePath' | 'openResource' | 'resend' | 'resendFailed' | 'showSession' | 'showCause' | 'openCause' | 'showTriggered' | 'openTriggered';

/** What following an entry to others found, in words: "Caused by", "Webhook calls it triggered". */
export interface Finding {
  title: string;
  /** "Exact: Upload of /a.txt by alice at ...", "2 calls, 1 failed". */
  summary: string;
  why: string;
  /** The action that opens what was found; none when nothing was. */
  open?: RowAction;
}

export interface DetailsMessage {
  type: 'details';
  id: number;
  fields: (readonly [string, string])[];
  json: string;
  actions: RowAction[];
  /** What was found so far by following the entry to others. */
  findings: Finding[];
}

/** The cost question: the search waits for the answer (a `confirm` message back). */
export interface ConfirmMessage {
  type: 'confirm';
  question: string;
  detail: string;
}

/**
 * A search starts afresh: the old rows go. `window` is the time range its queries ask for, resolved by
 * the extension's clock, so the charts never read a clock of their own (the webview's may differ).
 */
export interface ResetMessage {
  type: 'reset';
  search: ActivitySearch;
  window: { from: number; to: number };
  /** The extension's clock as the search starts: what the table's relative times count back from. */
  now: number;
}

/** The shown columns changed: the rows held go, and come again with the new columns' cells. */
export interface ColumnsMessage {
  type: 'columns';
  columns: string[];
}

export type ToWebview = PanelInit | RowBatch | ProgressMessage | DetailsMessage | ConfirmMessage | ResetMessage | SettingsMessage | ColumnsMessage;

export type FromWebview =
  | { type: 'ready' }
  | { type: 'search'; search: ActivitySearch }
  | { type: 'stop' }
  | { type: 'retry' }
  | { type: 'copyLink' }
  | { type: 'confirm'; goOn: boolean }
  | { type: 'select'; id: number }
  /** The webview took rows batch `sequence` (see RowBatcher). */
  | { type: 'rowsTaken'; sequence: number }
  | { type: 'action'; action: RowAction; id: number }
  | { type: 'copy'; text: string }
  | { type: 'export'; format: 'csv' | 'json'; ids: number[] }
  /** The columns to show: checked against the panel's log before use (parseColumnChoice). */
  | { type: 'columns'; columns: string[] }
  | { type: 'violation'; directive: string };

const ACTIONS: readonly RowAction[] = ['showUser', 'showIp', 'showPath', 'tracePath', 'openResource', 'resend', 'resendFailed', 'showSession', 'showCause', 'openCause', 'showTriggered', 'openTriggered'];
const MAX_COPY = 10_000_000;

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** The message, if it is one the panel understands and well-formed; undefined otherwise. */
export function parseWebviewMessage(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'stop':
    case 'retry':
    case 'copyLink':
      return { type: message.type };
    case 'confirm':
      return typeof message.goOn === 'boolean' ? { type: 'confirm', goOn: message.goOn } : undefined;
    case 'search': {
      const search = parseSearch(message.search);
      return search && { type: 'search', search };
    }
    case 'select':
      return isId(message.id) ? { type: 'select', id: message.id } : undefined;
    case 'rowsTaken':
      return isId(message.sequence) ? { type: 'rowsTaken', sequence: message.sequence } : undefined;
    case 'action':
      return isId(message.id) && ACTIONS.includes(message.action as RowAction) ? { type: 'action', action: message.action as RowAction, id: message.id } : undefined;
    case 'copy':
      return typeof message.text === 'string' && message.text.length <= MAX_COPY ? { type: 'copy', text: message.text } : undefined;
    case 'export':
      return (message.format === 'csv' || message.format === 'json') && Array.isArray(message.ids) && message.ids.every(isId)
        ? { type: 'export', format: message.format, ids: message.ids as number[] }
        : undefined;
    case 'columns':
      return Array.isArray(message.columns) && message.columns.length <= 100 && message.columns.every((id) => typeof id === 'string' && id.length <= 100)
        ? { type: 'columns', columns: message.columns as string[] }
        : undefined;
    case 'violation':
      return typeof message.directive === 'string' ? { type: 'violation', directive: message.directive.slice(0, 200) } : undefined;
    default:
      return undefined;
  }
}

/** A restored panel's state, if well-formed. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const state = value as Record<string, unknown>;
  const search = parseSearch(state.search);
  if (typeof state.accountId !== 'string' || !search) {
    return undefined;
  }
  const sort = state.sort as SortOrder | undefined;
  const columns = parseColumnChoice(search.kind, state.columns);
  const widths = state.widths as Record<string, unknown> | undefined;
  return {
    accountId: state.accountId,
    search,
    sort: sort && typeof sort.column === 'string' && typeof sort.descending === 'boolean' ? { column: sort.column, descending: sort.descending } : undefined,
    refine: typeof state.refine === 'string' ? state.refine.slice(0, 1000) : undefined,
    widths: widths && typeof widths === 'object'
      ? Object.fromEntries(Object.entries(widths).filter(([, width]) => typeof width === 'number' && width >= 30 && width <= 2000)) as Record<string, number>
      : undefined,
    // Absent unless set: states saved before the toggle existed read as they were.
    ...(typeof state.relativeTimes === 'boolean' ? { relativeTimes: state.relativeTimes } : {}),
    // Only when chosen: a panel restored without a choice shows its log's last chosen columns.
    ...(columns ? { columns } : {}),
    // Only when set: a state saved before the choice existed reads exactly as it did.
    ...(state.charts === 'open' || state.charts === 'folded' ? { charts: state.charts } : {}),
  };
}
