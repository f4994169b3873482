// The table's time cells: the exact time in the shown zone, or how long before the search ran, as the
// user chose; the other form is the cell's tooltip. "Now" is the extension's clock when the search
// started (the reset message), never the webview's own.
import { formatRelative, formatTime, type RelativeWords } from '../../activity/format';

export interface TimeDisplay {
  relative: boolean;
  /** Milliseconds since the epoch. */
  now: number;
  words: RelativeWords;
}

export function timeCell(time: number, display: TimeDisplay): { text: string; title: string } {
  const absolute = formatTime(time);
  const relative = formatRelative(time, new Date(display.now), display.words);
  return display.relative ? { text: relative, title: absolute } : { text: absolute, title: relative };
}
