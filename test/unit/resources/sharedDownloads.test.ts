// The file system's downloads in flight: shared while they run, cancellable, and never handed on
// once they failed, were cancelled or are replaced by a later open.
import * as assert from 'node:assert/strict';
import { SharedDownloads } from '../../../src/resources/sharedDownloads';

/** A download that never ends by itself: it rejects when its signal aborts, like the client's. */
function stuck(signals: AbortSignal[]): (signal: AbortSignal) => Promise<Uint8Array> {
  return (signal) => {
    signals.push(signal);
    return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true }));
  };
}

const bytes = (text: string) => async () => new TextEncoder().encode(text);

describe('SharedDownloads: downloads in flight', () => {
  it('lets readers that ask while a download runs share it', async () => {
    const downloads = new SharedDownloads();
    let started = 0;
    let finish: (value: Uint8Array) => void = () => undefined;
    const start = () => {
      started++;
      return new Promise<Uint8Array>((resolve) => (finish = resolve));
    };
    const first = downloads.join('a', start);
    const second = downloads.join('a', start);
    assert.equal(started, 1);
    finish(new Uint8Array([1, 2]));
    assert.deepEqual([...(await first)], [1, 2]);
    assert.deepEqual([...(await second)], [1, 2]);
    assert.equal(downloads.running('a'), false);
  });

  it('never hands a failed download to a later reader', async () => {
    const downloads = new SharedDownloads();
    await assert.rejects(downloads.join('a', async () => {
      throw new Error('reset');
    }), /reset/);
    assert.equal(downloads.running('a'), false);
    assert.deepEqual(new TextDecoder().decode(await downloads.join('a', bytes('second try'))), 'second try');
  });

  it('does not let a later open reuse a stuck download: it cancels it and starts afresh', async () => {
    const downloads = new SharedDownloads();
    const signals: AbortSignal[] = [];
    const first = downloads.join('a', stuck(signals));
    const firstOutcome = first.then(() => 'done', () => 'rejected');
    const again = downloads.restart('a', bytes('fresh'));
    assert.equal(signals[0]!.aborted, true, 'the stuck download was cancelled');
    assert.equal(await firstOutcome, 'rejected');
    assert.equal(new TextDecoder().decode(await again), 'fresh');
    // The stuck one settling late took nothing with it: the next reader starts anew.
    assert.equal(downloads.running('a'), false);
    assert.equal(new TextDecoder().decode(await downloads.join('a', bytes('third'))), 'third');
  });

  it('keeps the newer download when the one it replaced settles', async () => {
    const downloads = new SharedDownloads();
    const signals: AbortSignal[] = [];
    const first = downloads.join('a', stuck(signals)).catch(() => undefined);
    const second = downloads.restart('a', stuck(signals));
    await first;
    assert.equal(downloads.running('a'), true);
    // A reader arriving now joins the second, and the second can still be cancelled.
    const third = downloads.join('a', bytes('not started'));
    downloads.cancel('a');
    assert.equal(signals[1]!.aborted, true);
    await assert.rejects(second);
    await assert.rejects(third);
    assert.equal(signals.length, 2);
  });

  it('cancels every download in flight at once (when the file system is disposed)', async () => {
    const downloads = new SharedDownloads();
    const signals: AbortSignal[] = [];
    const all = [downloads.join('a', stuck(signals)), downloads.join('b', stuck(signals))];
    downloads.cancelAll();
    assert.deepEqual(signals.map((signal) => signal.aborted), [true, true]);
    for (const download of all) {
      await assert.rejects(download);
    }
    assert.equal(downloads.running('a') || downloads.running('b'), false);
  });
});
