import * as assert from 'node:assert/strict';
import { describeSearch, describeSearchBriefly } from '../../../src/search/describeSearch';

describe('describeSearch', () => {
  it('reads a session search as words: range, operation names (sorted), user, IP, path', () => {
    assert.equal(
      describeSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { types: ['STOR', 'DELE'], username: 'alice', path: '/Finance/*' } }),
      'Last 24 hours · Delete, Upload · user alice · path /Finance/*',
    );
    assert.equal(describeSearch({ kind: 'sessions', range: { preset: 'hour' }, filters: { ipAddress: '203.0.113.7', types: ['XYZ'] } }), 'Last hour · XYZ · IP 203.0.113.7');
  });

  it('names every preset', () => {
    const labels = (['hour', 'day', 'week', 'month', 'quarter'] as const).map((preset) => describeSearch({ kind: 'sessions', range: { preset }, filters: {} }));
    assert.deepEqual(labels, ['Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Last 90 days']);
  });

  it('reads a webhook search: events, endpoint, status, path, user', () => {
    assert.equal(
      describeSearch({
        kind: 'webhooks', range: { preset: 'week' },
        filters: { events: ['resources.upload', 'resources.delete'], endpointUrl: 'https://hooks.example.com/x', status: '4xx', resourcePath: '/Clients/*', username: 'bob' },
      }),
      'Last 7 days · resources.delete, resources.upload · endpoint https://hooks.example.com/x · status 4xx · path /Clients/* · user bob',
    );
  });

  it('gives a custom range its times, with the zone named', () => {
    const search = { kind: 'webhooks', range: { from: Date.parse('2026-11-20T14:00:00Z'), to: Date.parse('2026-11-21T09:30:00Z') }, filters: {} } as const;
    assert.equal(describeSearch(search, { timeZone: 'UTC' }), '2026-11-20 14:00:00 UTC – 2026-11-21 09:30:00 UTC');
  });

  it('shows values from logs on one line, invisible characters made visible', () => {
    assert.equal(
      describeSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { username: 'ad\u202emin\nx', path: '/<img src=x>' } }),
      'Last 24 hours · user ad\u27e8U+202E\u27e9min\u23cex · path /<img src=x>',
    );
  });

  it('says "Failed only" last, in the words of each log', () => {
    assert.equal(describeSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { username: 'alice', failed: true } }), 'Last 24 hours · user alice · failed logins and transfers only');
    assert.equal(describeSearch({ kind: 'webhooks', range: { preset: 'week' }, filters: { failed: true } }), 'Last 7 days · failed calls only');
    assert.equal(describeSearch({ kind: 'webhooks', range: { preset: 'week' }, filters: { failed: 'noAnswer' } }), 'Last 7 days · calls with no answer only');
  });

  it('says a server order after the filters, in words that suit the field', () => {
    assert.equal(describeSearch({ kind: 'sessions', range: { preset: 'month' }, filters: { types: ['RETR'] }, order: { field: 'size', descending: true } }), 'Last 30 days · Download · by Size, largest first');
    assert.equal(describeSearch({ kind: 'sessions', range: { preset: 'day' }, filters: {}, order: { field: 'user', descending: false } }), 'Last 24 hours · by User, A to Z');
    assert.equal(describeSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: {}, order: { field: 'status', descending: true } }), 'Last 24 hours · by Status, highest first');
    assert.equal(describeSearch({ kind: 'webhooks', range: { preset: 'day' }, filters: {}, order: { field: 'time', descending: false } }), 'Last 24 hours · by Time, oldest first');
  });

  it('reads a search briefly for a tab: filters first, then the range in few characters', () => {
    assert.equal(describeSearchBriefly({ kind: 'sessions', range: { preset: 'week' }, filters: { username: 'jsmith' } }), 'user jsmith · 7 d');
    assert.equal(describeSearchBriefly({ kind: 'webhooks', range: { preset: 'hour' }, filters: { status: '5xx', failed: true } }), 'status 5xx · failed calls only · 1 h');
    const labels = (['hour', 'day', 'week', 'month', 'quarter'] as const).map((preset) => describeSearchBriefly({ kind: 'sessions', range: { preset }, filters: {} }));
    assert.deepEqual(labels, ['1 h', '24 h', '7 d', '30 d', '90 d']);
    const custom = { kind: 'sessions', range: { from: Date.parse('2026-11-20T14:00:00Z'), to: Date.parse('2026-11-21T09:30:00Z') }, filters: {} } as const;
    assert.equal(describeSearchBriefly(custom, { timeZone: 'UTC' }), describeSearch(custom, { timeZone: 'UTC' }));
  });
});
