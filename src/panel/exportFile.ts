// An export written to a file a piece at a time: pieces gathered into writes of about a megabyte,
// each write awaited (the extension host answers in between), cancellation checked between writes.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

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
