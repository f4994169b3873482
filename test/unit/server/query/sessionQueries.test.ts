// GET /activity/session over the hand-written fixture: every expected id list below was worked out
// by hand from the table in test/fixtures/activity.ts, not computed.
import * as assert from 'node:assert/strict';
import { useLocalServer } from '../../../support/localServer';
import { SESSION_FIXTURE, SESSION_SORTS, WEBHOOK_FIXTURE } from '../../../fixtures/activity';
import { apiError, pageIds } from '../requests';

describe('local server: session log queries', () => {
  const local = useLocalServer({ fixture: { sessions: SESSION_FIXTURE, webhooks: WEBHOOK_FIXTURE }, maxLimit: 20 });

  const ids = (query: string) => pageIds(local.server, `/activity/session${query}`);

  it('lists newest first by default, ties by id descending, with totalResults 0', async () => {
    assert.deepEqual(await ids(''), [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.deepEqual(await ids('?sort=-date'), [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('serves the fixture entries exactly as given, newest first', () => {
    assert.deepEqual(local.server.sessions.map((entry) => entry.id), [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.deepEqual(local.server.sessions[0], SESSION_FIXTURE.find((entry) => entry.id === 13));
  });

  describe('filters', () => {
    it('type: one operation code, any case', async () => {
      assert.deepEqual(await ids('?type=PASS'), [10, 9, 5, 1]);
      assert.deepEqual(await ids('?type=pass'), [10, 9, 5, 1]);
      assert.deepEqual(await ids('?type=Pass'), [10, 9, 5, 1]);
      assert.deepEqual(await ids('?type=EXIT'), [13, 4]);
      assert.deepEqual(await ids('?type=NOPE'), []);
    });

    it('username, and userName from an older spec revision', async () => {
      assert.deepEqual(await ids('?username=jdoe'), [13, 12, 11, 4, 2, 1]);
      assert.deepEqual(await ids('?username=JDoe'), [13, 12, 11, 4, 2, 1]);
      assert.deepEqual(await ids('?userName=asmith'), [7, 6, 5, 3]);
      assert.deepEqual(await ids('?username=backup-bot'), [8]);
      assert.deepEqual(await ids('?username=jdo'), []);
    });

    it('ipAddress: exact', async () => {
      assert.deepEqual(await ids('?ipAddress=185.220.101.4'), [10, 9]);
      assert.deepEqual(await ids('?ipAddress=185.220.101'), []);
    });

    it('path: exact fileName (not fileSource)', async () => {
      assert.deepEqual(await ids('?path=/Finance/2020/Q4/budget.xlsx'), [3, 2]);
      assert.deepEqual(await ids('?path=/Finance'), []);
    });

    it('path: a trailing * matches a prefix', async () => {
      assert.deepEqual(await ids('?path=/Finance*'), [12, 11, 6, 3, 2]);
      assert.deepEqual(await ids('?path=/Finance/202*'), [12, 3, 2]);
      assert.deepEqual(await ids('?path=/Marketing/logo*'), [7]);
      assert.deepEqual(await ids('?path=/finance*'), []);
      assert.deepEqual(await ids('?path=*'), [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    });

    it('combines filters', async () => {
      assert.deepEqual(await ids('?username=asmith&type=MOVE'), [6]);
      assert.deepEqual(await ids('?username=jdoe&path=/Finance*&startDate=2020-12-01T00:00:00Z'), [12, 11]);
      assert.deepEqual(await ids('?ipAddress=185.220.101.4&username=root&type=pass'), [9]);
    });
  });

  describe('dates', () => {
    it('endDate with milliseconds and Z is inclusive', async () => {
      assert.deepEqual(await ids('?endDate=2020-11-17T18:20:30.000Z'), [3, 2, 1]);
    });

    it('a time without a zone is UTC, to the microsecond', async () => {
      assert.deepEqual(await ids('?startDate=2020-11-17T10:20:30.123456&endDate=2020-11-17T18:20:30.000Z'), [3, 2]);
      assert.deepEqual(await ids('?startDate=2020-11-17T10:20:30.000000&endDate=2020-11-17T10:20:30'), [1]);
    });

    it('an offset moves the instant', async () => {
      assert.deepEqual(await ids('?startDate=2020-12-10T00:00:00-08:00'), [13, 12, 11, 10, 9]);
      assert.deepEqual(await ids('?startDate=2020-12-09T20:00:00-08:00&endDate=2020-12-09T20:00:00-08:00'), [8]);
    });

    it('a space instead of T, UTC, inclusive at both ends', async () => {
      assert.deepEqual(await ids('?endDate=2020-12-09%2014:00:00'), [7, 6, 5, 4, 3, 2, 1]);
      assert.deepEqual(await ids('?startDate=2020-12-09%2014:00:00'), [13, 12, 11, 10, 9, 8, 7, 6]);
      assert.deepEqual(await ids('?startDate=2020-12-09T14:00:00Z&endDate=2020-12-09T14:00:00Z'), [7, 6]);
    });

    it('a date alone is midnight UTC', async () => {
      assert.deepEqual(await ids('?startDate=2020-12-09&endDate=2020-12-10'), [7, 6, 5]);
    });

    it('a start after the end is an empty page', async () => {
      assert.deepEqual(await ids('?startDate=2020-12-10&endDate=2020-12-09'), []);
    });

    it('a bad date is a 400 naming the parameter', async () => {
      for (const query of ['startDate=yesterday', 'endDate=2020-13-01', 'startDate=2020-02-30T00:00:00Z', 'endDate=2020-12-10T25:00:00Z', 'startDate=2020-12-10T00:00:00%2008:00']) {
        const error = await apiError(local.server, `/activity/session?${query}`, 400);
        assert.equal(error.code, 'ERROR_INVALID_PARAMETER');
        assert.match(error.detail, new RegExp(query.slice(0, query.indexOf('='))));
      }
    });
  });

  describe('sorting (ties always by id, descending)', () => {
    for (const [field, ascending, descending] of SESSION_SORTS) {
      it(`${field}, ascending and descending`, async () => {
        assert.deepEqual(await ids(`?sort=${field}`), ascending);
        assert.deepEqual(await ids(`?sort=-${field}`), descending);
      });
    }

    it('several fields, then the id', async () => {
      assert.deepEqual(await ids('?sort=protocol,date'), [13, 8, 10, 9, 3, 5, 7, 6, 1, 2, 4, 11, 12]);
      assert.deepEqual(await ids('?sort=-size,date'), [2, 3, 8, 1, 4, 5, 7, 6, 10, 9, 11, 12, 13]);
    });

    it('sorts only what the filters keep, and pages the sorted list', async () => {
      assert.deepEqual(await ids('?username=jdoe&sort=-duration'), [4, 2, 13, 12, 11, 1]);
      assert.deepEqual(await ids('?username=jdoe&sort=-duration&offset=1&limit=2'), [2, 13]);
    });

    it('an unknown sort field is a 400 naming it', async () => {
      for (const sort of ['name', '-date,bogus', 'endpoint_url']) {
        const error = await apiError(local.server, `/activity/session?sort=${sort}`, 400);
        assert.equal(error.code, 'ERROR_INVALID_PARAMETER');
        assert.match(error.detail, new RegExp(sort.split(',').pop()!));
      }
    });
  });

  describe('paging', () => {
    it('offset and limit', async () => {
      assert.deepEqual(await ids('?limit=5'), [13, 12, 11, 10, 9]);
      assert.deepEqual(await ids('?offset=5&limit=5'), [8, 7, 6, 5, 4]);
      assert.deepEqual(await ids('?offset=10&limit=5'), [3, 2, 1]);
      assert.deepEqual(await ids('?offset=13'), []);
      assert.deepEqual(await ids('?type=PASS&offset=1&limit=2'), [9, 5]);
    });

    it('the cap (maxLimit, here 20) and a limit below 1 are 400s', async () => {
      assert.equal((await ids('?limit=20')).length, 13);
      for (const query of ['limit=21', 'limit=0', 'limit=-1', 'limit=2.5', 'limit=ten', 'offset=-1', 'offset=1e3']) {
        const error = await apiError(local.server, `/activity/session?${query}`, 400);
        assert.equal(error.code, 'ERROR_INVALID_PARAMETER');
        assert.match(error.detail, new RegExp(query.slice(0, query.indexOf('='))));
      }
    });
  });

  describe('parameters', () => {
    it('an unknown parameter is a 400 naming it', async () => {
      for (const name of ['foo', 'statusCode', 'resourcePath', 'type[]', 'constructor']) {
        const error = await apiError(local.server, `/activity/session?${encodeURIComponent(name)}=1`, 400);
        assert.equal(error.code, 'ERROR_INVALID_PARAMETER');
        assert.ok(error.detail.includes(`"${name}"`), error.detail);
      }
    });

    it('a parameter given twice is a 400: each filter takes one value', async () => {
      const error = await apiError(local.server, '/activity/session?type=PASS&type=STOR', 400);
      assert.match(error.detail, /"type".*once/);
      await apiError(local.server, '/activity/session?username=jdoe&userName=asmith', 400);
    });

    it('an empty value counts as not given', async () => {
      assert.deepEqual(await ids('?username=&type=&limit=&sort='), [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    });
  });
});
