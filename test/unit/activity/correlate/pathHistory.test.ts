// "Trace Path History" against the local server: each traced chain is compared with the file life
// the generator recorded (never with the tracer run again), and each trace's calls are counted at
// the server and against what the data says they must be.
import * as assert from 'node:assert/strict';
import { parentFolders, pathHistoryText, tracePath, type PathHistory } from '../../../../src/activity/correlate/pathHistory';
import type { SessionPages } from '../../../../src/activity/correlate/sessionStory';
import { ExaVaultError } from '../../../../src/api/errors';
import type { FileHistory, FileStep } from '../../../../server/index';
import { useLocalServer, type LocalServer } from '../../../support/localServer';

const NOW = new Date('2026-07-15T18:30:00.750Z');
const PAGE = 1000;

/** A traced step as the generator records one. */
const asRecorded = ({ entry }: PathHistory['steps'][number]): FileStep => ({
  operation: entry.operation, path: entry.fileName, source: entry.fileSource, username: entry.username, created: entry.created!,
});

async function trace(local: LocalServer, path: string, options: { pageSize?: number; cap?: number } = {}) {
  const before = local.server.stats().requests;
  const history = await tracePath(local.client, path, { now: NOW.getTime(), pageSize: options.pageSize ?? PAGE, cap: options.cap });
  return { history, requests: local.server.stats().requests - before };
}

