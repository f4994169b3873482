// Moving the time chart's keyboard cursor: Left and Right choose a time, Up and Down a part of its
// bar, Home and End the first and last time, Escape lets go. Pure: the chart shows what it says.

/** Which bin (and which part of it, or -1 for the whole bin) the keyboard has chosen. */
export interface Cursor {
  bin: number;
  part: number;
}

/** The stacked series as the chart draws them, bottom (first) to top: a count per bin each. */
type Parts = readonly { readonly counts: readonly number[] }[];

/**
 * Where `key` moves `cursor` over `bins` bins of `parts`: a cursor, `undefined` to let go, or
 * `'ignored'` for a key the chart does not take (Enter, which narrows, is the chart's own).
 */
export function moveCursor(key: string, cursor: Cursor | undefined, parts: Parts, bins: number): Cursor | undefined | 'ignored' {
  // Parts with entries in a bin, bottom to top.
  const inBin = (bin: number) => parts.flatMap((series, i) => (series.counts[bin]! > 0 ? [i] : []));
  const lastWithData = () => {
    for (let bin = bins - 1; bin >= 0; bin--) {
      if (inBin(bin).length > 0) {
        return bin;
      }
    }
    return bins - 1;
  };
  // Moving in time keeps the part chosen where that series has entries.
  const at = (bin: number): Cursor => ({ bin, part: cursor && cursor.part >= 0 && parts[cursor.part]!.counts[bin]! > 0 ? cursor.part : -1 });
  switch (key) {
    case 'ArrowRight': return at(cursor ? Math.min(bins - 1, cursor.bin + 1) : lastWithData());
    case 'ArrowLeft': return at(cursor ? Math.max(0, cursor.bin - 1) : lastWithData());
    case 'Home': return at(0);
    case 'End': return at(bins - 1);
    case 'ArrowUp':
    case 'ArrowDown': {
      const bin = cursor?.bin ?? lastWithData();
      const stack = inBin(bin);
      const position = cursor ? stack.indexOf(cursor.part) : -1;
      // Up climbs the stack from the whole bin to its lowest part; Down goes back to the whole bin.
      const to = key === 'ArrowUp' ? Math.min(stack.length - 1, position + 1) : Math.max(-1, position - 1);
      return { bin, part: to < 0 ? -1 : stack[to]! };
    }
    case 'Escape':
      return cursor ? undefined : 'ignored';
    default:
      return 'ignored';
  }
}
