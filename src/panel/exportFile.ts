// An export written to a file a piece at a time: pieces encoded one after another into a buffer of
// a megabyte, each full buffer written and awaited (the extension host answers in between),
// cancellation checked between writes. Each piece is garbage as soon as it is encoded: a million
// short-lived lines cost the collector little, a megabyte of them held until a write costs it much.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ActivityEntry } from '../api/models';
import type { ActivityKind } from '../activity/logSchema';
import { csvPieces, ENTRIES_PER_PIECE, jsonPieces } from '../search/exportEntries';

const WRITE_BYTES = 1 << 20;
/** The most bytes a UTF-16 code unit takes in UTF-8 (a lone surrogate's replacement character). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes `pieces` to `file` (its folder made if missing). `progress(pieces written)` is told after
 * each write. Resolves false when `cancelled()` said so; the file is gone then, and on a failure.
 */
export async function writePieces(file: string, pieces: Iterable<string>, progress: (written: number) => void, cancelled: () => boolean): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'w');
  let finished = false;
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BYTES);
    let used = 0;
    let buffered = 0;
    let written = 0;
    /** Writes what the buffer holds, or a piece too long for it; says whether to go on. */
    const write = async (long?: string) => {
      if (long !== undefined) {
        await handle.write(long);
      }
      // The whole of what is used: a write may take fewer bytes than it is given.
      for (let at = 0; at < used;) {
        at += (await handle.write(buffer, at, used - at)).bytesWritten;
      }
      written += long === undefined ? buffered : 1;
      used = 0;
      buffered = 0;
      progress(written);
      return !cancelled();
    };
    for (const piece of pieces) {
      const most = piece.length * MAX_BYTES_PER_UNIT;
      if (used + most > WRITE_BYTES) {
        if (used > 0 && !await write()) {
          return false;
        }
        if (most > WRITE_BYTES) {
          if (!await write(piece)) {
            return false;
          }
          continue;
        }
      }
      used += buffer.write(piece, used);
      buffered++;
    }
    await write();
    finished = !cancelled();
    return finished;
  } finally {
    await handle.close();
    if (!finished) {
      await fs.rm(file, { force: true });
    }
  }
}

export type ExportFormat = 'csv' | 'json';

/**
 * Writes `entries` of a `kind` log to `file` as CSV or JSON (see exportEntries). `progress(rows
 * written)` is told after each write. Resolves false when `cancelled()` said so; no file is left
 * then, nor on a failure.
 */
export function writeEntries(file: string, kind: ActivityKind, format: ExportFormat, entries: readonly ActivityEntry[], progress: (rows: number) => void, cancelled: () => boolean): Promise<boolean> {
  // ENTRIES_PER_PIECE entries a piece (CSV's header in the first, JSON's closing bracket after the last).
  const pieces = format === 'csv' ? csvPieces(kind, entries) : jsonPieces(kind, entries);
  return writePieces(file, pieces, (written) => progress(Math.min(written * ENTRIES_PER_PIECE, entries.length)), cancelled);
}
