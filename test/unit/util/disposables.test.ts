import * as assert from 'node:assert/strict';
import { DisposableStore, MutableDisposable } from '../../../src/util/disposables';
import { Emitter } from '../../../src/util/event';

const counted = () => {
  const item = { disposed: 0, dispose: () => void item.disposed++ };
  return item;
};

describe('disposable and event idioms', () => {
  it('a store disposes what it holds once, and what is added after at once', () => {
    const store = new DisposableStore();
    const held = store.add(counted());
    store.dispose();
    store.dispose();
    const late = store.add(counted());
    assert.deepEqual([held.disposed, late.disposed], [1, 1]);
  });

  it('a mutable disposable disposes the value it replaces, and its last one', () => {
    const mutable = new MutableDisposable<ReturnType<typeof counted>>();
    const first = counted();
    const second = counted();
    mutable.value = first;
    mutable.value = first;
    mutable.value = second;
    assert.deepEqual([first.disposed, second.disposed], [1, 0]);
    mutable.dispose();
    assert.deepEqual([first.disposed, second.disposed, mutable.value], [1, 1, undefined]);
  });

  it('an emitter calls each listener until it is disposed', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    const subscription = emitter.event((value) => heard.push(value));
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, [1]);
  });
});
