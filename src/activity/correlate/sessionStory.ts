// "Show Session": every entry of one connection, from connect to disconnect. The API has no
// sessionId filter, so the session log is asked for the entry's user and address around it, newest
// first, keeping the entries with its sessionId, until the connect is reached (or the call cap).
// Free of `vscode`.
import * as l10n from '@vscode/l10n';
import type { SessionEntry } from '../../api/models';
import type { Page } from '../../api/paging';
import type { SessionQuery } from '../../api/wire';
import { formatBytes, formatDuration, formatTime, isoTime } from '../format';
import { displayText } from '../displayText';

/** How far from the entry its connection is looked for, either way: longer than a working session or a nightly job. */
export const SESSION_REACH_MS = 12 * 3_600_000;
/** Pages asked for at most, unless the caller says otherwise. */
export const SESSION_CALL_CAP = 10;

export interface SessionStory {
  /** The connection's id, user and address, as the entry named them. */
  sessionId: string;
  username: string;
  ipAddress: string;
  protocol: string;
  /** Oldest first. */
  entries: SessionEntry[];
  connect?: SessionEntry;
  disconnect?: SessionEntry;
  failed: number;
  /** API calls it took. */
  requests: number;
  /** Stopped at the call cap before the connect was found. */
  capped: boolean;
}

/** What the lookup needs of a client: the session log's pages, newest first. */
export interface SessionPages {
  sessionPages(query: SessionQuery, options: { pageSize?: number; prefetch?: number; signal?: AbortSignal }): AsyncGenerator<Page<SessionEntry>>;
}


/** The session log's query for `entry`'s connection: its user and address, hours either side. */
export function sessionQuery(entry: SessionEntry): SessionQuery {
  const time = entry.created ?? 0;
  return { startDate: isoTime(time - SESSION_REACH_MS), endDate: isoTime(time + SESSION_REACH_MS), username: entry.username, ipAddress: entry.ipAddress, sort: '-date' };
}

/** Every entry of `entry`'s connection, paging until its connect is found or `cap` calls were made. */
export async function findSession(log: SessionPages, entry: SessionEntry, options: { pageSize: number; cap?: number; signal?: AbortSignal }): Promise<SessionStory> {
  const cap = options.cap ?? SESSION_CALL_CAP;
  const kept: SessionEntry[] = [];
  let requests = 0;
  let connect: SessionEntry | undefined;
  const abort = new AbortController();
  options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  // One page after the other: the next is asked for only when the connect is not found yet.
  for await (const page of log.sessionPages(sessionQuery(entry), { pageSize: options.pageSize, prefetch: 1, signal: abort.signal })) {
    requests = page.requests;
    kept.push(...page.entries.filter((candidate) => candidate.sessionId === entry.sessionId));
    connect = kept.find((candidate) => candidate.operation === 'PASS');
    if (connect || requests >= cap) {
      break;
    }
  }
  abort.abort();
  const entries = kept.reverse();
  return {
    sessionId: entry.sessionId, username: entry.username, ipAddress: entry.ipAddress, protocol: entry.protocol,
    entries, connect, disconnect: entries.find((candidate) => candidate.operation === 'EXIT'),
    failed: entries.filter((candidate) => candidate.failed).length,
    requests, capped: !connect && requests >= cap,
  };
}

/** The story as a read-only document's text: who, from where, when, how long, then each action in order, failures marked. */
export function sessionTimeline(story: SessionStory): string {
  const first = story.entries[0];
  const last = story.entries.at(-1);
  const lines = [
    l10n.t('Session {0}', displayText(story.sessionId, 80)),
    l10n.t('User: {0}', displayText(story.username, 200)),
    l10n.t('From: {0} ({1})', displayText(story.ipAddress, 100), displayText(story.protocol, 20)),
  ];
  if (first && last) {
    const span = Math.round(((last.created ?? 0) - (first.created ?? 0)) / 1000);
    lines.push(l10n.t('When: {0} to {1} ({2})', formatTime(first.created), formatTime(last.created), formatDuration(story.disconnect?.durationSeconds ?? span)));
  }
  lines.push(l10n.t('{0} entries, {1} failed; {2} API calls.', story.entries.length, story.failed, story.requests));
  if (!story.connect) {
    lines.push(story.capped
      ? l10n.t('Stopped at {0} API calls before finding the connect: older entries of this session may be missing.', story.requests)
      : l10n.t('No connect found within {0} hours of the entry: older entries of this session may be missing.', SESSION_REACH_MS / 3_600_000));
  }
  if (!story.disconnect) {
    lines.push(l10n.t('No disconnect found: the session may still be open, or ended without one.'));
  }
  lines.push('');
  for (const entry of story.entries) {
    const mark = entry.failed ? l10n.t('FAILED') : '';
    const size = entry.bytesTransferred ? formatBytes(entry.bytesTransferred) : '';
    const took = entry.durationSeconds && entry.operation !== 'EXIT' ? formatDuration(entry.durationSeconds) : '';
    const path = entry.fileSource ? l10n.t('{0} (from {1})', displayText(entry.fileName, 400), displayText(entry.fileSource, 400)) : displayText(entry.fileName, 400);
    lines.push([formatTime(entry.created), mark, entry.operationName, path, size, took].filter(Boolean).join('  '));
  }
  return lines.join('\n') + '\n';
}