describe('Trace Path History: who made a file disappear', () => {
  const local = useLocalServer({ seed: 11, sessions: 2000, webhooks: 50, now: NOW });
  const lives = () => local.server.fileHistories;
  const last = (life: FileHistory) => life.steps.at(-1)!;
  /** The entries one query of the trace brings: a page each while they fit one (checked by the callers). */
  const logged = (test: (entry: { operation?: string; fileName?: string; fileSource?: string }) => boolean) =>
    local.server.sessions.filter(({ attributes }) => test(attributes)).length;
  const moves = () => logged((a) => a.operation === 'MOVE');
  const renames = () => logged((a) => a.operation === 'RNTO');

  it('follows a rename chain back from the copy\'s path to the upload: renamed twice, moved, copied; still there', async () => {
    const copies = lives().filter((life) => !life.ended && last(life).operation === 'COPY');
    assert.ok(copies.length >= 2);
    for (const life of copies) {
      const path = last(life).path;
      assert.ok(moves() < PAGE && renames() < PAGE, 'each scan fits a page');
      const { history, requests } = await trace(local, path);
      assert.deepEqual(history.steps.map(asRecorded), life.steps);
      assert.deepEqual(history.steps.map((step) => step.kind), ['uploaded', 'renamed', 'renamed', 'moved', 'copied']);
      assert.equal(history.originFound, true);
      assert.equal(history.ended, false);
      // One query per path of the chain, one per folder above the copy, one page of each scan.
      assert.equal(requests, life.steps.length + parentFolders(path).length + 2);
      assert.equal(history.requests, requests);
      assert.equal(history.capped, false);
    }
  });

  it('follows a moved file forward from where it was uploaded to its deletion, and back from where it was deleted', async () => {
    const deleted = lives().filter((life) => life.ended?.path === last(life).path);
    assert.ok(deleted.length >= 2);
    for (const life of deleted) {
      const chain = [...life.steps, life.ended!];
      const uploaded = life.steps[0]!.path;
      const forward = await trace(local, uploaded);
      assert.deepEqual(forward.history.steps.map(asRecorded), chain);
      assert.deepEqual(forward.history.steps.map((step) => step.kind), ['uploaded', 'renamed', 'renamed', 'moved', 'deleted']);
      assert.equal(forward.history.ended, true);
      // The upload's path and each later one; the folders above each path it left (the last one's
      // deletion is among its entries), each asked for once; one page of each scan, read once for every path.
      const folders = new Set(life.steps.slice(0, -1).flatMap((step) => parentFolders(step.path))).size;
      assert.ok(folders < life.steps.slice(0, -1).flatMap((step) => parentFolders(step.path)).length, 'renames keep the folder: asked for again without the cache');
      assert.equal(forward.requests, chain.length - 1 + folders + 2);
      assert.equal(forward.history.requests, forward.requests);

      const back = await trace(local, last(life).path);
      assert.deepEqual(back.history.steps.map(asRecorded), chain);
      // Its own path (the deletion and the move that made it) and each path before: no scan needed.
      assert.equal(back.requests, life.steps.length);
      assert.equal(back.history.requests, back.requests);
    }
  });

  it('finds a file gone with its grandparent folder, and one gone with its parent', async () => {
    const byFolder = lives().filter((life) => life.ended && life.ended.path !== last(life).path);
    const grandparent = byFolder.find((life) => parentFolders(last(life).path)[1] === life.ended!.path);
    const parent = byFolder.find((life) => parentFolders(last(life).path)[0] === life.ended!.path);
    assert.ok(grandparent && parent, 'the generator told both');
    for (const life of [grandparent, parent]) {
      const path = last(life).path;
      const { history, requests } = await trace(local, path);
      assert.deepEqual(history.steps.map(asRecorded), [...life.steps, life.ended!]);
      assert.deepEqual(history.steps.map((step) => step.kind), ['uploaded', 'folderDeleted']);
      assert.equal(history.ended, true);
      // Its own path, each folder above it, one page of each scan (it might have been moved out first).
      assert.equal(requests, 1 + parentFolders(path).length + 2);
      assert.equal(history.requests, requests);
      assert.match(pathHistoryText(history), new RegExp(`folder ${life.ended!.path} deleted by ${life.ended!.username}, with the file in it`));
    }
  });

  it('stops at the call cap, says how many were spent and what was not searched, and keeps what it found', async () => {
    const life = lives().find((candidate) => candidate.ended?.path === last(candidate).path)!;
    const { history, requests } = await trace(local, life.steps[0]!.path, { cap: 3 });
    assert.equal(requests, 3);
    assert.equal(history.requests, 3);
    assert.equal(history.capped, true);
    assert.equal(history.ended, false);
    assert.deepEqual(history.steps.map(asRecorded), life.steps.slice(0, 1), 'the upload, found before the cap');
    const text = pathHistoryText(history);
    assert.match(text, /3 API calls\./);
    assert.match(text, /Stopped at the cap of 3 API calls \(setting exavault\.pathHistory\.maxCalls\)/);
    assert.match(text, /Not searched: .*deletions of the folder/);
    // Positive control: with calls enough, the same trace ends.
    assert.equal((await trace(local, life.steps[0]!.path)).history.ended, true);
  });

  it('stops at the next call once cancelled, and makes no more', async () => {
    const life = lives().find((candidate) => candidate.ended?.path === last(candidate).path)!;
    const cancel = new AbortController();
    // The log as the tracer sees it, cancelled by the user as soon as the first page came.
    const cancelledAfterFirstPage: SessionPages = {
      async *sessionPages(query, options) {
        for await (const page of local.client.sessionPages(query, options)) {
          cancel.abort();
          yield page;
        }
      },
    };
    const before = local.server.stats().requests;
    await assert.rejects(tracePath(cancelledAfterFirstPage, life.steps[0]!.path, { now: NOW.getTime(), pageSize: PAGE, signal: cancel.signal }),
      (error: unknown) => error instanceof ExaVaultError && error.kind === 'cancelled');
    assert.equal(local.server.stats().requests - before, 1);
    // Positive control: not cancelled, the same trace goes on past its first call.
    assert.ok((await trace(local, life.steps[0]!.path)).requests > 1);
  });

  it('reads as a chain, oldest first, each step with when, what and who', async () => {
    const life = lives().find((candidate) => candidate.ended?.path === last(candidate).path)!;
    const { history } = await trace(local, life.steps[0]!.path);
    const lines = pathHistoryText(history).split('\n');
    const chain = lines.filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    assert.equal(chain.length, 5);
    assert.match(chain[0]!, new RegExp(`uploaded as .+ by ${life.steps[0]!.username}$`));
    assert.match(chain[1]!, new RegExp(`renamed from .+ to .+ by ${life.steps[1]!.username}$`));
    assert.match(chain[3]!, new RegExp(`moved from .+ to .+ by ${life.steps[3]!.username}$`));
    assert.match(chain[4]!, new RegExp(`deleted \\(.+\\) by ${life.ended!.username}$`));
    assert.ok(lines.includes(`${history.requests} API calls.`));
    assert.ok(!lines.some((line) => line.startsWith('Stopped at the cap')), 'positive control in the cap test');
  });
});

describe('Trace Path History when paging makes no progress', () => {
  // A server that sends the newest page whatever the window asked for: a scan can never go back.
  const local = useLocalServer({ seed: 11, sessions: 2000, webhooks: 50, now: NOW, quirks: { stuckCursor: 'samePage' } });

  it('stops the scan at the first page that brings nothing new, says so, and spends no more', async () => {
    const PAGE_OF_TEN = 10;
    const uploaded = (life: FileHistory) => life.steps[0]!.created;
    const life = [...local.server.fileHistories].sort((a, b) => uploaded(a) - uploaded(b))[0]!;
    const newerMoves = local.server.sessions.filter(({ attributes: a }) => a.operation === 'MOVE' && Date.parse(a.created!) >= uploaded(life)).length;
    assert.ok(newerMoves > PAGE_OF_TEN, `${newerMoves} moves since the upload: the scan needs a second page`);
    const { history, requests } = await trace(local, life.steps[0]!.path, { pageSize: PAGE_OF_TEN, cap: 500 });
    assert.equal(history.capped, false);
    assert.ok(history.warnings.length > 0);
    assert.match(pathHistoryText(history), /stopped loading/);
    assert.equal(history.requests, requests);
    // Each query stops at its second page at the latest: far below the cap.
    assert.ok(requests < 60, `${requests} calls`);
  });
});
