// Whether the panel's charts show: they take about 250 px, which in a short panel (a bottom panel
// open, a small window) leaves the table a handful of rows. No DOM here: tested in Node.
import type { ChartsChoice } from '../protocol';

/** The fewest table rows the charts may leave in view before they fold by themselves. */
export const MIN_TABLE_ROWS = 10;


export interface ChartsSpace {
  /** The table's body height with the charts folded, in pixels. */
  tableHeight: number;
  /** How much of it the charts take when open. */
  chartsHeight: number;
  rowHeight: number;
}

/** As the user last chose; without a choice, open while the table keeps MIN_TABLE_ROWS rows in view beside them. */
export function chartsOpen(choice: ChartsChoice | undefined, space: ChartsSpace): boolean {
  if (choice !== undefined) {
    return choice === 'open';
  }
  return Math.floor((space.tableHeight - space.chartsHeight) / space.rowHeight) >= MIN_TABLE_ROWS;
}
