// The query engine both activity endpoints share. Rows are kept newest first, so a date range is a
// range of positions (binary search), every index lists positions newest first, and the default
// `-date` page walks the most selective index and stops after offset + limit matches.
import type { CategoryColumn, CategoryValue } from './columns';
import { EqualityIndex, PrefixIndex, type Criterion } from './indexes';

export type Column = CategoryColumn | Float64Array;

export interface StoreRows<Entry> {
  /** Newest first: `created` descending, ties by id descending. */
  readonly ids: Float64Array;
  /** Milliseconds since the epoch. */
  readonly created: Float64Array;
  readonly columns: Readonly<Record<string, Column>>;
  entryAt(position: number): Entry;
}

/** How a filterable column is indexed: values folded to lower case, and trailing-`*` prefixes. */
export interface IndexOptions {
  caseInsensitive?: boolean;
  prefix?: boolean;
}

export interface Filter {
  column: string;
  value: CategoryValue;
  /** Match every value starting with `value` (the query said `value*`). */
  prefix?: boolean;
}

/** `date` sorts by `created`; any other field names a column. */
export interface SortKey {
  field: string;
  descending: boolean;
}

export interface StoreQuery {
  /** Inclusive bounds on `created`, in milliseconds; -Infinity / Infinity when open. */
  from: number;
  to: number;
  filters: readonly Filter[];
  /** Empty means newest first. Ties are always broken by id, descending. */
  sort: readonly SortKey[];
  offset: number;
  limit: number;
}

// Up to this many candidates a page is sorted from the candidates; past it, a cached permutation of
// all rows in that order is walked instead.
const DEFAULT_GATHER_LIMIT = 50_000;
const CACHED_PERMUTATIONS = 8;

/** How a page is found: the date range as positions, the index that drives (if any is selective), the rest to check. */
interface Plan {
  lo: number;
  hi: number;
  driver: Criterion | undefined;
  /** How many candidates the driver (or the bare date range) yields, about. */
  candidates: number;
  checks: Criterion[];
}

export class ActivityStore<Entry> {
  private readonly equality = new Map<string, EqualityIndex>();
  private readonly prefixes = new Map<string, PrefixIndex>();
  private readonly permutations = new Map<string, Int32Array>();

  constructor(
    private readonly rows: StoreRows<Entry>,
    indexes: Readonly<Record<string, IndexOptions>>,
    private readonly gatherLimit = DEFAULT_GATHER_LIMIT,
  ) {
    for (let position = 1; position < rows.ids.length; position++) {
      const newer = rows.created[position - 1]!;
      const older = rows.created[position]!;
      if (older > newer || (older === newer && rows.ids[position]! > rows.ids[position - 1]!)) {
        throw new Error(`rows are not newest first at position ${position}`);
      }
    }
    for (const [name, options] of Object.entries(indexes)) {
      const index = new EqualityIndex(this.category(name), options.caseInsensitive ? foldCase : undefined);
      this.equality.set(name, index);
      if (options.prefix) {
        this.prefixes.set(name, new PrefixIndex(index));
      }
    }
  }

  get size(): number {
    return this.rows.ids.length;
  }

  entries(): Entry[] {
    return Array.from({ length: this.size }, (_, position) => this.rows.entryAt(position));
  }

  /** The entry with this id, if any: a scan, for single look-ups rather than pages. */
  entryWithId(id: number): Entry | undefined {
    const position = this.rows.ids.indexOf(id);
    return position < 0 ? undefined : this.rows.entryAt(position);
  }

  /** The highest id, or 0 if that is higher: one more is free for a new entry. Rows are in time order, so this is a scan. */
  highestId(): number {
    let highest = 0;
    for (const id of this.rows.ids) {
      highest = Math.max(highest, id);
    }
    return highest;
  }

  query(query: StoreQuery): Entry[] {
    const plan = this.plan(query);
    const positions = !plan ? [] : isNewestFirst(query.sort) ? this.newestFirstPage(plan, query) : this.sortedPage(plan, query);
    return positions.map((position) => this.rows.entryAt(position));
  }

  /** Undefined when nothing can match: an empty date range, or a filter value no row has. */
  private plan(query: StoreQuery): Plan | undefined {
    const created = this.rows.created;
    const lo = firstPosition(created.length, (position) => created[position]! <= query.to);
    const hi = firstPosition(created.length, (position) => created[position]! < query.from);
    const criteria = query.filters.map((filter) => this.criterion(filter));
    if (lo >= hi || criteria.some((criterion) => criterion === undefined)) {
      return undefined;
    }
    const ranked = (criteria as Criterion[]).map((criterion) => ({ criterion, estimate: criterion.estimate(lo, hi) }));
    ranked.sort((a, b) => a.estimate - b.estimate);
    // The most selective index drives, unless walking the date range and checking each row is less
    // work: it is when matches are dense and only a page is needed, or the index is costly to start.
    const best = ranked[0];
    const needed = isNewestFirst(query.sort) ? query.offset + query.limit : Infinity;
    const rangeWalk = best ? Math.min(hi - lo, (needed * (hi - lo)) / Math.max(1, best.estimate)) : hi - lo;
    const driver = best && best.criterion.startCost() + Math.min(best.estimate, needed) < rangeWalk ? best : undefined;
    return {
      lo,
      hi,
      driver: driver?.criterion,
      candidates: driver?.estimate ?? hi - lo,
      checks: ranked.filter((entry) => entry !== driver).map(({ criterion }) => criterion),
    };
  }

