// bench:panel's sort: click to repaint by every column, interleaved with a baseline in the same page
// (Array.prototype.sort over the rows newest first, with the comparator that defines the panel's
// order: text case-insensitively then as shown, addresses by number, absent numbers last, ties kept).
// Every run's checksum is the rows at positions spread over the whole order, by every text cell, as
// the panel shows them and as the baseline's order has them: both sides must agree every run.
import type { Frame } from 'playwright-core';
import { cellValue, fieldById, LOGS } from '../src/activity/logSchema';
import { normalizeSession } from '../src/api/normalize';
import type { SessionEntryWire } from '../src/api/wire';
import { addressSortKey } from '../src/panel/webview/addressOrder';
import { ROW_HEIGHT } from '../src/panel/webview/virtualTable';
import { interleave } from './lib';

/** The panel's columns that sessionCellTexts gives, in its order (the baseline's rows). */
const TEXT_COLUMNS = ['operation', 'user', 'ip', 'path', 'source', 'protocol', 'status', 'session'];
/** Columns of numbers the baseline sorts by, besides time. */
const NUMBER_COLUMNS = ['size', 'duration'];
/** Positions compared: the first screenful's start, then spread over the rest, and the last. */
const SPREAD = 24;

interface BaselineKeys {
  time: (number | null)[];
  id: number[];
  size: (number | null)[];
  duration: (number | null)[];
  /** The address's sort key (see addressOrder), from the value as sent. */
  ip: string[];
}

export interface SortResult {
  column: string;
  ours: number[];
  baseline: number[];
}

/** What the baseline sorts by besides the cell texts, for entries `start` on, as the panel gets them. */
function baselineKeys(entries: readonly SessionEntryWire[]): BaselineKeys {
  const log = LOGS.sessions;
  const number = (id: string, entry: ReturnType<typeof normalizeSession>) => cellValue(fieldById(log, id)!, entry) as number | null;
  const normalized = entries.map(normalizeSession);
  return {
    time: normalized.map((entry) => number('time', entry)),
    id: normalized.map((entry) => entry.id),
    size: normalized.map((entry) => number('size', entry)),
    duration: normalized.map((entry) => number('duration', entry)),
    ip: entries.map((entry) => addressSortKey(entry.attributes.ipAddress ?? '')),
  };
}

/** Sends the baseline's sort keys to the page (the rows themselves are its `baselineRows`), in chunks. */
export async function loadBaselineKeys(frame: Frame, entries: readonly SessionEntryWire[], chunk: number): Promise<number> {
  await frame.evaluate(() => {
    (globalThis as unknown as { baselineKeys: BaselineKeys }).baselineKeys = { time: [], id: [], size: [], duration: [], ip: [] };
  });
  for (let start = 0; start < entries.length; start += chunk) {
    await frame.evaluate((keys) => {
      const held = (globalThis as unknown as { baselineKeys: BaselineKeys }).baselineKeys;
      for (const name of Object.keys(held) as (keyof BaselineKeys)[]) {
        (held[name] as unknown[]).push(...keys[name]);
      }
    }, baselineKeys(entries.slice(start, start + chunk)));
  }
  // Newest first, undated last, ties by higher id: the order every other sort keeps ties in (untimed, as the panel's is).
  return frame.evaluate(() => {
    const { time, id } = (globalThis as unknown as { baselineKeys: BaselineKeys }).baselineKeys;
    const rows = (globalThis as unknown as { baselineRows: string[][] }).baselineRows;
    const byTime = Array.from(rows.keys()).sort((a, b) => {
      const ta = time[a] ?? null;
      const tb = time[b] ?? null;
      if (ta !== tb) {
        return ta === null ? 1 : tb === null ? -1 : tb - ta;
      }
      return id[b]! - id[a]!;
    });
    // Each text column's values in lower case, as the panel's dictionaries hold them.
    const lower = rows[0]!.map((_text, column) => rows.map((row) => row[column]!.toLowerCase()));
    (globalThis as unknown as { baselineSort: { byTime: number[]; lower: string[][] } }).baselineSort = { byTime, lower };
    return byTime.length;
  });
}

/** Where the orders are compared, for `rows` rows. */
function positions(rows: number): number[] {
  const spread = Array.from({ length: SPREAD }, (_, n) => Math.floor((n * (rows - 1)) / (SPREAD - 1)));
  return [...new Set([0, 1, 2, 3, ...spread])].filter((position) => position < rows);
}

