// The columns a panel shows: any field of its log, chosen by the user, checked wherever a choice comes from.
import * as assert from 'node:assert/strict';
import { LOGS } from '../../../src/activity/logSchema';
import { COLUMNS, heldColumns, panelColumns, parseColumnChoice } from '../../../src/panel/columns';
import { parsePanelState, parseWebviewMessage } from '../../../src/panel/protocol';
import { RowBatcher } from '../../../src/panel/rowBatches';
import { unpackColumn } from '../../support/packedCells';
import type { RowBatch } from '../../../src/panel/protocol';
import { normalizeWebhook } from '../../../src/api/normalize';

describe('panel columns', () => {
  it('offers every field of the log, labelled; the log\'s default columns show until one is chosen', () => {
    for (const kind of ['sessions', 'webhooks'] as const) {
      assert.deepEqual(panelColumns(kind).map((column) => column.id), LOGS[kind].fields.map((field) => field.id));
      assert.ok(panelColumns(kind).every((column) => column.label !== '' && column.width > 0));
      assert.deepEqual(COLUMNS[kind].map((column) => column.id), LOGS[kind].columns);
    }
    assert.ok(panelColumns('webhooks').some((column) => column.id === 'attemptId'), 'positive control: a field not shown by default is offered');
    assert.ok(!LOGS.webhooks.columns.includes('attemptId'));
  });

  it('accepts a choice of the log\'s own fields, each once, in the order given', () => {
    assert.deepEqual(parseColumnChoice('webhooks', ['attemptId', 'time', 'attemptId', 'status']), ['attemptId', 'time', 'status']);
    assert.deepEqual(parseColumnChoice('webhooks', ['gone', 'webhookPath']), ['webhookPath'], 'a field no longer described is left out');
    for (const refused of [undefined, 'time', [], ['operation'], [42], ['__proto__'], new Array(101).fill('time')]) {
      assert.equal(parseColumnChoice('webhooks', refused), undefined, JSON.stringify(refused));
    }
  });

  it('holds what the charts and failure mark read first, in the same places whatever is shown', () => {
    const read = heldColumns('webhooks', []);
    assert.deepEqual(new Set(read), new Set(['event', 'time', 'endpoint', 'status', 'user']));
    assert.deepEqual(heldColumns('webhooks', ['attemptId', 'status']), [...read, 'attemptId']);
    assert.deepEqual(heldColumns('sessions', LOGS.sessions.columns).slice(0, heldColumns('sessions', []).length), heldColumns('sessions', []));
  });

  it('takes a choice from the webview only as a list of short strings, and restores it with a panel', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'columns', columns: ['time', 'attemptId'] }), { type: 'columns', columns: ['time', 'attemptId'] });
    for (const refused of [{ type: 'columns' }, { type: 'columns', columns: 'time' }, { type: 'columns', columns: [1] }, { type: 'columns', columns: ['x'.repeat(101)] }]) {
      assert.equal(parseWebviewMessage(refused), undefined, JSON.stringify(refused));
    }
    const search = { kind: 'webhooks', range: { preset: 'day' }, filters: {} };
    assert.deepEqual(parsePanelState({ accountId: 'a', search, columns: ['resources', 'nope'] })?.columns, ['resources']);
    assert.ok(!('columns' in parsePanelState({ accountId: 'a', search, columns: ['nope'] })!), 'no choice left: the log\'s last chosen columns');
  });

  it('sends the cells of the columns held now, and all loaded rows again when they change', async () => {
    const batches: RowBatch[] = [];
    let held = heldColumns('webhooks', LOGS.webhooks.columns);
    const batcher = new RowBatcher('webhooks', () => held, (batch) => batches.push(batch));
    const calls = [1, 2, 3].map((id) => normalizeWebhook({ id, type: 'webhookActivity', attributes: { webhookFormat: 'v2', attemptId: `attempt-${id}`, status: 200 } }));
    batcher.add(calls);
    batcher.flush();
    assert.ok(!('attemptId' in batches[0]!.columns), 'positive control: a column not held is not sent');
    held = heldColumns('webhooks', ['attemptId']);
    batches.length = 0;
    batcher.resend(calls);
    batcher.flush();
    assert.deepEqual(batches.flatMap((batch) => Array.from(batch.ids)), [1, 2, 3]);
    assert.deepEqual(batches.flatMap((batch) => unpackColumn(batch.columns.attemptId!)), ['attempt-1', 'attempt-2', 'attempt-3']);
    batcher.dispose();
  });
});
