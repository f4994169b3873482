import * as assert from 'node:assert/strict';
import { planSearch } from '../../../src/search/plan';

const NOW = new Date('2026-11-20T12:00:00Z');

describe('planSearch: a search as the API requests it takes', () => {
  it('maps one value per parameter directly, with the window in UTC', () => {
    const plan = planSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { username: 'alice', types: ['DELE'], path: '/Finance*' } }, NOW);
    assert.deepEqual(plan.queries, [{ startDate: '2026-11-19T12:00:00.000Z', endDate: '2026-11-20T12:00:00.000Z', username: 'alice', path: '/Finance*', type: 'DELE' }]);
    assert.deepEqual(plan.notes, []);
    assert.equal(plan.keep, undefined);
  });

  it('asks for several operation types or events with one query each, and says so', () => {
    const sessions = planSearch({ kind: 'sessions', range: { preset: 'hour' }, filters: { types: ['STOR', 'RETR', 'DELE'] } }, NOW);
    assert.deepEqual(sessions.queries.map((q) => q.type), ['STOR', 'RETR', 'DELE']);
    assert.match(sessions.notes[0]!, /^3 operation types: the API takes one per request, so this runs 3 queries/);
    const webhooks = planSearch({ kind: 'webhooks', range: { preset: 'hour' }, filters: { events: ['resources.upload', 'resources.delete'] } }, NOW);
    assert.deepEqual(webhooks.queries.map((q) => q.event), ['resources.upload', 'resources.delete']);
  });

  it('filters a status class in the extension over a query of every status, and a status code on the server', () => {
    const byClass = planSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { status: '4XX' } }, NOW);
    assert.equal(byClass.queries[0]!.statusCode, undefined);
    assert.match(byClass.notes[0]!, /^Status 4xx: the API filters on one status code/);
    const call = (status: number, noAnswer = false) => ({ kind: 'webhook', status, noAnswer }) as never;
    assert.deepEqual([call(404), call(500), call(200), call(28, true), call(400)].map(byClass.keep!), [true, false, false, false, true]);
    const byCode = planSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { status: '503' } }, NOW);
    assert.equal(byCode.queries[0]!.statusCode, 503);
    assert.equal(byCode.keep, undefined);
  });

  it('keeps the failed entries only over a query of every status, and says so', () => {
    const sessions = planSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { username: 'alice', failed: true } }, NOW);
    assert.deepEqual(sessions.queries, [{ startDate: '2026-11-19T12:00:00.000Z', endDate: '2026-11-20T12:00:00.000Z', username: 'alice' }]);
    assert.match(sessions.notes[0]!, /^Failed only: the API does not filter on failures/);
    const entry = (failed: boolean) => ({ kind: 'session', failed }) as never;
    assert.deepEqual([entry(true), entry(false)].map(sessions.keep!), [true, false]);
    const webhooks = planSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { failed: true } }, NOW);
    assert.equal(webhooks.queries[0]!.statusCode, undefined);
    const call = (status: number, failed: boolean) => ({ kind: 'webhook', status, noAnswer: status < 100, failed }) as never;
    assert.deepEqual([call(404, true), call(200, false), call(28, true)].map(webhooks.keep!), [true, false, true]);
  });

  it('keeps what both a status class and "Failed only" keep', () => {
    const plan = planSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { status: '4xx', failed: true } }, NOW);
    assert.equal(plan.notes.length, 2);
    const call = (status: number, failed: boolean) => ({ kind: 'webhook', status, noAnswer: status < 100, failed }) as never;
    assert.deepEqual([call(404, true), call(500, true), call(28, true), call(200, false)].map(plan.keep!), [true, false, false, false]);
  });

  it('asks every request for the server order, by the API\'s sort name, and nothing for newest first (paging sends that)', () => {
    const bySize = planSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { types: ['RETR', 'STOR'] }, order: { field: 'size', descending: true } }, NOW);
    assert.deepEqual(bySize.queries.map((query) => query.sort), ['-size', '-size']);
    const bySource = planSearch({ kind: 'sessions', range: { preset: 'day' }, filters: {}, order: { field: 'source', descending: false } }, NOW);
    assert.equal(bySource.queries[0]!.sort, 'sort_logs_file_source');
    const byAttempt = planSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: { status: '5xx' }, order: { field: 'attemptId', descending: true } }, NOW);
    assert.equal(byAttempt.queries[0]!.sort, '-attempt_id');
    assert.ok(byAttempt.keep, 'a status class is still kept here');
    const newest = planSearch({ kind: 'sessions', range: { preset: 'day' }, filters: {} }, NOW);
    assert.equal('sort' in newest.queries[0]!, false);
  });

  it('keeps the failed transfers with the failed logins: one filter of every session that failed', () => {
    const plan = planSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { failed: true } }, NOW);
    const entry = (operation: string, failed: boolean) => ({ kind: 'session', operation, failed }) as never;
    assert.deepEqual([entry('PASS', true), entry('STOR', true), entry('RETR', true), entry('STOR', false)].map(plan.keep!), [true, true, true, false]);
    assert.match(plan.notes[0]!, /keeps the failed logins and transfers here/);
  });

  it('keeps the calls that got no answer only over a query of every status, and says so', () => {
    const plan = planSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { failed: 'noAnswer', username: 'alice' } }, NOW);
    assert.deepEqual(plan.queries, [{ startDate: new Date(1).toISOString(), endDate: new Date(2).toISOString(), username: 'alice' }]);
    assert.match(plan.notes[0]!, /^No answer only: the API filters on one status code/);
    const call = (status: number) => ({ kind: 'webhook', status, noAnswer: status < 100, failed: status < 100 || status >= 400 }) as never;
    assert.deepEqual([call(0), call(28), call(404), call(500), call(200)].map(plan.keep!), [true, true, false, false, false]);
    // With a status class too: what both keep (no answer belongs to no class).
    const both = planSearch({ kind: 'webhooks', range: { from: 1, to: 2 }, filters: { failed: 'noAnswer', status: '5xx' } }, NOW);
    assert.deepEqual([call(28), call(500)].map(both.keep!), [false, false]);
  });
});
