import * as assert from 'node:assert/strict';
import { ChecksumMismatch, interleave, median, SetupRefused, spread, spreadLine, timed, verifySetup, type Run } from '../../../bench/lib';

describe('benchmark helpers', () => {
  describe('statistics', () => {
    it('medians of odd and even counts, and the spread around them', () => {
      assert.equal(median([5, 1, 3]), 3);
      assert.equal(median([4, 1, 3, 2]), 2.5);
      assert.deepEqual(spread([7, 2, 9, 4, 5]), { median: 5, min: 2, max: 9 });
      assert.throws(() => spread([]), /No runs/);
    });

    it('prints the median with its min–max and the number of runs', () => {
      assert.equal(spreadLine('client', [3, 1.25, 2], 1, 8), '  client   median      2.0 ms   min–max 1.3–3.0 ms   (3 runs)');
    });
  });

  describe('set-up verification', () => {
    it('lists what it verified', () => {
      assert.deepEqual(verifySetup([{ what: 'entries loaded', claimed: 10_000, found: 10_000 }, { what: 'window', claimed: '90 days', found: '90 days' }]),
        ['Set-up verified:', '  entries loaded: 10,000', '  window: 90 days']);
    });

    it('refuses, naming every claim that does not hold and what was found instead', () => {
      assert.throws(() => verifySetup([
        { what: 'entries loaded', claimed: 10_000, found: 148 },
        { what: 'page size', claimed: 100, found: 100 },
        { what: 'window (hours)', claimed: 2160, found: 24 },
      ]), (error: unknown) => {
        assert.ok(error instanceof SetupRefused);
        assert.match(error.message, /not as claimed, so no figures/);
        assert.match(error.message, /entries loaded: claimed 10,000, found 148/);
        assert.match(error.message, /window \(hours\): claimed 2,160, found 24/);
        assert.doesNotMatch(error.message, /page size/);
        return true;
      });
    });
  });

  describe('interleaved runs', () => {
    const side = (name: string, order: string[], checksum: () => string) => async (): Promise<Run> => {
      order.push(name);
      return { ms: order.length, checksum: checksum() };
    };

    it('rotates which side goes first, keeps no warm-up run, and returns each side\'s runs', async () => {
      const order: string[] = [];
      const results = await interleave({ a: side('a', order, () => 'x'), b: side('b', order, () => 'x') }, { runs: 3, warmups: 1 });
      assert.deepEqual(order, ['b', 'a', 'a', 'b', 'b', 'a', 'a', 'b']);
      assert.deepEqual(results.a.map((r) => r.ms), [3, 6, 7]);
      assert.deepEqual(results.b.map((r) => r.ms), [4, 5, 8]);
    });

    it('runs the untimed preparation before every round, warm-ups included', async () => {
      let prepared = 0;
      await interleave({ a: side('a', [], () => 'x') }, { runs: 2, warmups: 2, prepare: () => void prepared++ });
      assert.equal(prepared, 4);
    });

    it('fails on sides that disagree within a round, naming the round and both checksums', async () => {
      let round = 0;
      const sides = { baseline: side('baseline', [], () => `n:${round}`), ours: side('ours', [], () => (round === 2 ? 'n:wrong' : `n:${round}`)) };
      await assert.rejects(interleave(sides, { runs: 3, warmups: 0, prepare: () => void round++ }),
        (error: unknown) => error instanceof ChecksumMismatch && /round 2: baseline n:2, ours n:wrong/.test(error.message));
    });

    it('fails when both sides agree on something other than the expected checksum', async () => {
      const sides = { baseline: side('baseline', [], () => '99:abc'), ours: side('ours', [], () => '99:abc') };
      await assert.rejects(interleave(sides, { runs: 1, prepare: () => '100:abc' }),
        (error: unknown) => error instanceof ChecksumMismatch && /warm-up 1: .*expected 100:abc/.test(error.message));
    });
  });

  it('times the work alone, not the checksum', async () => {
    const run = await timed(() => [1, 2, 3], (result) => {
      const until = performance.now() + 200;
      while (performance.now() < until) {
        // busy: a slow checksum
      }
      return String(result.length);
    });
    assert.equal(run.checksum, '3');
    assert.ok(run.ms < 100, `${run.ms} ms`);
  });
});
