import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writePieces } from '../../../src/panel/exportFile';

describe('writePieces: an export written a piece at a time', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'export-file-'));
  });
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  // Pieces of about 100 KB each: several writes of about a megabyte.
  const pieces = Array.from({ length: 40 }, (_, n) => `${String(n).padStart(3, '0')}${'x'.repeat(100_000)}\n`);

  it('writes every piece in order, in a folder it makes, and reports progress after each write', async () => {
    const file = path.join(folder, 'exports', 'a.csv');
    const reported: number[] = [];
    assert.equal(await writePieces(file, pieces, (written) => reported.push(written), () => false), true);
    assert.equal(fs.readFileSync(file, 'utf8'), pieces.join(''));
    assert.ok(reported.length > 1, `writes: ${reported.length}`);
    assert.equal(reported.at(-1), pieces.length);
  });

  it('leaves no file when cancelled during the writes (the same export uncancelled leaves one: see above)', async () => {
    const file = path.join(folder, 'b.csv');
    let writes = 0;
    assert.equal(await writePieces(file, pieces, () => writes++, () => writes >= 1), false);
    assert.equal(writes, 1, 'cancelled after the first write');
    assert.equal(fs.existsSync(file), false);
  });

  it('leaves no file when serialising fails half-way, and says why', async () => {
    const file = path.join(folder, 'c.json');
    function* failing() {
      yield* pieces.slice(0, 20);
      throw new Error('no more');
    }
    await assert.rejects(writePieces(file, failing(), () => undefined, () => false), /no more/);
    assert.equal(fs.existsSync(file), false);
  });
});
