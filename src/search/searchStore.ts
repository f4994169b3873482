// Recent and saved searches, per account, in globalState. A search is a time range and filters:
// no credentials, nothing secret. Free of `vscode` (it takes a Memento-like store), so it is tested in Node.
import { parseSearch } from './parseSearch';
import type { ActivityKind, ActivitySearch } from './search';
import { Emitter } from '../util/event';

/** What it needs of a vscode.Memento. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SavedSearch {
  /** Stable across renames: the tree row's id. */
  id: string;
  name: string;
  search: ActivitySearch;
}

interface AccountSearches {
  /** Newest first. */
  recent: ActivitySearch[];
  saved: SavedSearch[];
}

const STATE_KEY = 'exavault.searches';
/** Recent searches kept per account and kind. */
export const RECENT_LIMIT = 10;

const isEmpty = (value: unknown) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Equal searches get equal keys, whatever the order of their properties or of the values picked; a server order makes another search. */
export function searchKey(search: ActivitySearch): string {
  const range = 'preset' in search.range ? { preset: search.range.preset } : { from: search.range.from, to: search.range.to };
  const filters = Object.entries(search.filters)
    .filter(([, value]) => !isEmpty(value))
    .map(([name, value]) => [name, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const order = search.order ? { field: search.order.field, descending: search.order.descending } : null;
  return JSON.stringify([search.kind, range, filters, order]);
}

export class SearchStore {
  private readonly changes = new Emitter<void>();
  /** Searches changed in this window. */
  readonly onDidChange = this.changes.event;

  constructor(private readonly state: StateStore, private readonly newId: () => string = () => crypto.randomUUID()) {}

  // Read on every call, never cached: another window may have changed it.
  private read(): Readonly<Record<string, AccountSearches>> {
    const stored = this.state.get<Record<string, AccountSearches>>(STATE_KEY);
    return stored && typeof stored === 'object' ? stored : {};
  }

  // globalState may hold what another version of the extension wrote: only well-formed searches come out.
  private of(accountId: string): AccountSearches {
    const all = this.read();
    const stored = Object.hasOwn(all, accountId) ? all[accountId] : undefined;
    const recent = (Array.isArray(stored?.recent) ? stored.recent : []).map(parseSearch).filter((search) => search !== undefined);
    const saved = (Array.isArray(stored?.saved) ? stored.saved : []).flatMap((entry) => {
      const search = parseSearch(entry?.search);
      return search && typeof entry.id === 'string' && typeof entry.name === 'string' ? [{ id: entry.id, name: entry.name, search }] : [];
    });
    return { recent, saved };
  }

  private async write(all: Record<string, AccountSearches>): Promise<void> {
    await this.state.update(STATE_KEY, all);
    this.changes.fire();
  }

  private async change(accountId: string, edit: (searches: AccountSearches) => AccountSearches): Promise<void> {
    const all = { ...this.read() };
    const next = edit(this.of(accountId));
    if (next.recent.length || next.saved.length) {
      all[accountId] = next;
    } else {
      delete all[accountId];
    }
    await this.write(all);
  }

  /** The account's recent searches of `kind`, newest first. */
  recent(accountId: string, kind?: ActivityKind): ActivitySearch[] {
    return this.of(accountId).recent.filter((search) => !kind || search.kind === kind);
  }

  /** The account's saved searches (of `kind`), by name. */
  saved(accountId: string, kind?: ActivityKind): SavedSearch[] {
    return this.of(accountId).saved.filter((saved) => !kind || saved.search.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Puts the search first among the recent ones (once), keeping RECENT_LIMIT of its kind. */
  remember(accountId: string, search: ActivitySearch): Promise<void> {
    const key = searchKey(search);
    return this.change(accountId, ({ recent, saved }) => {
      let sameKind = 0;
      const next = [search, ...recent.filter((s) => searchKey(s) !== key)].filter((s) => s.kind !== search.kind || ++sameKind <= RECENT_LIMIT);
      return { recent: next, saved };
    });
  }

  forget(accountId: string, search: ActivitySearch): Promise<void> {
    const key = searchKey(search);
    return this.change(accountId, ({ recent, saved }) => ({ recent: recent.filter((s) => searchKey(s) !== key), saved }));
  }

  /** Whether another saved search of the account has this name (names are compared ignoring case). */
  nameTaken(accountId: string, name: string, exceptId?: string): boolean {
    const wanted = name.trim().toLocaleLowerCase();
    return this.of(accountId).saved.some((s) => s.id !== exceptId && s.name.toLocaleLowerCase() === wanted);
  }

  async save(accountId: string, name: string, search: ActivitySearch): Promise<SavedSearch> {
    const saved: SavedSearch = { id: this.newId(), name: name.trim(), search };
    await this.change(accountId, (searches) => ({ ...searches, saved: [...searches.saved, saved] }));
    return saved;
  }

  rename(accountId: string, id: string, name: string): Promise<void> {
    return this.change(accountId, (searches) => ({ ...searches, saved: searches.saved.map((s) => (s.id === id ? { ...s, name: name.trim() } : s)) }));
  }

  delete(accountId: string, id: string): Promise<void> {
    return this.change(accountId, (searches) => ({ ...searches, saved: searches.saved.filter((s) => s.id !== id) }));
  }

  /** Forgets the searches of accounts that are gone. */
  async retainAccounts(accountIds: readonly string[]): Promise<void> {
    const all = this.read();
    const kept = Object.fromEntries(Object.entries(all).filter(([id]) => accountIds.includes(id)));
    if (Object.keys(kept).length !== Object.keys(all).length) {
      await this.write(kept);
    }
  }
}
