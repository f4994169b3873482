// The requests a test reads back: path and query as sent, oldest first, only the latest kept.
import * as assert from 'node:assert/strict';
import { RequestLog } from '../../../../server/http/requestLog';

describe('server request log', () => {
  it('keeps each request\'s path and query, oldest first, dropping the oldest past its bound', () => {
    const log = new RequestLog(2);
    log.record(new URL('http://127.0.0.1/api/v2/activity/session?startDate=a&sort=date'));
    log.record(new URL('http://127.0.0.1/api/v2/activity/webhooks?offset=0'));
    assert.deepEqual(log.list(), [
      { path: '/api/v2/activity/session', query: { startDate: 'a', sort: 'date' } },
      { path: '/api/v2/activity/webhooks', query: { offset: '0' } },
    ]);
    log.record(new URL('http://127.0.0.1/api/v2/account'));
    assert.deepEqual(log.list().map(({ path }) => path), ['/api/v2/activity/webhooks', '/api/v2/account']);
    log.clear();
    assert.deepEqual(log.list(), []);
  });
});
