// "Trace Path History": who made a file disappear, through renames, moves and folders, within the
// 90 days the log keeps. The API's `path` filter matches an entry's path (`fileName`) only, never
// its `fileSource`, so:
// - back: the entry that created a path is found by querying that exact path; a MOVE, RNTO or COPY
//   names the path before in `fileSource`, which is queried in turn, until the upload;
// - forward: where a file went is found only by scanning the MOVE and RNTO pages (newest first)
//   for `fileSource` equal to its path, locally; the scans are kept, so a later path costs no more;
// - a file whose folder (or a folder above) was deleted is logged under the folder: each parent
//   folder's deletions are asked for, once per folder in a trace.
// Every call counts against a cap; at the cap the history says what it could not search.
// Free of `vscode`.
import * as l10n from '@vscode/l10n';
import type { SessionEntry } from '../../api/models';
import type { SessionQuery } from '../../api/wire';
import { displayText } from '../displayText';
import { formatTime, isoTime } from '../format';
import type { SessionPages } from './sessionStory';

/** What the log keeps, and so how far back a history can go. */
export const HISTORY_DAYS = 90;
/** Calls a trace may make unless the caller (the exavault.pathHistory.maxCalls setting) says otherwise. */
export const PATH_HISTORY_CALL_CAP = 50;

const DAY = 86_400_000;
/** Operations after which a file is at their path. */
const CREATING = new Set(['STOR', 'MKD', 'COPY', 'MOVE', 'RNTO', 'COMPR', 'EXTRACT']);
/** Operations that take a file away from the path in their `fileSource`. */
const MOVING = ['MOVE', 'RNTO'] as const;

export type PathStepKind = 'uploaded' | 'created' | 'renamed' | 'moved' | 'copied' | 'deleted' | 'folderDeleted';

export interface PathStep {
  kind: PathStepKind;
  entry: SessionEntry;
}

export interface PathHistory {
  path: string;
  /** Oldest first: where the file came from, each rename, move or copy, then what ended it. */
  steps: PathStep[];
  /** The first step is the file's upload or creation (not only the oldest step found). */
  originFound: boolean;
  /** The last step is its deletion, or its folder's. */
  ended: boolean;
  /** API calls it took. */
  requests: number;
  /** Stopped at the call cap. */
  capped: boolean;
  cap: number;
  /** What the cap left unsearched, in words, in the order it would have been searched. */
  notSearched: string[];
  /** Why a paging stopped early (ExaVault repeating itself): the history may miss what lay beyond. */
  warnings: string[];
}

export interface PathHistoryOptions {
  /** The time the 90 days kept run up to: the caller's clock. */
  now: number;
  pageSize: number;
  cap?: number;
  signal?: AbortSignal;
}

/** The calls left and what was spent, shared by every query of one trace. */
class CallBudget {
  spent = 0;
  capped = false;
  readonly notSearched: string[] = [];
  readonly warnings: string[] = [];

  constructor(readonly log: SessionPages, readonly cap: number, readonly pageSize: number, readonly signal: AbortSignal | undefined) {}

  /** Whether a call may be made; at the cap, notes `what` would have been searched. */
  allow(what: string): boolean {
    if (this.spent < this.cap) {
      return true;
    }
    this.capped = true;
    if (!this.notSearched.includes(what)) {
      this.notSearched.push(what);
    }
    return false;
  }
}

/** One query's pages, newest first, fetched one at a time as they are asked for, within the budget. */
class QueryPages {
  /** Every entry loaded so far, newest first. */
  readonly entries: SessionEntry[] = [];
  private done = false;
  private counted = 0;
  private readonly pages: AsyncGenerator<{ entries: SessionEntry[]; received: number; requests: number; warning?: string }>;

  constructor(private readonly budget: CallBudget, query: SessionQuery, private readonly what: string) {
    this.pages = budget.log.sessionPages({ ...query, sort: '-date' }, { pageSize: budget.pageSize, prefetch: 1, signal: budget.signal });
  }

  /** Loads the next page; false when there is none, paging made no progress, or the cap was reached. */
  async more(): Promise<boolean> {
    if (this.done || !this.budget.allow(this.what)) {
      return false;
    }
    const next = await this.pages.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const page = next.value;
    this.budget.spent += page.requests - this.counted;
    this.counted = page.requests;
    this.entries.push(...page.entries);
    if (page.warning) {
      this.budget.warnings.push(page.warning);
    }
    this.done = Boolean(page.warning) || page.received < this.budget.pageSize;
    return true;
  }

  /** Pages on until `enough` says so; false when it stopped short of that (cap or end). */
  async until(enough: () => boolean): Promise<boolean> {
    while (!enough()) {
      if (!(await this.more())) {
        return enough();
      }
    }
    return true;
  }

  /** Everything from the query, as far as the budget reaches; false when cut short by the cap. */
  async all(): Promise<boolean> {
    while (await this.more()) {
      // each page loaded
    }
    return this.done;
  }

