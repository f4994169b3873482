import * as assert from 'node:assert/strict';
import { readSearchLink, searchLinkText, SEARCH_LINK_PATH, type ReadLink, type SearchLink } from '../../../src/search/searchLink';

/** A link's text as the editor hands it to the URI handler: its authority apart, its path and query each decoded once. */
function arrive(text: string): { scheme: string; authority: string; path: string; query: string } {
  const match = /^([^:]+):\/\/([^/]+)([^?]*)\?(.*)$/.exec(text);
  assert.ok(match, text);
  return { scheme: match[1]!, authority: match[2]!, path: decodeURIComponent(match[3]!), query: decodeURIComponent(match[4]!) };
}
const linkText = (link: SearchLink) => searchLinkText('code-oss', 'exavault-activity.exavault-activity', link);

const read = (query: string, path = SEARCH_LINK_PATH): ReadLink => readSearchLink(path, query);
const problemOf = (result: ReadLink): string | undefined => ('problem' in result ? result.problem : undefined);

describe('links to a search', () => {
  const sessions: SearchLink = {
    accountName: 'acme',
    search: { kind: 'sessions', range: { preset: 'week' }, filters: { types: ['STOR', 'DELE'], username: 'alice & bob=1 100%+', path: '/Finance/*' }, order: { field: 'size', descending: true } },
  };
  const webhooks: SearchLink = {
    accountName: 'acme corp',
    search: { kind: 'webhooks', range: { from: Date.UTC(2026, 2, 28, 22), to: Date.UTC(2026, 2, 29, 22) }, filters: { events: ['resources.upload'], status: '4xx', endpointUrl: 'https://hooks.example/a?b=c&d=e', failed: 'noAnswer' } },
  };

  it('reads back the search a link was made from, each log\'s filters and both kinds of range, values with & = % + and spaces', () => {
    for (const link of [sessions, webhooks]) {
      const { path, query } = arrive(linkText(link));
      assert.deepEqual(readSearchLink(path, query), link);
    }
  });

  it('leads to this extension in the editor it was made in', () => {
    const { scheme, authority, path } = arrive(linkText(sessions));
    assert.deepEqual([scheme, authority, path], ['code-oss', 'exavault-activity.exavault-activity', SEARCH_LINK_PATH]);
  });

  it('writes the range as a preset or as ISO 8601 times in UTC, and a choice filter once per choice', () => {
    const query = new URLSearchParams(arrive(linkText(webhooks)).query);
    assert.equal(query.get('from'), '2026-03-28T22:00:00.000Z');
    assert.equal(query.get('to'), '2026-03-29T22:00:00.000Z');
    assert.deepEqual(new URLSearchParams(arrive(linkText(sessions)).query).getAll('types'), ['STOR', 'DELE']);
  });

  it('writes a server order as the field, - first for descending; newest first is no order at all', () => {
    assert.equal(new URLSearchParams(arrive(linkText(sessions)).query).get('order'), '-size');
    assert.equal(new URLSearchParams(arrive(linkText(webhooks)).query).get('order'), null);
    assert.deepEqual(read('account=acme&log=webhooks&range=day&order=status'), {
      accountName: 'acme', search: { kind: 'webhooks', range: { preset: 'day' }, filters: {}, order: { field: 'status', descending: false } },
    });
    assert.deepEqual(read('account=acme&log=sessions&range=day&order=-time'), { accountName: 'acme', search: { kind: 'sessions', range: { preset: 'day' }, filters: {} } });
  });

  it('writes a failure filter as failed=true (every failure) or the kind\'s id, and reads both back', () => {
    assert.equal(new URLSearchParams(arrive(linkText(webhooks)).query).get('failed'), 'noAnswer');
    const failedLogins: SearchLink = { accountName: 'acme', search: { kind: 'sessions', range: { preset: 'day' }, filters: { failed: true } } };
    assert.equal(new URLSearchParams(arrive(linkText(failedLogins)).query).get('failed'), 'true');
    const { path, query } = arrive(linkText(failedLogins));
    assert.deepEqual(readSearchLink(path, query), failedLogins);
  });

  it('reads a link written by hand: a time with an offset, empty filters left out', () => {
    assert.deepEqual(read('account=acme&log=sessions&from=2026-03-29T01:00%2B02:00&to=2026-03-29T12:00Z&username='), {
      accountName: 'acme', search: { kind: 'sessions', range: { from: Date.UTC(2026, 2, 28, 23), to: Date.UTC(2026, 2, 29, 12) }, filters: {} },
    });
  });

  describe('opens nothing from a link that is not one', () => {
    const valid = 'account=acme&log=sessions&range=day';
    // Positive control: the link every case below changes opens.
    it('positive control: the unchanged link reads', () => {
      assert.equal(problemOf(read(valid)), undefined);
    });

    const cases: [string, string, string?][] = [
      ['another path', valid, '/command'],
      ['a path with more after it', valid, '/search/open'],
      ['a parameter links do not have (a command)', `${valid}&command=workbench.action.terminal.new`],
      ['a parameter links do not have (a file)', `${valid}&file=/etc/passwd`],
      ['an answer to the cost question', `${valid}&confirm=true`],
      ['another log\'s filter', `${valid}&events=resources.upload`],
      ['no log', 'account=acme&range=day'],
      ['an unknown log', 'account=acme&log=%3Cscript%3Ealert(1)%3C/script%3E&range=day'],
      ['the log twice', `${valid}&log=webhooks`],
      ['no account', 'log=sessions&range=day'],
      ['an empty account', 'account=%20&log=sessions&range=day'],
      ['a huge account name', `account=${'a'.repeat(300)}&log=sessions&range=day`],
      ['a text filter twice', `${valid}&username=a&username=b`],
      ['no range', 'account=acme&log=sessions'],
      ['an unknown preset', 'account=acme&log=sessions&range=%3Cscript%3E'],
      ['a preset and bounds', `${valid}&from=2026-03-28T00:00Z&to=2026-03-29T00:00Z`],
      ['one bound', 'account=acme&log=sessions&from=2026-03-28T00:00Z'],
      ['a bound without a zone', 'account=acme&log=sessions&from=2026-03-28T00:00&to=2026-03-29T00:00Z'],
      ['a bound that is no time', 'account=acme&log=sessions&from=javascript:alert(1)&to=2026-03-29T00:00Z'],
      ['bounds in the wrong order', 'account=acme&log=sessions&from=2026-03-29T00:00Z&to=2026-03-28T00:00Z'],
      ['a status that is none', 'account=acme&log=webhooks&range=day&status=%3Cscript%3E'],
      ['a failure kind the log does not have', `${valid}&failed=noAnswer`],
      ['a failure filter that is none', `${valid}&failed=%3Cscript%3E`],
      ['a failure filter twice', `${valid}&failed=true&failed=true`],
      ['an order the log is not sorted in', `${valid}&order=-response`],
      ['another log\'s order', `${valid}&order=endpoint`],
      ['an order twice', `${valid}&order=size&order=-size`],
      ['a huge filter value', `${valid}&username=${'a'.repeat(5000)}`],
      ['more choices than a search takes', `${valid}${Array.from({ length: 101 }, (_, i) => `&types=T${i}`).join('')}`],
      ['a huge link', `${valid}&types=${'STOR&types='.repeat(2000)}STOR`],
    ];
    for (const [what, query, path] of cases) {
      it(what, () => {
        const problem = problemOf(read(query, path));
        assert.ok(problem, `${what}: read as a search`);
        // The message repeats nothing of the link (a notification turns [text](link) into a link).
        assert.ok(!/script|javascript|passwd|terminal|aaaa/.test(problem), problem);
      });
    }
  });
});