  /** Visits the driver's positions (or the date range) in order, until `visit` says stop. */
  private walk(plan: Plan, visit: (position: number) => boolean): void {
    if (plan.driver) {
      for (const position of plan.driver.positions(plan.lo, plan.hi)) {
        if (!visit(position)) {
          return;
        }
      }
      return;
    }
    for (let position = plan.lo; position < plan.hi; position++) {
      if (!visit(position)) {
        return;
      }
    }
  }

  /** Positions are newest first already: walk, skip `offset` matches, stop after `limit`. */
  private newestFirstPage(plan: Plan, query: StoreQuery): number[] {
    if (!plan.driver && plan.checks.length === 0) {
      const start = plan.lo + query.offset;
      return Array.from({ length: Math.max(0, Math.min(query.limit, plan.hi - start)) }, (_, i) => start + i);
    }
    const page = new PageCollector(query);
    this.walk(plan, (position) => !passes(plan.checks, position) || page.offer(position));
    return page.positions;
  }

  /** Few candidates: sort them. Many: walk the cached permutation for this order, checking each row. */
  private sortedPage(plan: Plan, query: StoreQuery): number[] {
    const compare = this.comparator(query.sort);
    if (plan.candidates <= this.gatherLimit) {
      const matched: number[] = [];
      this.walk(plan, (position) => {
        if (passes(plan.checks, position)) {
          matched.push(position);
        }
        return true;
      });
      return Array.from(Int32Array.from(matched).sort(compare).subarray(query.offset, query.offset + query.limit));
    }
    const criteria = plan.driver ? [plan.driver, ...plan.checks] : plan.checks;
    const page = new PageCollector(query);
    for (const position of this.permutation(query.sort, compare)) {
      if (position >= plan.lo && position < plan.hi && passes(criteria, position) && !page.offer(position)) {
        break;
      }
    }
    return page.positions;
  }

  private criterion(filter: Filter): Criterion | undefined {
    if (filter.prefix) {
      const index = this.prefixes.get(filter.column);
      if (!index) {
        throw new Error(`column ${filter.column} has no prefix index`);
      }
      return index.matching(String(filter.value));
    }
    const index = this.equality.get(filter.column);
    if (!index) {
      throw new Error(`column ${filter.column} has no index`);
    }
    return index.matching(filter.value);
  }

  private comparator(sort: readonly SortKey[]): (a: number, b: number) => number {
    const keys = sort.map(({ field, descending }) => ({ value: this.sortValue(field), sign: descending ? -1 : 1 }));
    const ids = this.rows.ids;
    return (a, b) => {
      for (const key of keys) {
        const difference = key.value(a) - key.value(b);
        if (difference !== 0) {
          return key.sign * difference;
        }
      }
      return ids[b]! - ids[a]!;
    };
  }

  private sortValue(field: string): (position: number) => number {
    const column = field === 'date' ? this.rows.created : this.rows.columns[field];
    if (!column) {
      throw new Error(`no column ${field} to sort by`);
    }
    if (column instanceof Float64Array) {
      return (position) => column[position]!;
    }
    const ranks = column.ranks();
    const codes = column.codes;
    return (position) => ranks[codes[position]!]!;
  }

  /** Every position in the order `sort` asks for, built on first use and kept for the next pages. */
  private permutation(sort: readonly SortKey[], compare: (a: number, b: number) => number): Int32Array {
    const key = sort.map(({ field, descending }) => (descending ? '-' : '') + field).join(',');
    let permutation = this.permutations.get(key);
    if (!permutation) {
      permutation = Int32Array.from({ length: this.size }, (_, position) => position).sort(compare);
      if (this.permutations.size >= CACHED_PERMUTATIONS) {
        this.permutations.delete(this.permutations.keys().next().value!);
      }
      this.permutations.set(key, permutation);
    }
    return permutation;
  }

  private category(name: string): CategoryColumn {
    const column = this.rows.columns[name];
    if (!column || column instanceof Float64Array) {
      throw new Error(`column ${name} is not a category column`);
    }
    return column;
  }
}

/** Row numbers ordered newest first: `created` descending, ties by id descending. */
export function newestFirstOrder(ids: Float64Array, created: Float64Array): Int32Array {
  return Int32Array.from({ length: ids.length }, (_, row) => row).sort((a, b) => created[b]! - created[a]! || ids[b]! - ids[a]!);
}

/** Takes matches in order: skips the first `offset`, keeps up to `limit`. */
class PageCollector {
  readonly positions: number[] = [];
  private skip: number;

  constructor(private readonly query: StoreQuery) {
    this.skip = query.offset;
  }

  /** False once the page is full. */
  offer(position: number): boolean {
    if (this.skip > 0) {
      this.skip--;
    } else {
      this.positions.push(position);
    }
    return this.positions.length < this.query.limit;
  }
}

function passes(criteria: readonly Criterion[], position: number): boolean {
  return criteria.every((criterion) => criterion.test(position));
}

function isNewestFirst(sort: readonly SortKey[]): boolean {
  return sort.length === 0 || (sort.length === 1 && sort[0]!.field === 'date' && sort[0]!.descending);
}

function foldCase(value: CategoryValue): CategoryValue {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** First position for which `holds` is true, given it is false up to some position and true after. */
function firstPosition(length: number, holds: (position: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}