  /** Whether the pages loaded reach back to `time` (or the query has no more). */
  reaches(time: number): boolean {
    const oldest = this.entries.at(-1)?.created;
    return this.done || (oldest !== undefined && oldest < time);
  }

  close(): void {
    void this.pages.return(undefined);
  }
}

const kindOf = (entry: SessionEntry): PathStepKind => {
  switch (entry.operation) {
    case 'STOR':
      return 'uploaded';
    case 'RNTO':
      return 'renamed';
    case 'MOVE':
      return 'moved';
    case 'COPY':
      return 'copied';
    default:
      return 'created';
  }
};

const creates = (entry: SessionEntry, path: string) => entry.fileName === path && CREATING.has(entry.operation);
const at = (entry: SessionEntry) => entry.created ?? 0;

/** The folders above `path`, nearest first: /A/B/c.txt has /A/B and /A. */
export function parentFolders(path: string): string[] {
  const folders: string[] = [];
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    folders.push(path.slice(0, end));
  }
  return folders;
}

/** The story of `path` within the 90 days kept, at most `cap` calls. */
export async function tracePath(log: SessionPages, path: string, options: PathHistoryOptions): Promise<PathHistory> {
  const cap = options.cap ?? PATH_HISTORY_CALL_CAP;
  const budget = new CallBudget(log, cap, options.pageSize, options.signal);
  const window = { startDate: isoTime(options.now - HISTORY_DAYS * DAY), endDate: isoTime(options.now) };
  const open: QueryPages[] = [];
  const query = (sessionQuery: SessionQuery, what: string) => {
    const pages = new QueryPages(budget, sessionQuery, what);
    open.push(pages);
    return pages;
  };
  // The MOVE and RNTO scans, newest first over the whole window, shared by every path of the trace.
  const scans = MOVING.map((type) => query({ ...window, type }, l10n.t('older {0} entries (where the file went)', type)));
  /** Each parent folder's deletions over the window, asked for once per trace. */
  const folderDeletions = new Map<string, QueryPages>();

  try {
    // The path's latest life: its newest creating entry (none within the window: it is older).
    const latest = query({ ...window, path }, l10n.t('the entries of {0}', displayText(path, 400)));
    await latest.until(() => latest.entries.some((entry) => creates(entry, path)));
    const creation = latest.entries.find((entry) => creates(entry, path));
    const back = creation ? await origins(creation) : { steps: [], originFound: false };
    const forward = await fate(path, creation, latest);
    return {
      path, steps: [...back.steps, ...forward.steps], originFound: back.originFound, ended: forward.ended,
      requests: budget.spent, capped: budget.capped, cap, notSearched: budget.notSearched, warnings: budget.warnings,
    };
  } finally {
    open.forEach((pages) => pages.close());
  }

  /** `creation` and the steps before it, oldest first, back to the upload (or as far as the window and the cap reach). */
  async function origins(creation: SessionEntry): Promise<{ steps: PathStep[]; originFound: boolean }> {
    const steps: PathStep[] = [{ kind: kindOf(creation), entry: creation }];
    const seen = new Set([creation.id]);
    let current = creation;
    while (MOVING.includes(current.operation as (typeof MOVING)[number]) || current.operation === 'COPY') {
      const source = current.fileSource;
      if (!source) {
        break;
      }
      // The source's entries up to the move, newest first: the first creating one made the file moved.
      const before = query({ startDate: window.startDate, endDate: isoTime(at(current)), path: source }, l10n.t('the entries of {0}', displayText(source, 400)));
      await before.until(() => before.entries.some((entry) => creates(entry, source) && !seen.has(entry.id)));
      const made = before.entries.find((entry) => creates(entry, source) && !seen.has(entry.id));
      if (!made) {
        return { steps, originFound: false };
      }
      seen.add(made.id);
      steps.unshift({ kind: kindOf(made), entry: made });
      current = made;
    }
    return { steps, originFound: true };
  }

  /**
   * What became of the file at `first` after `firstCreation` (the window's start when unknown), through
   * renames and moves to its end. `firstEntries` holds the path's entries since its creation (newest
   * first, as far as they were loaded to find it); each later path's are loaded from the move that made it.
   */
  async function fate(first: string, firstCreation: SessionEntry | undefined, firstEntries: QueryPages): Promise<{ steps: PathStep[]; ended: boolean }> {
    const steps: PathStep[] = [];
    let current = first;
    let since = firstCreation ? at(firstCreation) : options.now - HISTORY_DAYS * DAY;
    let sinceId = firstCreation?.id;
    let entries = firstEntries;
    let loaded = true;
    for (;;) {
      if (!loaded && !(await entries.all())) {
        return { steps, ended: false };
      }
      loaded = false;
      const path = current;
      const later = [...entries.entries].reverse().filter((entry) => entry.fileName === path && at(entry) >= since && entry.id !== sinceId);
      // The file's life at this path ends at its deletion, or where the path was made again (the file had left it).
      const remade = later.find((entry) => creates(entry, path));
      const deletion = later.find((entry) => entry.operation === 'DELE' && (!remade || at(entry) <= at(remade)));
      if (deletion) {
        steps.push({ kind: 'deleted', entry: deletion });
        return { steps, ended: true };
      }
      const until = remade ? at(remade) : options.now;
      const folderDeletion = await deletedFolder(path, since, until);
      const move = await movedAway(path, since, folderDeletion ? at(folderDeletion) : until);
      if (move) {
        steps.push({ kind: kindOf(move), entry: move });
        current = move.fileName;
        since = at(move);
        sinceId = move.id;
        entries = query({ startDate: isoTime(since), endDate: window.endDate, path: current }, l10n.t('the entries of {0}', displayText(current, 400)));
        continue;
      }
      if (folderDeletion) {
        steps.push({ kind: 'folderDeleted', entry: folderDeletion });
      }
      return { steps, ended: Boolean(folderDeletion) };
    }
  }

  /**
   * The earliest deletion of a folder above `path` between `from` and `to`. One exact `path` query
   * with type DELE per parent folder over the whole window, kept for the trace: each costs one call
   * (an exact folder is deleted once or twice in 90 days), a few in all for a usual depth, and a
   * renamed file (same folders) or one moved next door asks nothing again. One wildcard query on the
   * top folder would instead bring every file deletion below it (a single mass deletion fills pages)
   * and match look-alike folders (`/Finance*` is also /Finance-old), at a cost unknown before it is paid.
   */
  async function deletedFolder(path: string, from: number, to: number): Promise<SessionEntry | undefined> {
    let earliest: SessionEntry | undefined;
    for (const folder of parentFolders(path)) {
      const deletions = folderDeletions.get(folder)
        ?? query({ ...window, path: folder, type: 'DELE' }, l10n.t('deletions of the folder {0}', displayText(folder, 400)));
      folderDeletions.set(folder, deletions);
      await deletions.all();
      const found = deletions.entries.filter((entry) => entry.fileName === folder && entry.operation === 'DELE' && at(entry) >= from && at(entry) <= to).at(-1);
      if (found && (!earliest || at(found) < at(earliest))) {
        earliest = found;
      }
    }
    return earliest;
  }

  /** The first MOVE or RNTO that took the file at `path` away between `from` and `to`, from the shared scans. */
  async function movedAway(path: string, from: number, to: number): Promise<SessionEntry | undefined> {
    let first: SessionEntry | undefined;
    for (const scan of scans) {
      await scan.until(() => scan.reaches(from));
      const found = scan.entries.filter((entry) => entry.fileSource === path && at(entry) >= from && at(entry) <= to).at(-1);
      if (found && (!first || at(found) < at(first))) {
        first = found;
      }
    }
    return first;
  }
}

