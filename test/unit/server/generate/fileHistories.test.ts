// File lives in the generated log: each recorded history is in the log as recorded, consistent (a
// renamed or moved file names its old path in fileSource; a deleted folder's files were uploaded
// under it before), and the account's files follow it (what was deleted is gone, the copy is there).
import * as assert from 'node:assert/strict';
import type { SessionEntryWire } from '../../../../src/api/wire';
import { startExaVaultServer, type FileStep } from '../../../../server/index';
import { FILE_LIVES_FROM_SESSIONS } from '../../../../server/generate/generateSessions';
import { useLocalServer } from '../../../support/localServer';

const NOW = new Date('2026-07-15T18:30:00.750Z');
const DAY = 86_400_000;

describe('local server: file lives', () => {
  const local = useLocalServer({ seed: 11, sessions: 2000, webhooks: 50, now: NOW });
  const logged = (step: FileStep): SessionEntryWire[] => local.server.sessions.filter(({ attributes }) => attributes.operation === step.operation
    && attributes.fileName === step.path && (attributes.fileSource ?? '') === step.source && attributes.username === step.username
    && Date.parse(attributes.created!) === step.created);

  it('records moved, renamed, copied files and files of deleted folders, each step logged once', () => {
    const histories = local.server.fileHistories;
    const operations = new Set(histories.flatMap((history) => history.steps.map((step) => step.operation)));
    assert.deepEqual([...operations].sort(), ['COPY', 'MOVE', 'RNTO', 'STOR']);
    assert.ok(histories.some((history) => history.ended && history.ended.path !== history.steps.at(-1)!.path), 'a file ended by its folder\'s deletion');
    for (const history of histories) {
      for (const step of [...history.steps, ...(history.ended ? [history.ended] : [])]) {
        assert.equal(logged(step).length, 1, `${step.operation} ${step.path}`);
        assert.ok(step.created > NOW.getTime() - 90 * DAY && step.created < NOW.getTime(), `${step.path} within the 90 days kept`);
      }
    }
  });

  it('is consistent: each step takes the path the one before left, an ending deletes the file or a folder above it, after it', () => {
    for (const history of local.server.fileHistories) {
      assert.equal(history.steps[0]!.operation, 'STOR');
      assert.equal(history.steps[0]!.source, '');
      for (let n = 1; n < history.steps.length; n++) {
        assert.equal(history.steps[n]!.source, history.steps[n - 1]!.path);
        assert.ok(history.steps[n]!.created > history.steps[n - 1]!.created);
      }
      const last = history.steps.at(-1)!;
      if (history.ended) {
        assert.equal(history.ended.operation, 'DELE');
        assert.ok(last.path === history.ended.path || last.path.startsWith(`${history.ended.path}/`));
        assert.ok(history.ended.created > last.created);
        assert.equal(local.server.resource(last.path), undefined, `${last.path} is gone`);
      } else {
        assert.equal(local.server.resource(last.path)?.type, 'file', `${last.path} is there`);
      }
    }
  });

  it('is the same for the same seed, and told only by a log big enough for it', async () => {
    const same = await startExaVaultServer({ seed: 11, sessions: 2000, webhooks: 50, now: NOW });
    const small = await startExaVaultServer({ seed: 11, sessions: FILE_LIVES_FROM_SESSIONS - 1, webhooks: 0, now: NOW });
    try {
      assert.deepEqual(same.fileHistories, local.server.fileHistories);
      assert.ok(local.server.fileHistories.length > 0);
      assert.deepEqual(small.fileHistories, []);
    } finally {
      await Promise.all([same.close(), small.close()]);
    }
  });

  it('serves the record under /__control/file-histories', async () => {
    const reply = await fetch(`${local.server.url}/__control/file-histories`);
    assert.equal(reply.status, 200);
    assert.deepEqual(await reply.json(), local.server.fileHistories);
  });
});
