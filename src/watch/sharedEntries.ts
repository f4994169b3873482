// The newest entries the lease holder's poller read, shared with the windows that do not poll: they
// feed their sidebar from this file instead of asking the API. Beside the account's watch record, in
// the same directory; only the holder writes it (whole, then renamed over), every other window reads it.
// Entries are kept as the API sent them (id and attributes, log data only), so a reader builds the
// same models with the client's own normalising code.
import { promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { ActivityEntry } from '../api/models';
import { entryWire, normalizeSession, normalizeWebhook, type EntryWire } from '../api/normalize';
import type { SessionEntryWire, WebhookEntryWire } from '../api/wire';
import { accountFile } from './lease';
import type { WatchedLog } from './poller';
import { readIfThere, writeWhole } from './wholeFile';

/**
 * Entries kept per log; beyond, the oldest are dropped. Readers read at every heartbeat: one misses
 * entries only when more than this many of a log are read between two of its reads (a poll of ten
 * full pages of 100 fits).
 */
export const MAX_SHARED_ENTRIES_PER_LOG = 1000;

const LOGS: readonly WatchedLog[] = ['session', 'webhook'];

interface SharedLog {
  /** Entries appended since the file began: the kept ones are the last `entries.length` of them. */
  total: number;
  /** Oldest first. */
  entries: EntryWire[];
}

export interface SharedEntries {
  version: 1;
  /** Names this file's count: a holder that finds no file it can read starts a new one. */
  generation: string;
  logs: Record<WatchedLog, SharedLog>;
}

export const emptySharedEntries = (): SharedEntries => ({
  version: 1, generation: randomUUID(), logs: { session: { total: 0, entries: [] }, webhook: { total: 0, entries: [] } },
});

/** The account's shared entries in `directory`, beside its record and lease. */
export function sharedEntriesFile(directory: string, account: string): string {
  return accountFile(directory, account, '.entries.json');
}

/**
 * The file with a log's new entries appended (those it holds already left out: a new holder reads
 * again what the one before it read last), the oldest dropped beyond `max`.
 */
export function appendSharedEntries(shared: SharedEntries, log: WatchedLog, entries: readonly ActivityEntry[], max = MAX_SHARED_ENTRIES_PER_LOG): SharedEntries {
  const before = shared.logs[log];
  const held = new Set(before.entries.map(({ id }) => id));
  const added = entries.filter(({ id }) => !held.has(id)).map(entryWire);
  const all = [...before.entries, ...added];
  const kept = { total: before.total + added.length, entries: all.slice(Math.max(0, all.length - max)) };
  return { ...shared, logs: { ...shared.logs, [log]: kept } };
}

export async function writeSharedEntries(file: string, shared: SharedEntries): Promise<void> {
  await writeWhole(file, JSON.stringify(shared));
}

/** The shared entries in the file; undefined when there is none, or what is there is not one (a crash, a hand edit). */
export async function readSharedEntries(file: string): Promise<SharedEntries | undefined> {
  const text = await readIfThere(file);
  if (text === undefined) {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<SharedEntries>;
    return value.version === 1 && typeof value.generation === 'string' && LOGS.every((log) => isSharedLog(value.logs?.[log])) ? value as SharedEntries : undefined;
  } catch {
    return undefined;
  }
}

function isSharedLog(value: unknown): value is SharedLog {
  const log = value as Partial<SharedLog> | undefined;
  return typeof log === 'object' && log !== null && Array.isArray(log.entries) && Number.isSafeInteger(log.total) && log.total! >= log.entries.length
    && log.entries.every((entry: Partial<EntryWire> | null) => typeof entry === 'object' && entry !== null && typeof entry.id === 'number'
      && typeof entry.attributes === 'object' && entry.attributes !== null && !Array.isArray(entry.attributes));
}

/** What a read brought: per log, the entries new since the last read, and the logs that lost some to the bound. */
export interface SharedRead {
  entries: Record<WatchedLog, ActivityEntry[]>;
  /**
   * Logs with entries this reader never got: dropped by the bound before it read them, in a file
   * started anew, or from before its first read. Their views refresh once on their own.
   */
  missed: WatchedLog[];
}

/** One window's reading of the shared file: each entry handed out once, in the order the holder read them. */
export class SharedEntriesReader {
  /** Where the last read left off: undefined before the first. */
  private cursor: { generation: string | undefined; taken: Record<WatchedLog, number> } | undefined;
  /** The file as last read (identity, time, size): unchanged, it is not read again. */
  private seen: string | undefined;

  constructor(private readonly file: string) {}

  async read(): Promise<SharedRead> {
    const none: SharedRead = { entries: { session: [], webhook: [] }, missed: [] };
    const seen = await fileVersion(this.file);
    if (this.cursor && seen === this.seen) {
      return none;
    }
    const shared = await readSharedEntries(this.file);
    this.seen = seen;
    const taken = (log: WatchedLog) => shared?.logs[log].total ?? 0;
    const cursor = this.cursor;
    if (!cursor || (shared && cursor.generation !== undefined && shared.generation !== cursor.generation)) {
      this.cursor = { generation: shared?.generation, taken: { session: taken('session'), webhook: taken('webhook') } };
      return { ...none, missed: [...LOGS] };
    }
    if (!shared) {
      return none;
    }
    const read = none;
    for (const log of LOGS) {
      const { total, entries } = shared.logs[log];
      const unread = total - cursor.taken[log];
      if (unread > entries.length || unread < 0) {
        read.missed.push(log);
      } else if (unread > 0) {
        read.entries[log] = entries.slice(entries.length - unread).map((wire) => modelOf(log, wire));
      }
    }
    this.cursor = { generation: shared.generation, taken: { session: taken('session'), webhook: taken('webhook') } };
    return read;
  }
}

function modelOf(log: WatchedLog, wire: EntryWire): ActivityEntry {
  return log === 'session' ? normalizeSession(wire as unknown as SessionEntryWire) : normalizeWebhook(wire as unknown as WebhookEntryWire);
}

/** Changes whenever the file is replaced (a rename gives it another inode and time); undefined without a file. */
async function fileVersion(file: string): Promise<string | undefined> {
  try {
    const { ino, mtimeMs, ctimeMs, size } = await fs.stat(file);
    return `${ino}:${mtimeMs}:${ctimeMs}:${size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
