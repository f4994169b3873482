// Pages are written from entries already written as JSON text (each distinct text quoted once): the
// text must be exactly what JSON.stringify makes of the same entries, for generated, hostile and
// given entries, in every order and after arrivals.
import * as assert from 'node:assert/strict';
import { startExaVaultServer, type RunningExaVaultServer } from '../../../../server/index';
import { SESSION_FIXTURE, WEBHOOK_FIXTURE } from '../../../fixtures/activity';
import { apiGet } from '../requests';

const NOW = new Date('2026-07-15T18:30:00Z');

/** The page's text and the text JSON.stringify makes of what it holds, in the response's field order. */
async function pageAndRewrite(server: RunningExaVaultServer, path: string): Promise<[string, string]> {
  const reply = await apiGet(server, path);
  assert.equal(reply.status, 200, reply.text);
  const body = JSON.parse(reply.text) as { data: unknown[] };
  assert.ok(body.data.length > 0, `${path} brings entries`);
  return [reply.text, JSON.stringify({ responseStatus: 200, totalResults: 0, returnedResults: body.data.length, data: body.data })];
}

describe('local server: pages written as JSON.stringify writes them', () => {
  for (const dataset of ['generated', 'hostile'] as const) {
    it(`${dataset} sessions, newest first and sorted, and their entries as the server holds them`, async () => {
      const server = await startExaVaultServer({ seed: 3, sessions: 1000, webhooks: 50, now: NOW, dataset });
      try {
        for (const query of ['limit=100', 'offset=100&limit=100', 'sort=-size&limit=100', 'sort=file&limit=100', 'type=STOR&limit=100']) {
          const [text, rewritten] = await pageAndRewrite(server, `/activity/session?${query}`);
          assert.equal(text, rewritten, query);
        }
        const [text] = await pageAndRewrite(server, '/activity/session?limit=100');
        // The positive control for the comparison above: the entries the server generated, written by JSON.stringify.
        assert.equal(text, JSON.stringify({ responseStatus: 200, totalResults: 0, returnedResults: 100, data: server.sessions.slice(0, 100) }));
      } finally {
        await server.close();
      }
    });
  }

  it('given entries (attributes missing) and entries that arrived', async () => {
    const server = await startExaVaultServer({ fixture: { sessions: SESSION_FIXTURE, webhooks: WEBHOOK_FIXTURE }, now: NOW });
    try {
      let [text, rewritten] = await pageAndRewrite(server, '/activity/session');
      assert.equal(text, rewritten);
      assert.equal(text, JSON.stringify({ responseStatus: 200, totalResults: 0, returnedResults: server.sessions.length, data: server.sessions }));
      server.arrive({ sessions: 5 });
      [text, rewritten] = await pageAndRewrite(server, '/activity/session');
      assert.equal(text, rewritten);
      [text, rewritten] = await pageAndRewrite(server, '/activity/webhooks');
      assert.equal(text, rewritten);
    } finally {
      await server.close();
    }
  });
});
