import { displayText } from '../../src/activity/displayText';
import { OPERATIONS, type SessionEntryWire } from '../../src/api/wire';

/**
 * What the query panel's text cells show for a session entry as the server sent it, in column order:
 * what refine searches. Written from the wire, apart from the panel's code, so tests can check it.
 */
export function sessionCellTexts(entry: SessionEntryWire): string[] {
  const a = entry.attributes;
  const operation = (a.operation ?? '').toUpperCase();
  return [OPERATIONS[operation] ?? operation, a.username ?? '', a.ipAddress ?? '', a.fileName ?? '', a.fileSource ?? '', a.protocol ?? '', a.status === 'failed' ? 'failed' : a.status ?? '', a.sessionId ?? '']
    .map((text) => displayText(text, 300));
}

/** The panel's refine rule in its plain form (a row matches when any text cell contains the text, case-insensitively): the tests' oracle. */
export function matchesRefine(texts: readonly string[], text: string): boolean {
  const needle = text.trim().toLowerCase();
  return needle === '' || texts.some((value) => value.toLowerCase().includes(needle));
}
