import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Incident } from '../../../src/watch/rules/incident';
import { AccountLease, leaseFile } from '../../../src/watch/lease';
import { emptySharedEntries, sharedEntriesFile, writeSharedEntries } from '../../../src/watch/sharedEntries';
import { emptyWatchRecord, forgetWatch, mergeIncidents, readWatchRecord, watchRecordFile, writeWatchRecord } from '../../../src/watch/watchRecord';

const incident = (id: string, count = 1): Incident => ({
  id, rule: 'endpointFailing', subject: 'https://example.test/hook', firstTime: 1000, lastTime: 2000, count, entryIds: [1], state: 'ongoing',
});

describe('watch record', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'watch-record-'));
  });
  afterEach(() => fs.rm(directory, { recursive: true, force: true }));

  it('reads back what was written, in a file of its own per account', async () => {
    const file = watchRecordFile(directory, 'acme');
    assert.notEqual(file, watchRecordFile(directory, 'other'));
    const record = { ...emptyWatchRecord(), incidents: [incident('a')] };
    await writeWatchRecord(file, record);
    assert.deepEqual(await readWatchRecord(file), record);
    assert.deepEqual(await fs.readdir(directory), [path.basename(file)], 'no draft left behind');
  });

  it('reads an empty record when there is no file, or it holds no record', async () => {
    const file = watchRecordFile(directory, 'acme');
    assert.deepEqual(await readWatchRecord(file), emptyWatchRecord());
    for (const text of ['{', '{"version":2}', 'null', '{"version":1,"ruleState":{"version":1},"incidents":{}}']) {
      await fs.writeFile(file, text);
      assert.deepEqual(await readWatchRecord(file), emptyWatchRecord(), text);
    }
  });

  it('reads a record written before logs had a polled-up-to time, or with one that is not a time, with none for that log', async () => {
    const file = watchRecordFile(directory, 'acme');
    const record = { ...emptyWatchRecord(), incidents: [incident('a')] };
    await fs.writeFile(file, JSON.stringify({ ...record, polledUpTo: undefined }));
    assert.deepEqual(await readWatchRecord(file), record);
    await fs.writeFile(file, JSON.stringify({ ...record, polledUpTo: { session: 'soon', webhook: 1000 } }));
    assert.deepEqual(await readWatchRecord(file), { ...record, polledUpTo: { webhook: 1000 } }, 'the time kept');
  });

  it('merges changed incidents in place and new ones last, dropping the oldest beyond the bound', () => {
    const stored = [incident('a'), incident('b'), incident('c')];
    const merged = mergeIncidents(stored, [incident('b', 5), incident('d')], 3);
    assert.deepEqual(merged.map(({ id, count }) => [id, count]), [['b', 5], ['c', 1], ['d', 1]]);
    assert.deepEqual(mergeIncidents(stored, [incident('b', 5)], 3).map(({ id }) => id), ['a', 'b', 'c'], 'control: within the bound, nothing is dropped');
  });

  it('forgets a removed account\'s record, shared entries and lease, and nothing of another account', async () => {
    for (const account of ['acme', 'other']) {
      await writeWatchRecord(watchRecordFile(directory, account), { ...emptyWatchRecord(), incidents: [incident(account)] });
      await writeSharedEntries(sharedEntriesFile(directory, account), emptySharedEntries());
      assert.equal(await new AccountLease({ directory, account }).acquire(), true);
    }
    const files = async () => (await fs.readdir(directory)).sort();
    const filesOf = (account: string) => [watchRecordFile(directory, account), sharedEntriesFile(directory, account), leaseFile(directory, account)].map((file) => path.basename(file));
    assert.deepEqual(await files(), [...filesOf('acme'), ...filesOf('other')].sort(), 'positive control: both accounts\' files are there');
    await forgetWatch(directory, 'acme');
    assert.deepEqual(await files(), filesOf('other').sort());
    await forgetWatch(directory, 'acme');
  });
});
