import * as assert from 'node:assert/strict';
import { ResentMemory } from '../../../src/webhooks/resentMemory';
import { MemoryState } from '../../support/memoryState';

describe('the memory of calls resent with success', () => {
  it('keeps ids per account, each once, and nothing else', async () => {
    const state = new MemoryState();
    const memory = new ResentMemory(state);
    await memory.remember('account-a', [5, 7]);
    await memory.remember('account-a', [7, 9]);
    await memory.remember('account-b', [1]);
    assert.deepEqual([...memory.ids('account-a')], [5, 7, 9]);
    assert.deepEqual([...memory.ids('account-b')], [1]);
    assert.deepEqual([...memory.ids('account-c')], []);
    assert.deepEqual(JSON.parse(state.values.get('exavault.resentCalls')!), { 'account-a': [5, 7, 9], 'account-b': [1] });
  });

  it('keeps the newest 5000 ids of an account', async () => {
    const memory = new ResentMemory(new MemoryState());
    await memory.remember('a', Array.from({ length: 5003 }, (_, i) => i));
    const ids = memory.ids('a');
    assert.equal(ids.size, 5000);
    assert.ok(!ids.has(2) && ids.has(3) && ids.has(5002));
  });

  it('reads stored state of another shape as nothing remembered (positive control: the right shape is read)', () => {
    for (const stored of ['ids', 42, null, ['a'], { a: 'x' }, { a: [1.5] }]) {
      assert.deepEqual([...new ResentMemory(MemoryState.of({ 'exavault.resentCalls': stored })).ids('a')], [], JSON.stringify(stored));
    }
    assert.deepEqual([...new ResentMemory(MemoryState.of({ 'exavault.resentCalls': { a: [3] } })).ids('a')], [3]);
  });
});
