import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActivityEntry } from '../../../src/api/models';
import { normalizeSession, normalizeWebhook } from '../../../src/api/normalize';
import {
  appendSharedEntries, emptySharedEntries, MAX_SHARED_ENTRIES_PER_LOG, readSharedEntries, SharedEntriesReader, sharedEntriesFile, writeSharedEntries, type SharedEntries,
} from '../../../src/watch/sharedEntries';
import { accountVocabulary, generateActivity } from '../../../server/generate/generate';

const NOW = new Date(Date.UTC(2026, 2, 1, 10));
// Hostile text too: keys such as "__proto__" and markup must come back as they went.
const { sessions, webhooks } = generateActivity({ seed: 31, sessions: 40, webhooks: 40, now: NOW, vocabulary: accountVocabulary(true), accountName: 'shared' });
const SESSIONS = Array.from({ length: 40 }, (_, i) => normalizeSession(sessions.entryAt(i)));
const WEBHOOKS = webhooks.map(normalizeWebhook);

const plain = (entries: readonly ActivityEntry[]) => entries.map((entry) => ({ kind: entry.kind, json: entry.toJSON() }));

describe('shared entries of a watch', () => {
  let directory: string;
  let file: string;
  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'shared-entries-'));
    file = sharedEntriesFile(directory, 'acme');
  });
  afterEach(() => fs.rm(directory, { recursive: true, force: true }));

  it('hands a reader the entries written since its last read, as models equal to those the client built', async () => {
    let shared = appendSharedEntries(emptySharedEntries(), 'session', SESSIONS.slice(0, 5));
    await writeSharedEntries(file, shared);
    const reader = new SharedEntriesReader(file);
    // Its first read: what came before is the view's own refresh to bring.
    assert.deepEqual(await reader.read(), { entries: { session: [], webhook: [] }, missed: ['session', 'webhook'] });

    shared = appendSharedEntries(shared, 'session', SESSIONS.slice(5));
    shared = appendSharedEntries(shared, 'webhook', WEBHOOKS);
    await writeSharedEntries(file, shared);
    const read = await reader.read();
    assert.deepEqual(read.missed, []);
    assert.deepEqual(plain(read.entries.session), plain(SESSIONS.slice(5)));
    assert.deepEqual(plain(read.entries.webhook), plain(WEBHOOKS));
    assert.deepEqual(await fs.readdir(directory), [path.basename(file)], 'no draft left behind');
    // Each once: read again, nothing is new.
    assert.deepEqual(await reader.read(), { entries: { session: [], webhook: [] }, missed: [] });
  });

  it('keeps the newest entries of a log up to the bound, each once however often a holder reads it', () => {
    let shared = emptySharedEntries();
    for (const entry of SESSIONS) {
      shared = appendSharedEntries(shared, 'session', [entry], 10);
    }
    shared = appendSharedEntries(shared, 'session', SESSIONS.slice(35), 10);
    assert.equal(shared.logs.session.total, SESSIONS.length);
    assert.deepEqual(shared.logs.session.entries.map(({ id }) => id), SESSIONS.slice(-10).map(({ id }) => id));
    assert.deepEqual(shared.logs.webhook, { total: 0, entries: [] });

    const full = appendSharedEntries(emptySharedEntries(), 'session',
      Array.from({ length: MAX_SHARED_ENTRIES_PER_LOG + 1 }, (_, i) => normalizeSession({ ...sessions.entryAt(0), id: i + 1 })));
    assert.deepEqual([full.logs.session.total, full.logs.session.entries.length, full.logs.session.entries[0]!.id], [MAX_SHARED_ENTRIES_PER_LOG + 1, MAX_SHARED_ENTRIES_PER_LOG, 2]);
  });

  it('says which logs a reader missed entries of: the bound dropped them before it read, or the file started anew', async () => {
    const reader = new SharedEntriesReader(file);
    let shared = emptySharedEntries();
    await writeSharedEntries(file, shared);
    await reader.read();
    shared = appendSharedEntries(shared, 'session', SESSIONS.slice(0, 10), 10);
    shared = appendSharedEntries(shared, 'webhook', WEBHOOKS.slice(0, 3), 10);
    await writeSharedEntries(file, shared);
    const exactlyTheBound = await reader.read();
    assert.deepEqual([exactlyTheBound.missed, exactlyTheBound.entries.session.length, exactlyTheBound.entries.webhook.length], [[], 10, 3], 'control: as many as the bound, none missed');

    shared = appendSharedEntries(shared, 'session', SESSIONS.slice(10, 21), 10);
    await writeSharedEntries(file, shared);
    const beyond = await reader.read();
    assert.deepEqual(beyond, { entries: { session: [], webhook: [] }, missed: ['session'] });

    await writeSharedEntries(file, appendSharedEntries(emptySharedEntries(), 'session', SESSIONS.slice(21, 22)));
    assert.deepEqual((await reader.read()).missed, ['session', 'webhook'], 'another generation');
  });

  it('reads no entries from a half-written or foreign file', async () => {
    const shared = appendSharedEntries(appendSharedEntries(emptySharedEntries(), 'session', SESSIONS.slice(0, 3)), 'webhook', WEBHOOKS.slice(0, 3));
    const text = JSON.stringify(shared);
    await fs.writeFile(file, text);
    assert.deepEqual(await readSharedEntries(file), JSON.parse(text) as SharedEntries, 'positive control: the whole file reads');
    const foreign: unknown[] = [
      text.slice(0, text.length / 2),
      '{}',
      'null',
      JSON.stringify({ ...shared, version: 2 }),
      JSON.stringify({ ...shared, logs: { session: shared.logs.session } }),
      JSON.stringify({ ...shared, logs: { ...shared.logs, session: { total: 1, entries: shared.logs.session.entries } } }),
      JSON.stringify({ ...shared, logs: { ...shared.logs, webhook: { total: 3, entries: [{ id: '1', attributes: {} }, ...shared.logs.webhook.entries.slice(1)] } } }),
      JSON.stringify({ ...shared, logs: { ...shared.logs, webhook: { total: 3, entries: [{ id: 1, attributes: [] }, ...shared.logs.webhook.entries.slice(1)] } } }),
    ];
    for (const content of foreign) {
      await fs.writeFile(file, content as string);
      assert.equal(await readSharedEntries(file), undefined, String(content).slice(0, 80));
    }
    await fs.rm(file);
    assert.equal(await readSharedEntries(file), undefined, 'no file');

    // A reader that read the whole file before finds nothing new in a broken one.
    await fs.writeFile(file, text);
    const reader = new SharedEntriesReader(file);
    await reader.read();
    await fs.writeFile(file, text.slice(0, text.length - 10));
    assert.deepEqual(await reader.read(), { entries: { session: [], webhook: [] }, missed: [] });
  });
});
