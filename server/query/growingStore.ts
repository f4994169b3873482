// An activity log that grows while the server runs. The store behind it is immutable (sorted rows,
// indexes, cached orders), so adding entries builds a new one from every entry: quick at the sizes
// tests add to, and startup still builds each store once, straight from compact rows.
import { ActivityStore, type IndexOptions, type StoreQuery, type StoreRows } from './store';

export class GrowingStore<Entry extends { id: number }> {
  private store: ActivityStore<Entry>;
  private current: StoreRows<Entry>;
  private newestFirst: Entry[] | undefined;

  constructor(
    rows: StoreRows<Entry>,
    private readonly rowsOf: (entries: readonly Entry[]) => StoreRows<Entry>,
    private readonly indexes: Readonly<Record<string, IndexOptions>>,
  ) {
    this.current = rows;
    this.store = new ActivityStore(rows, indexes);
  }

  /** Every entry as compact columns, newest first; a new object whenever entries are added. */
  get rows(): StoreRows<Entry> {
    return this.current;
  }

  query(query: StoreQuery): Entry[] {
    return this.store.query(query);
  }

  /** Every entry, newest first (built on first read: a million entries take a while). */
  entries(): readonly Entry[] {
    return (this.newestFirst ??= this.store.entries());
  }

  entryWithId(id: number): Entry | undefined {
    return this.store.entryWithId(id);
  }

  /** An id above every entry's. */
  nextId(): number {
    return this.store.highestId() + 1;
  }

  /** Serves `added` too, from now on. */
  add(added: readonly Entry[]): void {
    if (added.length === 0) {
      return;
    }
    this.checkNew(added);
    this.current = this.rowsOf([...this.entries(), ...added]);
    this.store = new ActivityStore(this.current, this.indexes);
    this.newestFirst = undefined;
  }

  /** Throws unless every id in `added` is distinct and not yet taken. */
  checkNew(added: readonly Entry[]): void {
    if (added.length === 0) {
      return;
    }
    const taken = new Set<number>();
    for (const { id } of [...this.entries(), ...added]) {
      if (taken.has(id)) {
        throw new Error(`entry id ${id} is already taken`);
      }
      taken.add(id);
    }
  }
}
