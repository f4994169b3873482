// A million session entries: generated in seconds, and filtered pages answered from the indexes.
// Times are printed for the report, never asserted; the checks are on what comes back.
import * as assert from 'node:assert/strict';
import type { SessionEntryWire } from '../../../../src/api/wire';
import { startExaVaultServer } from '../../../../server/index';
import { apiGet } from '../requests';

const NOW = new Date('2026-07-15T18:30:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('local server: a million session entries', function () {
  this.timeout(120_000);

  it('answers filtered pages from the indexes (times printed, not asserted)', async () => {
    let started = performance.now();
    const server = await startExaVaultServer({ sessions: 1_000_000, webhooks: 2000, now: NOW });
    console.log(`      generated and indexed 1,000,000 sessions in ${Math.round(performance.now() - started)} ms`);
    const monthAgo = new Date(NOW.getTime() - 30 * DAY).toISOString();
    const dayLater = new Date(NOW.getTime() - 29 * DAY).toISOString();
    const queries: [string, (entry: SessionEntryWire) => boolean][] = [
      ['limit=100', () => true],
      ['username=jsmith&type=STOR&limit=100', (e) => e.attributes.username === 'jsmith' && e.attributes.operation === 'STOR'],
      ['path=/Finance*&limit=100', (e) => e.attributes.fileName!.startsWith('/Finance')],
      ['ipAddress=203.0.113.14&type=pass&limit=100', (e) => e.attributes.ipAddress === '203.0.113.14' && e.attributes.operation === 'PASS'],
      [`username=akumar&startDate=${monthAgo}&endDate=${dayLater}&limit=100`, (e) => e.attributes.username === 'akumar' && Date.parse(e.attributes.created!) >= Date.parse(monthAgo) && Date.parse(e.attributes.created!) <= Date.parse(dayLater)],
      ['username=jsmith&type=STOR&offset=2000&limit=100', (e) => e.attributes.username === 'jsmith' && e.attributes.operation === 'STOR'],
      ['type=RETR&sort=-size&limit=100', (e) => e.attributes.operation === 'RETR'],
      ['type=RETR&sort=-size&offset=100&limit=100', (e) => e.attributes.operation === 'RETR'],
    ];
    try {
      for (const [query, matches] of queries) {
        started = performance.now();
        const reply = await apiGet(server, `/activity/session?${query}`);
        const elapsed = performance.now() - started;
        assert.equal(reply.status, 200, reply.text);
        const data = (JSON.parse(reply.text) as { data: SessionEntryWire[] }).data;
        console.log(`      ${query}: ${data.length} entries in ${elapsed.toFixed(1)} ms`);
        assert.equal(data.length, 100, query);
        assert.ok(data.every(matches), query);
        const order = query.includes('sort=-size') ? data.map((e) => -e.attributes.bytesTransferred!) : data.map((e) => -Date.parse(e.attributes.created!));
        assert.ok(order.every((value, i) => i === 0 || value >= order[i - 1]!), `${query} is in order`);
      }
    } finally {
      await server.close();
    }
  });
});
