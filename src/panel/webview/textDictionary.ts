// A text column's distinct values, each once: as the API sent them, as the table shows them, and
// their rank in sorted order. Rows hold codes into it (a log repeats its users, IPs and operations).

/** How a column's values read (an operation's name for its code); refine and sort go by that text. */
export type ShowValue = (value: string) => string;

export class Dictionary {
  /** As the API sent them: what narrowing a search uses. */
  readonly values: string[] = [];
  /** As the table shows them, formatted once per distinct value. */
  readonly shown: string[] = [];
  readonly lower: string[] = [];
  private readonly index = new Map<string, number>();

  /** `sortKey`: what the values sort by, when not their shown text. */
  constructor(private readonly show: ShowValue, private readonly sortKey?: (value: string) => string) {}

  intern(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      const shown = this.show(value);
      this.values.push(value);
      this.shown.push(shown);
      this.lower.push(shown.toLowerCase());
      this.index.set(value, code);
    }
    return code;
  }

  private joinedCache: { text: string; starts: Uint32Array } | undefined;

  /**
   * 1 for each code whose value as shown contains `needle` (lower case), case-insensitively; with
   * `within`, only among the codes it has a 1 for, each tested alone (typing on: they are the last
   * text's matches). Without, one native search through every value at once, each match found
   * once: faster than a call a value when values are many and matches few.
   */
  matching(needle: string, within?: Uint8Array): Uint8Array {
    const hit = new Uint8Array(this.lower.length);
    // A match across two values would need the separator in it: such text is tested a value at a time.
    if (within !== undefined || needle === '' || needle.includes(SEPARATOR)) {
      const lower = this.lower;
      for (let code = 0; code < lower.length; code++) {
        hit[code] = (within === undefined || within[code] === 1) && lower[code]!.includes(needle) ? 1 : 0;
      }
      return hit;
    }
    const { text, starts } = this.joined();
    let code = 0;
    let matches = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, starts[code + 1])) {
      // Matches come in code order: the value it falls in is this one or a later one.
      while (starts[code + 1]! <= at) {
        code++;
      }
      hit[code] = 1;
      matches++;
      if (matches > DENSE_AFTER && matches * DENSE_SHARE > code) {
        // Most values match (one letter, say): a call a value costs less than a search a match.
        for (let rest = code + 1; rest < this.lower.length; rest++) {
          hit[rest] = this.lower[rest]!.includes(needle) ? 1 : 0;
        }
        break;
      }
    }
    return hit;
  }

  /** Every value in lower case, one after another with a separator; `starts[code]` where each begins. */
  private joined(): { text: string; starts: Uint32Array } {
    if (this.joinedCache?.starts.length !== this.lower.length + 1) {
      const starts = new Uint32Array(this.lower.length + 1);
      let start = 0;
      this.lower.forEach((value, code) => {
        starts[code] = start;
        start += value.length + SEPARATOR.length;
      });
      starts[this.lower.length] = start;
      this.joinedCache = { text: this.lower.join(SEPARATOR), starts };
    }
    return this.joinedCache;
  }

  private rankCache: { ranks: Uint32Array; count: number } | undefined;

  /**
   * Each code's rank among the values as shown, case-insensitively first, then as shown: values
   * that show alike rank alike; `count` ranks in all. Kept until a new value arrives.
   */
  /** Whether ranks() has its answer ready for the values held now. */
  get ranked(): boolean {
    return this.rankCache?.ranks.length === this.values.length;
  }

  ranks(): { ranks: Uint32Array; count: number } {
    if (this.rankCache && this.ranked) {
      return this.rankCache;
    }
    // The distinct sort keys (the lower-cased text, or what the column sorts as), sorted natively
    // (code-unit order, no comparator calls); a group of values with one key is ordered by
    // comparator, and such groups are few.
    const keys = this.sortKey ? this.values.map(this.sortKey) : this.lower;
    const groups = [...new Set(keys)].sort();
    const groupOf = new Map(groups.map((key, group) => [key, group]));
    const members: number[][] = groups.map(() => []);
    keys.forEach((key, code) => members[groupOf.get(key)!]!.push(code));
    const ranks = new Uint32Array(this.values.length);
    let rank = -1;
    for (const codes of members) {
      if (codes.length > 1) {
        codes.sort((a, b) => compareText(this.shown[a]!, this.shown[b]!));
      }
      codes.forEach((code, index) => {
        if (index === 0 || this.shown[code] !== this.shown[codes[index - 1]!]) {
          rank++;
        }
        ranks[code] = rank;
      });
    }
    this.rankCache = { ranks, count: rank + 1 };
    return this.rankCache;
  }
}

/** Between values in the joined text: shown values are one line each (see displayText). */
const SEPARATOR = '\n';

/** After this many matches, a search that found one in every DENSE_SHARE values or more goes on a value at a time. */
const DENSE_AFTER = 64;
const DENSE_SHARE = 4;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
