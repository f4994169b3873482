import * as assert from 'node:assert/strict';
import { LatestEvery } from '../../../src/util/latestEvery';
import { ManualTimers } from '../../support/manualTimers';

describe('LatestEvery: the latest value, at most once an interval', () => {
  const setup = () => {
    const timers = new ManualTimers(1_000);
    const handed: number[] = [];
    return { timers, handed, latest: new LatestEvery<number>(100, (value) => handed.push(value), timers.clock, timers) };
  };

  it('hands on the first value at once, then the newest of those that came within the interval when it is up', () => {
    const { timers, handed, latest } = setup();
    latest.push(1);
    assert.deepEqual(handed, [1]);
    latest.push(2);
    timers.now += 30;
    latest.push(3);
    assert.deepEqual(handed, [1], 'within the interval: waits');
    assert.deepEqual(timers.pending, [70]);
    assert.equal(timers.fireNext(), 70);
    assert.deepEqual(handed, [1, 3], 'the newest; 2 was replaced');
    timers.now += 250;
    latest.push(4);
    assert.deepEqual(handed, [1, 3, 4], 'after a quiet interval: at once again');
    assert.deepEqual(timers.pending, []);
  });

  it('drops the value waiting when cancelled, and hands on nothing more', () => {
    const { timers, handed, latest } = setup();
    latest.push(1);
    latest.push(2);
    assert.deepEqual(timers.pending, [100], 'positive control: a value waits');
    latest.cancel();
    assert.deepEqual(timers.pending, []);
    timers.now += 500;
    assert.deepEqual(handed, [1]);
  });
});
