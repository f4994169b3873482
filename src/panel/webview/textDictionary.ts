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

  private rankCache: Uint32Array | undefined;

  /**
   * Each code's rank among the values as shown, case-insensitively first, then as shown: values
   * that show alike rank alike. Kept until a new value arrives.
   */
  ranks(): Uint32Array {
    if (this.rankCache?.length === this.values.length) {
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
    this.rankCache = ranks;
    return ranks;
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
