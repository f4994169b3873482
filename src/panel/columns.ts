// The panel's table columns per log, shared by the extension (which fills them) and the webview
// (which shows, sorts and refines them). Labels come from the extension, localized.
import type { ActivityKind } from '../search/search';

/** text: a string, refined and sorted as text; the others are numbers, formatted for display. */
export type ColumnType = 'text' | 'time' | 'bytes' | 'duration';

export interface ColumnSpec {
  id: string;
  type: ColumnType;
  /** Initial width in pixels. */
  width: number;
}

export const COLUMNS: Readonly<Record<ActivityKind, readonly ColumnSpec[]>> = {
  sessions: [
    { id: 'time', type: 'time', width: 215 },
    { id: 'operation', type: 'text', width: 120 },
    { id: 'user', type: 'text', width: 110 },
    { id: 'ip', type: 'text', width: 120 },
    { id: 'path', type: 'text', width: 280 },
    { id: 'source', type: 'text', width: 200 },
    { id: 'size', type: 'bytes', width: 80 },
    { id: 'duration', type: 'duration', width: 90 },
    { id: 'protocol', type: 'text', width: 80 },
    { id: 'status', type: 'text', width: 70 },
  ],
  webhooks: [
    { id: 'time', type: 'time', width: 215 },
    { id: 'event', type: 'text', width: 170 },
    { id: 'endpoint', type: 'text', width: 240 },
    { id: 'status', type: 'text', width: 110 },
    { id: 'resource', type: 'text', width: 240 },
    { id: 'user', type: 'text', width: 110 },
    { id: 'response', type: 'text', width: 260 },
  ],
};

export interface SortOrder {
  column: string;
  descending: boolean;
}

export const DEFAULT_SORT: SortOrder = { column: 'time', descending: true };