/** The history as a read-only document's text: the chain, oldest first, then the calls it took and what was left out. */
export function pathHistoryText(history: PathHistory): string {
  const path = (value: string) => displayText(value, 400);
  const user = (entry: SessionEntry) => displayText(entry.username, 200);
  const lines = [l10n.t('History of {0}', path(history.path)), l10n.t('Within the {0} days the log keeps.', HISTORY_DAYS), ''];
  if (history.steps.length === 0) {
    lines.push(l10n.t('Nothing found for this path.'));
  }
  for (const { kind, entry } of history.steps) {
    const when = formatTime(entry.created);
    const from = path(entry.fileSource);
    const to = path(entry.fileName);
    const words: Record<PathStepKind, () => string> = {
      uploaded: () => l10n.t('uploaded as {0} by {1}', to, user(entry)),
      created: () => l10n.t('created as {0} by {1} ({2})', to, user(entry), entry.operationName),
      renamed: () => l10n.t('renamed from {0} to {1} by {2}', from, to, user(entry)),
      moved: () => l10n.t('moved from {0} to {1} by {2}', from, to, user(entry)),
      copied: () => l10n.t('copied from {0} to {1} by {2}', from, to, user(entry)),
      deleted: () => l10n.t('deleted ({0}) by {1}', to, user(entry)),
      folderDeleted: () => l10n.t('folder {0} deleted by {1}, with the file in it', to, user(entry)),
    };
    lines.push(`${when}  ${words[kind]()}`);
  }
  lines.push('');
  if (history.steps.length > 0 && !history.originFound && !history.capped) {
    lines.push(l10n.t('No upload found within the {0} days: the file is older, or came in another way.', HISTORY_DAYS));
  }
  if (!history.ended && !history.capped) {
    lines.push(l10n.t('No deletion found: the file may still be there, or went in a way the log does not tell.'));
  }
  lines.push(l10n.t('{0} API calls.', history.requests));
  if (history.capped) {
    lines.push(l10n.t('Stopped at the cap of {0} API calls (setting exavault.pathHistory.maxCalls): the history may be incomplete. Not searched: {1}.',
      history.cap, history.notSearched.join('; ')));
  }
  lines.push(...history.warnings);
  return lines.join('\n') + '\n';
}
