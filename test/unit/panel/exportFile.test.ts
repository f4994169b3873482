import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOGS } from '../../../src/activity/logSchema';
import { normalizeSession } from '../../../src/api/normalize';
import { writeEntries, writePieces } from '../../../src/panel/exportFile';
import { accountVocabulary, generateActivity } from '../../../server/generate/generate';
import { todaysCsv, todaysJson } from '../search/todaysExporter';

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

  it('leaves no file when a write fails half-way (a full disk, say), and says why', async () => {
    const file = path.join(folder, 'd.csv');
    // The file handle's own write, made to fail from the second call on as a full disk fails it.
    const probe = await fs.promises.open(path.join(folder, 'probe'), 'w');
    const handleType = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const write = handleType.write;
    let calls = 0;
    handleType.write = function (this: unknown, ...args: unknown[]) {
      return ++calls === 1 ? write.apply(this, args) : Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    };
    try {
      await assert.rejects(writePieces(file, pieces, () => undefined, () => false), /ENOSPC/);
    } finally {
      handleType.write = write;
    }
    assert.equal(calls, 2, 'the first write went through, the second failed');
    assert.equal(fs.existsSync(file), false);
  });
});

describe('writeEntries: a log\'s entries exported to a file', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'export-entries-'));
  });
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  // Seeded sessions with hostile text (long strings among them): several writes of about a megabyte.
  const { sessions } = generateActivity({ seed: 21, sessions: 600, webhooks: 0, now: new Date(Date.UTC(2026, 10, 27)), vocabulary: accountVocabulary(true), accountName: 'export' });
  const entries = Array.from({ length: 600 }, (_, i) => normalizeSession(sessions.entryAt(i)));

  for (const [format, todays] of [['csv', todaysCsv], ['json', todaysJson]] as const) {
    it(`writes ${format} with the same text as the exporter that built the whole file at once, telling rows written as it goes`, async () => {
      const file = path.join(folder, `all.${format}`);
      const reported: number[] = [];
      assert.equal(await writeEntries(file, 'sessions', format, entries, (rows) => reported.push(rows), () => false), true);
      assert.equal(fs.readFileSync(file, 'utf8'), todays(entries));
      assert.ok(reported.length > 2, `writes: ${reported.length} (${reported.join(", ")})`);
      assert.deepEqual(reported, [...reported].sort((a, b) => a - b), 'rows written only grow');
      assert.ok(reported[0]! > 0 && reported[0]! < entries.length, `first write: ${reported[0]} rows`);
      assert.equal(reported.at(-1), entries.length);
    });
  }

  it('writes the header alone (or an empty array) for no rows, telling none written', async () => {
    const reported: number[] = [];
    assert.equal(await writeEntries(path.join(folder, 'none.csv'), 'webhooks', 'csv', [], (rows) => reported.push(rows), () => false), true);
    assert.equal(await writeEntries(path.join(folder, 'none.json'), 'webhooks', 'json', [], (rows) => reported.push(rows), () => false), true);
    assert.equal(fs.readFileSync(path.join(folder, 'none.csv'), 'utf8'), `${LOGS.webhooks.exportFields.join(',')}\r\n`);
    assert.equal(fs.readFileSync(path.join(folder, 'none.json'), 'utf8'), '[]\n');
    assert.deepEqual(reported, [0, 0]);
  });

  it('leaves no file when cancelled after the first write (the uncancelled export leaves one: see above)', async () => {
    const file = path.join(folder, 'cancelled.json');
    let writes = 0;
    assert.equal(await writeEntries(file, 'sessions', 'json', entries, () => writes++, () => writes >= 1), false);
    assert.equal(writes, 1);
    assert.equal(fs.existsSync(file), false);
  });
});
