import * as assert from 'node:assert/strict';
import { searchFromQuery, sidebarQuery } from '../../../src/search/queryFilters';
import { closestPreset } from '../../../src/search/search';

const HOUR = 3_600_000;

describe('the sidebar\'s query parameters as a search', () => {
  it('maps a Sessions view\'s filters to SessionFilters', () => {
    assert.deepEqual(
      searchFromQuery('sessions', { username: 'alice', ipAddress: '10.0.0.5', path: '/Finance/q3.xlsx', type: 'dele' }, { preset: 'day' }),
      { kind: 'sessions', range: { preset: 'day' }, filters: { types: ['DELE'], username: 'alice', ipAddress: '10.0.0.5', path: '/Finance/q3.xlsx' } },
    );
  });

  it('maps a Webhook Calls view\'s filters to WebhookFilters (the status code as text)', () => {
    assert.deepEqual(
      searchFromQuery('webhooks', { event: 'resources.upload', statusCode: 404, endpointUrl: 'https://h.example/x', resourcePath: '/a', username: 'bob' }, { preset: 'week' }),
      { kind: 'webhooks', range: { preset: 'week' }, filters: { events: ['resources.upload'], status: '404', endpointUrl: 'https://h.example/x', resourcePath: '/a', username: 'bob' } },
    );
  });

  it('leaves out empty values and parameters a search does not take', () => {
    assert.deepEqual(searchFromQuery('sessions', {}, { preset: 'hour' }), { kind: 'sessions', range: { preset: 'hour' }, filters: {} });
    assert.deepEqual(searchFromQuery('sessions', { username: '', sort: '-date', offset: 5, event: 'resources.upload' }, { preset: 'hour' }).filters, {});
    assert.deepEqual(searchFromQuery('webhooks', { ipAddress: '10.0.0.1', path: '/x', type: 'STOR' }, { preset: 'hour' }).filters, {});
  });
});

describe('sidebarQuery: a view\'s filters as its one query', () => {
  it('sends every filter the API takes, one operation type included, and keeps nothing locally', () => {
    assert.deepEqual(sidebarQuery('sessions', { types: ['DELE'], username: 'alice', path: '/Finance/*' }), { query: { type: 'DELE', username: 'alice', path: '/Finance/*' }, keep: undefined });
    assert.deepEqual(sidebarQuery('webhooks', { status: '404', endpointUrl: 'https://h.example/a b' }), { query: { statusCode: 404, endpointUrl: 'https://h.example/a%20b' }, keep: undefined });
    assert.deepEqual(sidebarQuery('sessions', {}), { query: {}, keep: undefined });
  });

  it('keeps a status class and failed entries among what a query of every status loads', () => {
    const { query, keep } = sidebarQuery('webhooks', { username: 'bob', status: '4xx', failed: true });
    assert.deepEqual(query, { username: 'bob' });
    const call = (status: number, failed: boolean) => ({ kind: 'webhook', status, noAnswer: status < 100, failed }) as never;
    assert.deepEqual([call(404, true), call(500, true), call(28, true), call(200, false)].map(keep!), [true, false, false, false]);
  });

  it('asks for every type when several are chosen, and keeps the chosen ones', () => {
    const { query, keep } = sidebarQuery('sessions', { types: ['STOR', 'DELE'], username: 'alice' });
    assert.deepEqual(query, { username: 'alice' });
    const entry = (operation: string) => ({ kind: 'session', operation }) as never;
    assert.deepEqual(['STOR', 'RETR', 'DELE'].map((operation) => keep!(entry(operation))), [true, false, true]);
  });
});

describe('closestPreset', () => {
  it('takes the preset nearest the sidebar\'s window, by ratio', () => {
    assert.deepEqual([1, 3, 12, 24, 48, 96, 24 * 7, 24 * 20, 24 * 30, 24 * 60, 2160].map((hours) => closestPreset(hours * HOUR)),
      ['hour', 'hour', 'day', 'day', 'day', 'week', 'week', 'month', 'month', 'quarter', 'quarter']);
  });
});
