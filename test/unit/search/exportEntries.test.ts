import * as assert from 'node:assert/strict';
import { normalizeSession } from '../../../src/api/normalize';
import { accountVocabulary, generateActivity } from '../../../server/generate/generate';
import { normalizeWebhook } from '../../../src/api/normalize';
import type { ActivityEntry } from '../../../src/api/models';
import { csvPieces, ENTRIES_PER_PIECE, jsonPieces } from '../../../src/search/exportEntries';
import { todaysCsv, todaysJson } from './todaysExporter';

const entriesToCsv = (entries: readonly ActivityEntry[]) => [...csvPieces('sessions', entries)].join('');
const entriesToJson = (entries: readonly ActivityEntry[]) => [...jsonPieces('sessions', entries)].join('');

const entry = (id: number, attributes: Record<string, unknown>) => normalizeSession({ id, type: 'sessionActivity', attributes });

describe('exporting entries', () => {
  const entries = [
    entry(1, { created: '2026-11-20T12:00:00Z', operation: 'STOR', username: 'alice', fileName: '/a, "quoted"\nfile.txt', status: '-' }),
    entry(2, { created: '2026-11-20T11:00:00Z', operation: 'DELE', username: '=HYPERLINK("http://x")', fileName: '/b', status: '-', custom: { deep: 1 } }),
  ];

  it('writes CSV with every field, quoted per RFC 4180, formula-like cells defused', () => {
    const csv = entriesToCsv(entries);
    const [header, first] = csv.split('\r\n');
    assert.ok(header!.startsWith('kind,id,created,createdText,operation,'));
    assert.ok(first!.includes('"/a, ""quoted""\nfile.txt"'));
    assert.ok(first!.includes(',2026-11-20T12:00:00.000Z,'));
    assert.ok(first!.includes(',-,'), 'a lone "-" stays as it is');
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x"")"`));
    assert.ok(csv.includes('"{""custom"":{""deep"":1}}"'));
  });

  it('defuses full-width formula characters and a formula after leading spaces; plain text and negative numbers stay', () => {
    const cell = (username: string) => entriesToCsv([entry(3, { operation: 'STOR', username })]).split('\r\n')[1]!.split(',')[6];
    assert.ok(entriesToCsv([entry(3, { operation: 'STOR', username: 'probe' })]).split('\r\n')[0]!.split(',')[6] === 'username', 'column 6 is the user');
    for (const formula of ['\uff1dcmd|\'/c calc\'!A1', '\uff0b1+1', '\uff0d1+1', '\uff20SUM(A1)', '  =1+1', ' \t=1+1', '\u3000=1+1', '   +1', '  @x', '  -1+1']) {
      assert.equal(cell(formula), `'${formula}`, JSON.stringify(formula));
    }
    // Positive control: what is not a formula is written as it is.
    for (const plain of ['alice', ' alice', '-5', '  -5', '-', 'a=b', 'x\uff1d']) {
      assert.equal(cell(plain), plain, JSON.stringify(plain));
    }
  });

  it('writes cells of tricky text as the whole-string exporter did: commas, quotes, line breaks, formula starts, text beyond ASCII', () => {
    const tricky = ['a,b', 'say "hi"', '"', 'two\nlines', 'cr\rhere', 'crlf\r\n', '=1+1', '+1', '-1+1', '-5', '-', '-.5', '@x', '\t=1', '\r=1', ' =1', '\u00a0=1',
      '\u2028=1', '\ufeff+1', '\uff1d1', '\uff0d1', '\uff20x', '\uff0b1', 'é=1', 'ünïcödé, "quoted"', '日本語', '😀,=', '\ud800', '=a,"b"\n', '', ' ', '0', 'true', 'null'];
    const rows = tricky.map((text, n) => entry(10 + n, { created: '2026-11-20T12:00:00Z', operation: text, username: text, fileName: text, status: text, [text === '' ? 'blank' : text]: text }));
    assert.equal(entriesToCsv(rows), todaysCsv(rows));
    // Positive control: the cells do come out changed where they must (quoted, defused).
    assert.ok(entriesToCsv(rows).includes(`,"'=a,""b""\n",`));
  });

  it('writes JSON with every field and ISO times', () => {
    const json = JSON.parse(entriesToJson(entries)) as Record<string, unknown>[];
    assert.deepEqual(json.map((row) => row.id), [1, 2]);
    assert.equal(json[0]!.created, '2026-11-20T12:00:00.000Z');
    assert.equal(json[1]!.username, '=HYPERLINK("http://x")');
    assert.deepEqual(json[1]!.extra, { custom: { deep: 1 } });
  });

  it('writes the same text as the exporter that built the whole file at once, for seeded sessions and webhook calls (hostile text too)', function () {
    // Thousands of rows exported twice over: generous on a busy machine, where it has taken 11 s.
    this.timeout(60_000);
    for (const hostile of [false, true]) {
      const { sessions, webhooks } = generateActivity({ seed: 21, sessions: 300, webhooks: 300, now: new Date(Date.UTC(2026, 10, 27)), vocabulary: accountVocabulary(hostile), accountName: 'export' });
      const sessionEntries = Array.from({ length: 300 }, (_, i) => normalizeSession(sessions.entryAt(i)));
      const webhookEntries = webhooks.map(normalizeWebhook);
      assert.equal([...csvPieces('sessions', sessionEntries)].join(''), todaysCsv(sessionEntries));
      assert.equal([...csvPieces('webhooks', webhookEntries)].join(''), todaysCsv(webhookEntries));
      assert.equal([...jsonPieces('sessions', sessionEntries)].join(''), todaysJson(sessionEntries));
      assert.equal([...jsonPieces('webhooks', webhookEntries)].join(''), todaysJson(webhookEntries));
      // Around the entries a piece holds too: no element lost or doubled where pieces meet.
      for (const count of [0, 1, 2, ENTRIES_PER_PIECE - 1, ENTRIES_PER_PIECE, ENTRIES_PER_PIECE + 1, 2 * ENTRIES_PER_PIECE]) {
        assert.equal([...jsonPieces('webhooks', webhookEntries.slice(0, count))].join(''), todaysJson(webhookEntries.slice(0, count)), `${count} entries`);
        if (count > 0) { // no entries: the header from the log description, below
          const csv = [...csvPieces('webhooks', webhookEntries.slice(0, count))];
          assert.equal(csv.join(''), todaysCsv(webhookEntries.slice(0, count)), `${count} entries as CSV`);
          assert.equal(csv.length, Math.ceil(count / ENTRIES_PER_PIECE), `${count} entries as CSV pieces`);
        }
      }
    }
  });

  it('writes the extra fields\' cell as their JSON text: {} for none, a field named __proto__ or constructor as a field, hostile text quoted', () => {
    const extraCell = (attributes: Record<string, unknown>) => {
      const csv = entriesToCsv([entry(5, { created: '2026-11-20T12:00:00Z', operation: 'STOR', ...attributes })]);
      assert.equal(csv, todaysCsv([entry(5, { created: '2026-11-20T12:00:00Z', operation: 'STOR', ...attributes })]), JSON.stringify(attributes));
      return csv.split('\r\n')[1]!.split(',').at(-1);
    };
    assert.equal(extraCell({}), '{}');
    assert.equal(extraCell({ username: 'alice' }), '{}', 'a known field is no extra field');
    // Positive controls: fields of their own, named like Object.prototype's members too, are not an empty object.
    assert.equal(extraCell({ region: 'eu' }), '"{""region"":""eu""}"');
    assert.equal(extraCell(JSON.parse('{"__proto__":1}') as Record<string, unknown>), '"{""__proto__"":1}"');
    assert.equal(extraCell({ constructor: 'x' }), '"{""constructor"":""x""}"');
    assert.equal(extraCell({ note: '=1+1' }), '"{""note"":""=1+1""}"');
  });

  it('names every field in the CSV header even with no rows (from the log description, not from the rows)', () => {
    const header = [...csvPieces('sessions', [])].join('');
    assert.equal(header, `${todaysCsv(entries).split('\r\n')[0]}\r\n`);
  });
});
