// Compact columns: a million entries as typed arrays instead of a million objects.

export type CategoryValue = string | number;

/** Case-insensitive order for text (as a database collation would sort), numeric order for numbers. */
function compareValues(a: CategoryValue, b: CategoryValue): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A column of repeating values, stored as codes into a dictionary of the distinct values. */
export class CategoryColumn<V extends CategoryValue = CategoryValue> {
  private readonly codeOf = new Map<V, number>();
  private rankOfCode: Int32Array | undefined;
  private lastValue: V | undefined;
  private lastCode = -1;

  constructor(
    readonly codes: Int32Array,
    readonly values: V[] = [],
  ) {
    values.forEach((value, code) => this.codeOf.set(value, code));
  }

  static withCapacity<V extends CategoryValue>(rows: number): CategoryColumn<V> {
    return new CategoryColumn<V>(new Int32Array(rows));
  }

  set(row: number, value: V): void {
    // Rows come in runs (one connection's user, address, session id): skip the lookup for a repeat.
    if (value === this.lastValue) {
      this.codes[row] = this.lastCode;
      return;
    }
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codeOf.set(value, code);
    }
    this.codes[row] = code;
    this.lastValue = value;
    this.lastCode = code;
  }

  at(row: number): V {
    return this.values[this.codes[row]!]!;
  }

  /** The same column with its rows in a new order: `order[i]` is the old row of new row i. */
  reordered(order: Int32Array): CategoryColumn<V> {
    return new CategoryColumn(reorder(this.codes, order), this.values);
  }

  /** For each code, its place in sorted order: values that compare equal share a rank. */
  ranks(): Int32Array {
    if (!this.rankOfCode) {
      const sorted = this.values.map((_, code) => code).sort((a, b) => compareValues(this.values[a]!, this.values[b]!));
      const ranks = new Int32Array(this.values.length);
      sorted.forEach((code, i) => {
        const previous = sorted[i - 1];
        ranks[code] = previous !== undefined && compareValues(this.values[previous]!, this.values[code]!) === 0 ? ranks[previous]! : i;
      });
      this.rankOfCode = ranks;
    }
    return this.rankOfCode;
  }
}

export function reorder<A extends Int32Array | Float64Array | Int16Array>(array: A, order: Int32Array): A {
  const result = new (array.constructor as new (length: number) => A)(order.length);
  for (let i = 0; i < order.length; i++) {
    result[i] = array[order[i]!]!;
  }
  return result;
}
