// A search in a server order, as the panel runs it (plan, client, paging), against the local server:
// every sort field of each log, both directions, compared with the server's own entries in that
// window, sorted here by the test.
import * as assert from 'node:assert/strict';
import { LOGS, sortableFields } from '../../../src/activity/logSchema';
import type { ActivityEntry } from '../../../src/api/models';
import type { Page } from '../../../src/api/paging';
import type { SessionEntryWire, WebhookEntryWire } from '../../../src/api/wire';
import { planSearch } from '../../../src/search/plan';
import type { ActivitySearch } from '../../../src/search/search';
import { useLocalServer } from '../../support/localServer';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
/** A window well inside the 90 days the server generates, so entries lie on both sides of it. */
const RANGE = { from: NOW.getTime() - 40 * DAY, to: NOW.getTime() - 10 * DAY };
const PAGE_SIZE = 50;

type Value = string | number;
type Attributes = Record<string, unknown>;
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
const numberOf = (value: unknown, absent: number) => (typeof value === 'number' ? value : absent);
const created = (attributes: Attributes) => Date.parse(textOf(attributes.created));

/** What the server orders by, per API sort name: read from the raw entry as the spec names its fields. */
const SORT_VALUES: Readonly<Record<string, (attributes: Attributes) => Value>> = {
  date: created,
  ip_address: (a) => textOf(a.ipAddress),
  username: (a) => textOf(a.username),
  file: (a) => textOf(a.fileName),
  sort_logs_file_source: (a) => textOf(a.fileSource),
  type: (a) => textOf(a.operation),
  duration: (a) => numberOf(a.duration, 0),
  size: (a) => numberOf(a.bytesTransferred, 0),
  protocol: (a) => textOf(a.protocol),
  endpoint_url: (a) => textOf(a.endpointUrl),
  event: (a) => textOf(a.event),
  // A call without a status sorts before every real one.
  status: (a) => numberOf(a.status, -1),
  attempt_id: (a) => textOf(a.attemptId),
  resource_path: (a) => textOf(a.resourcePath),
};

/** Text compares ignoring case (as a database collation does); ties go by id, highest first. */
function expectedIds(entries: readonly (SessionEntryWire | WebhookEntryWire)[], sortName: string, descending: boolean): number[] {
  const read = SORT_VALUES[sortName];
  assert.ok(read, `the test knows no values for sort field ${sortName}`);
  const key = (value: Value) => (typeof value === 'string' ? value.toLowerCase() : value);
  return entries
    .filter((entry) => created(entry.attributes) >= RANGE.from && created(entry.attributes) <= RANGE.to)
    .map((entry) => ({ id: entry.id, value: key(read(entry.attributes)) }))
    .sort((a, b) => {
      const difference = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return (descending ? -difference : difference) || b.id - a.id;
    })
    .map(({ id }) => id);
}

describe('searches in a server order, against the local server', function () {
  this.timeout(60_000);
  const local = useLocalServer({ seed: 19, sessions: 2000, webhooks: 1500, now: NOW });

  const run = async (search: ActivitySearch, prefetch: number) => {
    const plan = planSearch(search, NOW);
    assert.equal(plan.queries.length, 1);
    const pages: AsyncIterable<Page<ActivityEntry>> = search.kind === 'sessions'
      ? local.client.sessionPages(plan.queries[0], { pageSize: PAGE_SIZE, prefetch })
      : local.client.webhookPages(plan.queries[0], { pageSize: PAGE_SIZE, prefetch });
    const ids: number[] = [];
    let warning: string | undefined;
    let requests = 0;
    for await (const page of pages) {
      ids.push(...page.entries.map((entry) => entry.id));
      warning = page.warning ?? warning;
      requests = page.requests;
    }
    return { ids, warning, requests };
  };

  for (const kind of ['sessions', 'webhooks'] as const) {
    for (const field of sortableFields(LOGS[kind])) {
      for (const descending of [false, true]) {
        it(`${kind} by ${field.serverSort.name}, ${descending ? 'descending' : 'ascending'}: every entry of the window, in the server's order`, async () => {
          const entries = kind === 'sessions' ? local.server.sessions : local.server.webhooks;
          const expected = expectedIds(entries, field.serverSort.name, descending);
          // The window holds several pages, and entries outside it exist: paging and the window are both exercised.
          assert.ok(expected.length > 3 * PAGE_SIZE, `${expected.length} entries in the window`);
          assert.ok(entries.length > expected.length);
          const prefetch = descending ? 3 : 1;
          const result = await run({ kind, range: RANGE, filters: {}, order: { field: field.id, descending } }, prefetch);
          assert.equal(result.warning, undefined);
          assert.deepEqual(result.ids, expected);
          assert.ok(result.requests <= Math.ceil(expected.length / PAGE_SIZE) + prefetch, `${result.requests} requests`);
        });
      }
    }
  }

  it('the biggest downloads: one operation type, largest first, in the window', async () => {
    const downloads = local.server.sessions.filter((entry) => entry.attributes.operation === 'RETR');
    const expected = expectedIds(downloads, 'size', true);
    assert.ok(expected.length > PAGE_SIZE, `${expected.length} downloads in the window`);
    const result = await run({ kind: 'sessions', range: RANGE, filters: { types: ['RETR'] }, order: { field: 'size', descending: true } }, 1);
    assert.deepEqual(result.ids, expected);
  });
});
