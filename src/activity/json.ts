import type { ActivityEntry } from '../api/models';

/** An entry as JSON for people and tools: every field, times as ISO 8601 (UTC) beside the server's own text. */
export function entryJson(entry: ActivityEntry): string {
  const fields = entry.toJSON();
  return JSON.stringify({ ...fields, created: entry.created === undefined ? null : new Date(entry.created).toISOString() }, null, 2);
}