/**
 * Sorts by every column (each click turns the order the panel's way) `rounds` times over, each
 * click interleaved with the baseline's sort the same way, the orders compared every run.
 */
export async function benchSort(frame: Frame, rows: number, rounds: number): Promise<SortResult[]> {
  const columns = await frame.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[role="columnheader"][data-column]'), (header) => header.dataset.column!));
  const order = [...columns.filter((column) => column !== 'time'), 'time'];
  const types = new Map(LOGS.sessions.fields.map((field) => [field.id, field.type]));
  const compared = positions(rows);
  let round = -1;
  let column = '';
  let descending = false;
  const runs = await interleave({
    ours: async () => {
      const ms = await frame.evaluate((id) => new Promise<number>((resolve) => {
        const t0 = performance.now();
        (document.querySelector(`[role="columnheader"][data-column="${id}"] button.sort`) as HTMLButtonElement).click();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }), column);
      const checksum = await frame.evaluate(async ({ at, texts, rowHeight }) => {
        const grid = document.querySelector<HTMLElement>('.grid')!;
        const seen: string[] = [];
        for (const position of at) {
          grid.scrollTop = position * rowHeight;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          const row = document.querySelector(`.grid-row[data-index="${position}"]`);
          seen.push(texts.map((id) => row?.querySelector(`[data-column="${id}"]`)?.textContent ?? '(not painted)').join('\u0001'));
        }
        grid.scrollTop = 0;
        return seen.join('\u0002');
      }, { at: compared, texts: TEXT_COLUMNS.filter((id) => columns.includes(id)), rowHeight: ROW_HEIGHT });
      return { ms, checksum };
    },
    baseline: () => frame.evaluate(({ id, descending, at, texts, textColumns, numberColumns }) => {
      const rows = (globalThis as unknown as { baselineRows: string[][] }).baselineRows;
      const keys = (globalThis as unknown as { baselineKeys: Record<string, (string | number | null)[]> }).baselineKeys;
      const { byTime, lower } = (globalThis as unknown as { baselineSort: { byTime: number[]; lower: string[][] } }).baselineSort;
      const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const sign = descending ? -1 : 1;
      const t0 = performance.now();
      let sorted: number[];
      if (id === 'time') {
        sorted = descending ? byTime.slice() : byTime.slice().reverse();
      } else if (numberColumns.includes(id)) {
        const values = keys[id] as (number | null)[];
        sorted = byTime.slice().sort((a, b) => {
          const va = values[a] ?? null;
          const vb = values[b] ?? null;
          return va === null || vb === null ? Number(va === null) - Number(vb === null) : sign * (va - vb);
        });
      } else {
        const column = textColumns.indexOf(id);
        const key = id === 'ip' ? keys.ip as string[] : lower[column]!;
        sorted = byTime.slice().sort((a, b) => sign * (compare(key[a]!, key[b]!) || compare(rows[a]![column]!, rows[b]![column]!)));
      }
      const ms = performance.now() - t0;
      const shown = texts.map((text) => textColumns.indexOf(text));
      return { ms, checksum: at.map((position) => shown.map((column) => rows[sorted[position]!]![column]!).join('\u0001')).join('\u0002') };
    }, { id: column, descending, at: compared, texts: TEXT_COLUMNS.filter((id) => columns.includes(id)), textColumns: TEXT_COLUMNS, numberColumns: NUMBER_COLUMNS }),
  }, {
    runs: rounds * order.length,
    warmups: 0,
    // The column of this run, and the way the panel's click will turn it: the other way when it is
    // the sort now, else text ascending and numbers and times descending.
    prepare: async () => {
      column = order[++round % order.length]!;
      const now = await frame.locator(`[role="columnheader"][data-column="${column}"]`).getAttribute('aria-sort');
      descending = now === 'ascending' || (now === 'none' && types.get(column) !== 'text');
      return undefined;
    },
  });
  return order.map((id, index) => ({
    column: id,
    ours: runs.ours.filter((_run, run) => run % order.length === index).map((run) => run.ms),
    baseline: runs.baseline.filter((_run, run) => run % order.length === index).map((run) => run.ms),
  }));
}
