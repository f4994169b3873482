import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AccountLease, LEASE_HEARTBEAT_MS, STALE_AFTER_HEARTBEATS, type LeaseOptions } from '../../../src/watch/lease';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const STALE_MS = LEASE_HEARTBEAT_MS * STALE_AFTER_HEARTBEATS;

describe('AccountLease', () => {
  let directory: string;
  let now: number;
  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'exavault-lease-'));
    now = T0;
  });
  afterEach(() => fs.rm(directory, { recursive: true, force: true }));

  const lease = (holder: string, options: Partial<LeaseOptions> = {}) =>
    new AccountLease({ directory, account: 'https://demo.exavault.com/api/v2', holder, clock: () => now, ...options });
  /** Files in the directory: only the lease once everything settled, no draft or marker left behind. */
  const files = () => fs.readdir(directory);

  it('one holder wins, the other waits while the lease is renewed, and gets it once released', async () => {
    const a = lease('a');
    const b = lease('b');
    assert.equal(await a.acquire(), true);
    assert.equal(await b.acquire(), false);
    for (let beat = 0; beat < 2 * STALE_AFTER_HEARTBEATS; beat++) {
      now += LEASE_HEARTBEAT_MS;
      assert.equal(await a.renew(), true);
      assert.equal(await b.acquire(), false, `beat ${beat}: a fresh lease is not taken`);
    }
    await a.release();
    assert.deepEqual(await files(), []);
    assert.equal(await b.acquire(), true);
    assert.equal(b.held, true);
    assert.equal((await files()).length, 1);
  });

  it('a lease not renewed for the stale time is taken over; its old holder finds it lost and cannot delete it', async () => {
    const a = lease('a');
    const b = lease('b');
    assert.equal(await a.acquire(), true);
    now += STALE_MS - 1;
    assert.equal(await b.acquire(), false, 'one millisecond before it is stale');
    now += 1;
    assert.equal(await b.acquire(), true);
    assert.equal(await a.renew(), false);
    assert.equal(a.held, false);
    await a.release();
    assert.equal(await b.renew(), true, 'the old holder released nothing of the new one');
    assert.equal((await files()).length, 1);
  });

  it('many concurrent takers of a free lease: exactly one owner', async () => {
    for (let round = 0; round < 10; round++) {
      const takers = Array.from({ length: 12 }, (_, i) => lease(`r${round}-${i}`, { account: `race-${round}` }));
      const won = await Promise.all(takers.map((t) => t.acquire()));
      assert.equal(won.filter(Boolean).length, 1, `round ${round}: ${won}`);
      const winner = takers[won.indexOf(true)]!;
      assert.equal(await winner.renew(), true);
    }
  });

  it('many concurrent takers of a stale lease: exactly one owner, and the lease names it', async () => {
    for (let round = 0; round < 10; round++) {
      // Free in the first round, the last round's winner's and stale in the others.
      assert.equal(await lease(`old-${round}`).acquire(), true);
      now += STALE_MS;
      const takers = Array.from({ length: 12 }, (_, i) => lease(`new-${round}-${i}`));
      const won = await Promise.all(takers.map((t) => t.acquire()));
      assert.equal(won.filter(Boolean).length, 1, `round ${round}: ${won}`);
      // Each still believes what it was told: only the winner renews.
      const renewed = await Promise.all(takers.map((t) => t.renew()));
      assert.deepEqual(renewed, won);
      assert.equal((await files()).length, 1, 'no marker or draft left behind');
      now += STALE_MS;
    }
  });

  it('a taker that died holding the takeover marker blocks the takeover only until its marker is stale too', async () => {
    assert.equal(await lease('old').acquire(), true);
    now += STALE_MS;
    // What a taker that won the marker and died before replacing the lease leaves behind.
    const [leaseName] = await files();
    const stale = await fs.readFile(path.join(directory, leaseName!), 'utf8');
    const marker = path.join(directory, `${leaseName}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`);
    await fs.writeFile(marker, JSON.stringify({ holder: 'dead', heartbeat: now }));
    assert.equal(await lease('b').acquire(), false, 'a live taker may be finishing');
    now += STALE_MS;
    assert.equal(await lease('b').acquire(), true);
    assert.equal(await lease('c').acquire(), false);
    assert.deepEqual(await files(), [leaseName], 'the dead taker\'s marker is cleared with the takeover');
  });

  it('disabled by the test switch, every holder has it and nothing is written', async () => {
    const a = lease('a', { disabled: true });
    const b = lease('b', { disabled: true });
    assert.deepEqual([await a.acquire(), await b.acquire()], [true, true]);
    assert.deepEqual(await files(), []);
    // Positive control: enabled, the same two do not both get it, and the lease is on disk.
    assert.deepEqual([await lease('a').acquire(), await lease('b').acquire()], [true, false]);
    assert.equal((await files()).length, 1);
  });
});
