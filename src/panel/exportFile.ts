// An export written to a file a piece at a time: pieces gathered into writes of about a megabyte,
// each write awaited (the extension host answers in between), cancellation checked between writes.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ActivityEntry } from '../api/models';
import type { ActivityKind } from '../activity/logSchema';
import { csvLines, JSON_ENTRIES_PER_PIECE, jsonPieces } from '../search/exportEntries';

const WRITE_CHARACTERS = 1 << 20;

/**
 * Writes `pieces` to `file` (its folder made if missing). `progress(pieces written)` is told after
 * each write. Resolves false when `cancelled()` said so; the file is gone then, and on a failure.
 */
export async function writePieces(file: string, pieces: Iterable<string>, progress: (written: number) => void, cancelled: () => boolean): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'w');
  let finished = false;
  try {
    let buffered: string[] = [];
    let characters = 0;
    let written = 0;
    const flush = async () => {
      await handle.write(buffered.join(''));
      written += buffered.length;
      buffered = [];
      characters = 0;
      progress(written);
    };
    for (const piece of pieces) {
      buffered.push(piece);
      characters += piece.length;
      if (characters >= WRITE_CHARACTERS) {
        await flush();
        if (cancelled()) {
          return false;
        }
      }
    }
    await flush();
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
  // CSV: its header, then an entry a piece. JSON: JSON_ENTRIES_PER_PIECE entries a piece, then its closing bracket.
  const rowsIn = format === 'csv' ? (pieces: number) => pieces - 1 : (pieces: number) => pieces * JSON_ENTRIES_PER_PIECE;
  const pieces = format === 'csv' ? csvLines(kind, entries) : jsonPieces(kind, entries);
  return writePieces(file, pieces, (written) => progress(Math.max(0, Math.min(rowsIn(written), entries.length))), cancelled);
}
