// "Show Session" against the local server: the entries found for a connection are compared with the
// entries the generator logged under its sessionId, and each lookup's requests counted.
import * as assert from 'node:assert/strict';
import { findSession, SESSION_REACH_MS, sessionTimeline } from '../../../../src/activity/correlate/sessionStory';
import { normalizeSession } from '../../../../src/api/normalize';
import type { SessionEntryWire } from '../../../../src/api/wire';
import { useLocalServer } from '../../../support/localServer';

const NOW = new Date('2026-07-15T18:30:00.750Z');
const time = (entry: SessionEntryWire): number => Date.parse(entry.attributes.created!);

describe('Show Session: every entry of a connection', () => {
  const local = useLocalServer({ seed: 4, sessions: 2000, webhooks: 50, now: NOW });
  /** The connection's entries as logged, oldest first. */
  const logged = (sessionId: string) => local.server.sessions.filter((entry) => entry.attributes.sessionId === sessionId).reverse();
  /** Entries of the user from the address, newer than the connection's first, within the lookup's reach of `entry`. */
  const newerByUserAndAddress = (entry: SessionEntryWire, first: SessionEntryWire) => local.server.sessions.filter((other) =>
    other.attributes.username === entry.attributes.username && other.attributes.ipAddress === entry.attributes.ipAddress
    && time(other) >= time(first) && time(other) <= time(entry) + SESSION_REACH_MS).length;

  const lookUp = async (entry: SessionEntryWire, options: { pageSize: number; cap?: number }) => {
    const before = local.server.stats().requests;
    const story = await findSession(local.client, normalizeSession(entry), options);
    return { story, requests: local.server.stats().requests - before };
  };

  /** Entries in the middle of a connection of several operations. */
  const middles = () => local.server.sessions.filter((entry) => !['PASS', 'EXIT'].includes(entry.attributes.operation!) && logged(entry.attributes.sessionId!).length >= 4);

  it('finds exactly the logged entries of the connection, connect to disconnect, in one query when they fit a page', async () => {
    const entries = middles();
    assert.ok(entries.length >= 10);
    for (const entry of entries.filter((_, i) => i % Math.ceil(entries.length / 15) === 0)) {
      const expected = logged(entry.attributes.sessionId!);
      const { story, requests } = await lookUp(entry, { pageSize: 1000 });
      assert.equal(requests, 1);
      assert.equal(story.requests, 1);
      assert.deepEqual(story.entries.map((found) => found.id), expected.map((found) => found.id), `session of entry ${entry.id}`);
      assert.equal(story.connect?.id, expected[0]!.id);
      assert.equal(story.disconnect?.id, expected.at(-1)!.id);
      assert.equal(story.capped, false);
    }
  });

  it('pages on until it reaches the connect, one call per page', async () => {
    const PAGE = 10;
    const entry = middles().find((candidate) => newerByUserAndAddress(candidate, logged(candidate.attributes.sessionId!)[0]!) > 2 * PAGE);
    assert.ok(entry, 'a connection with more than two pages of the user\'s entries after its connect');
    const pages = Math.floor(newerByUserAndAddress(entry, logged(entry.attributes.sessionId!)[0]!) / PAGE) + 1;
    const { story, requests } = await lookUp(entry, { pageSize: PAGE, cap: pages + 5 });
    assert.deepEqual(story.entries.map((found) => found.id), logged(entry.attributes.sessionId!).map((found) => found.id));
    assert.equal(requests, story.requests);
    assert.ok(requests >= 3 && requests <= pages, `${requests} of at most ${pages} pages`);
  });

  it('stops at the call cap, says so, and keeps what it found', async () => {
    const PAGE = 10;
    const entry = middles().find((candidate) => newerByUserAndAddress(candidate, logged(candidate.attributes.sessionId!)[0]!) > 2 * PAGE)!;
    const { story, requests } = await lookUp(entry, { pageSize: PAGE, cap: 1 });
    assert.equal(requests, 1);
    assert.equal(story.capped, true);
    assert.equal(story.connect, undefined);
    assert.match(sessionTimeline(story), /Stopped at 1 API calls before finding the connect/);
  });

  it('reads as a timeline: who, from where, when, how long, each action in order, failures marked', async () => {
    const entry = middles()[0]!;
    const { story } = await lookUp(entry, { pageSize: 1000 });
    const text = sessionTimeline(story);
    const [head, body] = text.split('\n\n');
    assert.match(head!, new RegExp(`User: ${entry.attributes.username}`));
    assert.match(head!, new RegExp(`From: ${entry.attributes.ipAddress!.replace(/\./g, '\\.')} \\(${entry.attributes.protocol}\\)`));
    assert.match(head!, /When: .+ to .+ \(.+\)/);
    const lines = body!.trim().split('\n');
    assert.equal(lines.length, story.entries.length);
    assert.match(lines[0]!, /Connect/);
    assert.match(lines.at(-1)!, /Disconnect/);
    assert.ok(lines.every((line) => !line.includes('FAILED')), 'positive control below');

    const failedLogin = local.server.sessions.find((candidate) => candidate.attributes.status === 'failed')!;
    const failed = await lookUp(failedLogin, { pageSize: 1000 });
    assert.equal(failed.story.failed, 1);
    assert.match(sessionTimeline(failed.story), /FAILED {2}Connect/);
  });
});
