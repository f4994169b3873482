import * as assert from 'node:assert/strict';
import { searchFromQuery } from '../../../src/search/queryFilters';
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

describe('closestPreset', () => {
  it('takes the preset nearest the sidebar\'s window, by ratio', () => {
    assert.deepEqual([1, 3, 12, 24, 48, 96, 24 * 7, 24 * 20, 24 * 30, 24 * 60, 2160].map((hours) => closestPreset(hours * HOUR)),
      ['hour', 'hour', 'day', 'day', 'day', 'week', 'week', 'month', 'month', 'quarter', 'quarter']);
  });
});
