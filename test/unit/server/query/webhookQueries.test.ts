// GET /activity/webhooks over the hand-written fixture (all three entry shapes): expected ids worked
// out by hand from the table in test/fixtures/activity.ts.
import * as assert from 'node:assert/strict';
import { useLocalServer } from '../../../support/localServer';
import { SESSION_FIXTURE, WEBHOOK_FIXTURE } from '../../../fixtures/activity';
import { apiError, apiGet, pageIds } from '../requests';

describe('local server: webhook log queries', () => {
  const local = useLocalServer({ fixture: { sessions: SESSION_FIXTURE, webhooks: WEBHOOK_FIXTURE } });

  const ids = (query: string) => pageIds(local.server, `/activity/webhooks${query}`);

  it('lists newest first, ties by id descending, each entry exactly as given', async () => {
    assert.deepEqual(await ids(''), [207, 206, 205, 204, 203, 202, 201]);
    const reply = await apiGet(local.server, '/activity/webhooks?limit=7');
    const body = JSON.parse(reply.text) as { data: unknown[] };
    assert.deepEqual(body.data[2], WEBHOOK_FIXTURE.find((entry) => entry.id === 205));
  });

  describe('filters', () => {
    it('endpointUrl and event: exact (a legacy entry has its human event name)', async () => {
      assert.deepEqual(await ids('?endpointUrl=https://ci.example.net/webhook'), [203, 202]);
      assert.deepEqual(await ids(`?endpointUrl=${encodeURIComponent('https://ci.example.net/webhook')}`), [203, 202]);
      assert.deepEqual(await ids('?endpointUrl=https://ci.example.net'), []);
      assert.deepEqual(await ids('?event=resources.upload'), [203, 202, 201]);
      assert.deepEqual(await ids('?event=Upload'), [205]);
    });

    it('statusCode: the listener status, curl errors and 0 included', async () => {
      assert.deepEqual(await ids('?statusCode=200'), [205, 203, 201]);
      assert.deepEqual(await ids('?statusCode=0'), [206]);
      assert.deepEqual(await ids('?statusCode=28'), [204]);
      assert.deepEqual(await ids('?statusCode=201'), []);
      for (const value of ['abc', '2xx', '-1', '200.0']) {
        const error = await apiError(local.server, `/activity/webhooks?statusCode=${value}`, 400);
        assert.match(error.detail, /statusCode/);
      }
    });

    it('resourcePath: exact or trailing *, and path from an older spec revision', async () => {
      assert.deepEqual(await ids('?resourcePath=/Finance/a.pdf'), [203, 202, 201]);
      assert.deepEqual(await ids('?resourcePath=/Finance*'), [206, 203, 202, 201]);
      assert.deepEqual(await ids('?path=/Finance*'), [206, 203, 202, 201]);
      assert.deepEqual(await ids('?resourcePath=/Clients/Acme/Inbox'), [207]);
    });

    it('username, any case', async () => {
      assert.deepEqual(await ids('?username=asmith'), [204]);
      assert.deepEqual(await ids('?username=backup-bot'), [206]);
    });

    it('dates, inclusive at both ends, offsets included', async () => {
      assert.deepEqual(await ids('?startDate=2021-03-01T10:05:00Z&endDate=2021-03-01T10:10:00Z'), [205, 204]);
      assert.deepEqual(await ids('?endDate=2021-03-01T03:00:00-07:00'), [202, 201]);
    });

    it('combines filters', async () => {
      assert.deepEqual(await ids('?event=resources.upload&statusCode=200'), [203, 201]);
      assert.deepEqual(await ids('?username=jdoe&endpointUrl=https://ci.example.net/webhook&limit=1&offset=1'), [202]);
    });
  });

  describe('sorting (ties always by id, descending)', () => {
    const cases: [string, number[], number[]][] = [
      ['date', [202, 201, 203, 204, 205, 207, 206], [207, 206, 205, 204, 203, 202, 201]],
      ['endpoint_url', [207, 204, 203, 202, 205, 206, 201], [206, 201, 205, 203, 202, 207, 204]],
      ['event', [206, 204, 203, 202, 201, 207, 205], [205, 207, 203, 202, 201, 204, 206]],
      ['status', [206, 204, 205, 203, 201, 207, 202], [202, 207, 205, 203, 201, 204, 206]],
      ['username', [205, 204, 206, 203, 202, 201, 207], [207, 203, 202, 201, 206, 204, 205]],
      ['attempt_id', [205, 201, 202, 203, 204, 206, 207], [207, 206, 204, 203, 202, 201, 205]],
      ['resource_path', [205, 207, 206, 203, 202, 201, 204], [204, 203, 202, 201, 206, 207, 205]],
    ];
    for (const [field, ascending, descending] of cases) {
      it(`${field}, ascending and descending`, async () => {
        assert.deepEqual(await ids(`?sort=${field}`), ascending);
        assert.deepEqual(await ids(`?sort=-${field}`), descending);
      });
    }

    it('-date,event as clients send it', async () => {
      assert.deepEqual(await ids('?sort=-date,event'), [206, 207, 205, 204, 203, 202, 201]);
    });
  });

  it('an unknown parameter or sort field is a 400 naming it', async () => {
    for (const [query, name] of [['type=PASS', 'type'], ['ipAddress=1.2.3.4', 'ipAddress'], ['sort=file', 'file']]) {
      const error = await apiError(local.server, `/activity/webhooks?${query}`, 400);
      assert.equal(error.code, 'ERROR_INVALID_PARAMETER');
      assert.ok(error.detail.includes(`"${name}"`), error.detail);
    }
  });
});
