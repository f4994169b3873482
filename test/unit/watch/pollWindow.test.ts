import * as assert from 'node:assert/strict';
import { POLL_OVERLAP_MS, PollWindow, type Timed, type WindowRequest } from '../../../src/watch/pollWindow';

const T0 = Date.parse('2026-03-01T10:00:00Z');

/** A log as the API serves it with sort=date: oldest first, ties by id descending, from startDate on. */
function serve(log: readonly Timed[], request: WindowRequest): Timed[] {
  const from = Date.parse(request.startDate);
  return log.filter((e) => e.created !== undefined && e.created >= from)
    .sort((a, b) => a.created! - b.created! || b.id - a.id)
    .slice(request.offset, request.offset + request.limit);
}

/** One poll to the end; what it passed on, how many requests it sent, and the run. */
function poll(window: PollWindow<Timed>, log: readonly Timed[], pageSize = 5, maxPages = 10, answer = serve) {
  const run = window.startPoll({ pageSize, maxPages });
  const passed: Timed[] = [];
  const requests: WindowRequest[] = [];
  for (let request = run.next(); request; request = run.next()) {
    requests.push(request);
    passed.push(...run.accept(answer(log, request)));
  }
  return { passed, requests, run };
}

const at = (id: number, second: number): Timed => ({ id, created: T0 + second * 1000 });

describe('PollWindow', () => {
  it('asks from when watching started, oldest first, and never for anything before', () => {
    const log = [at(1, -5), at(2, 3), at(3, 4)];
    const { passed, requests } = poll(new PollWindow({ since: T0 }), log);
    assert.deepEqual(passed.map((e) => e.id), [2, 3]);
    assert.deepEqual(requests, [{ startDate: new Date(T0).toISOString(), offset: 0, limit: 5, sort: 'date' }]);
  });

  it('a quiet log costs one request a poll and passes nothing on twice', () => {
    const window = new PollWindow({ since: T0 });
    const log = [at(1, 1), at(2, 2)];
    assert.equal(poll(window, log).passed.length, 2);
    const again = poll(window, log);
    assert.deepEqual(again.passed, []);
    assert.equal(again.requests.length, 1);
    // The overlap before the newest entry seen, not after it.
    assert.equal(again.requests[0]!.startDate, new Date(Math.max(T0, T0 + 2000 - POLL_OVERLAP_MS)).toISOString());
  });

  it('passes on entries of the second already seen, and entries logged late within the overlap', () => {
    const window = new PollWindow({ since: T0 });
    const log = [at(1, 100), at(2, 100)];
    poll(window, log);
    log.push(at(3, 100), at(4, 100 - 30), at(5, 101));
    assert.deepEqual(poll(window, log).passed.map((e) => e.id).sort(), [3, 4, 5]);
    assert.deepEqual(poll(window, log).passed, []);
  });

  it('pages a busy log through a second with more entries than a page, with no repeat or gap', () => {
    const window = new PollWindow({ since: T0 });
    const log = Array.from({ length: 23 }, (_, i) => at(i + 1, i < 12 ? 7 : 8));
    const { passed, requests } = poll(window, log, 5);
    assert.deepEqual(passed.map((e) => e.id).sort((a, b) => a - b), log.map((e) => e.id));
    assert.equal(requests.length, 5, '23 entries at 5 a page');
    // Entries of one second go on by offset within it; the next second starts from it.
    assert.deepEqual(requests.map((r) => [r.startDate.slice(17, 19), r.offset]), [['00', 0], ['07', 5], ['07', 10], ['08', 3], ['08', 8]]);
  });

  it('stops at the page cap, says it is behind, and the next poll continues exactly there', () => {
    const window = new PollWindow({ since: T0 });
    const log = Array.from({ length: 40 }, (_, i) => at(i + 1, i));
    const first = poll(window, log, 5, 3);
    assert.equal(first.requests.length, 3);
    assert.equal(first.run.behind, true);
    assert.deepEqual(first.passed.map((e) => e.id), range(1, 15));
    const second = poll(window, log, 5, 3);
    assert.deepEqual(second.passed.map((e) => e.id), range(16, 30));
    const third = poll(window, log, 5, 3);
    assert.deepEqual(third.passed.map((e) => e.id), range(31, 40));
    assert.equal(third.run.behind, false);
    assert.equal(third.requests.length, 3, '31..35, 36..40, then an empty page');
  });

  it('stops paging that makes no progress: a server ignoring the offset, or sending older entries', () => {
    const window = new PollWindow({ since: T0 });
    const log = Array.from({ length: 20 }, (_, i) => at(i + 1, 5));
    const ignoresOffset = poll(window, log, 5, 10, (l, r) => serve(l, { ...r, offset: 0 }));
    assert.equal(ignoresOffset.requests.length, 2);
    assert.match(ignoresOffset.run.warning ?? '', /already loaded/);
    // Positive control: the same log with offsets honoured is read to its end without a warning.
    const honest = poll(new PollWindow({ since: T0 }), log, 5, 10);
    assert.equal(honest.passed.length, 20);
    assert.equal(honest.run.warning, undefined);

    const older = poll(new PollWindow({ since: T0 }), log, 5, 10, () => [at(99, -10)]);
    assert.deepEqual(older.passed, []);
    assert.match(older.run.warning ?? '', /older than/);
  });

  it('remembers only the ids a request can bring back, and at most the cap', () => {
    const window = new PollWindow({ since: T0, overlapMs: 10_000, maxRememberedIds: 6 });
    const log = Array.from({ length: 30 }, (_, i) => at(i + 1, i * 2));
    poll(window, log, 50);
    // Newest at 58 s: only entries from 48 s on can come back (48, 50, .., 58).
    assert.equal(window.remembered, 6);
    const bounded = new PollWindow<Timed>({ since: T0, maxRememberedIds: 4 });
    poll(bounded, Array.from({ length: 10 }, (_, i) => at(i + 1, 1)), 50);
    assert.equal(bounded.remembered, 4);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
