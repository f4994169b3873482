// The log description is the one place a field is added: its column, cells, details and filters
// follow from it. Expectations here are read off entries the normalizer makes from wire data.
import * as assert from 'node:assert/strict';
import { entryFields } from '../../../src/activity/fields';
import { choiceField, entryFilter, filteredFields, LOGS, serverOrders, sortableFields, sortParameter } from '../../../src/activity/logSchema';
import { SESSION_SORT_FIELDS, WEBHOOK_SORT_FIELDS } from '../../../src/api/wire';
import { normalizeSession, normalizeWebhook } from '../../../src/api/normalize';
import { COLUMNS, panelColumns } from '../../../src/panel/columns';
import { batchCells } from '../../support/packedCells';

const session = normalizeSession({ id: 7, type: 'sessionActivity', attributes: {
  operation: 'STOR', created: '2026-03-11T21:00:00Z', username: 'alice', ipAddress: '203.0.113.7', fileName: '/Finance/q3.xlsx',
  protocol: 'https', status: '-', sessionId: 'sess-4f2a', bytesTransferred: 2048, duration: 3,
} });
const legacyCall = normalizeWebhook({ id: 8, type: 'webhookActivity', attributes: { attempt: 1, created: '2026-03-11T21:00:00Z', endpointUrl: 'https://h.example/x', event: 'Upload', response: '', status: 7 } });

describe('the log description', () => {
  it('names each field, column and filter once per log', () => {
    for (const log of [LOGS.sessions, LOGS.webhooks]) {
      const ids = log.fields.map((field) => field.id);
      assert.equal(new Set(ids).size, ids.length, `${log.kind}: field ids are unique`);
      assert.ok(log.columns.every((id) => ids.includes(id)), `${log.kind}: every column is a field`);
      const keys = filteredFields(log).map((field) => field.filter.key);
      assert.equal(new Set(keys).size, keys.length, `${log.kind}: filter keys are unique`);
      assert.equal(filteredFields(log).filter((field) => field.filter.match === 'oneOf').length, 1, `${log.kind}: one choice list`);
    }
  });

  it('shows the session id as a column with its label, in the row cells and in the details', () => {
    assert.ok(COLUMNS.sessions.some((column) => column.id === 'session'));
    assert.equal(panelColumns('sessions').find((column) => column.id === 'session')?.label, 'Session');
    assert.deepEqual(batchCells('sessions', [session]).cells.session, [session.sessionId]);
    assert.ok(entryFields(session).some(([label, value]) => label === 'Session' && value === session.sessionId));
    assert.equal(session.sessionId, 'sess-4f2a', 'positive control: the entry has the id the wire gave');
  });

  it('gives each cell the API\'s value, keyed by column, in the log\'s column order', () => {
    const cells = batchCells('sessions', [session]).cells;
    assert.deepEqual(Object.keys(cells), LOGS.sessions.columns);
    assert.deepEqual([cells.operation, cells.user, cells.size, cells.time], [['STOR'], ['alice'], [2048], [session.created]]);
  });

  it('sorts on the server by every field the API sorts by, and by no other', () => {
    assert.deepEqual(sortableFields(LOGS.sessions).map((field) => field.serverSort.name).sort(), [...SESSION_SORT_FIELDS].sort());
    assert.deepEqual(sortableFields(LOGS.webhooks).map((field) => field.serverSort.name).sort(), [...WEBHOOK_SORT_FIELDS].sort());
    // Every order once, both directions of each field, newest first first.
    for (const log of [LOGS.sessions, LOGS.webhooks]) {
      const orders = serverOrders(log);
      assert.deepEqual(orders[0], { field: 'time', descending: true });
      assert.equal(new Set(orders.map((order) => sortParameter(log, order))).size, 2 * sortableFields(log).length);
    }
    assert.equal(sortParameter(LOGS.sessions, { field: 'size', descending: true }), '-size');
    assert.equal(sortParameter(LOGS.webhooks, { field: 'resource', descending: false }), 'resource_path');
    assert.equal(sortParameter(LOGS.webhooks, { field: 'response', descending: false }), undefined);
  });

  it('offers "Filter to this..." with the API parameter, and nothing the API cannot filter on', () => {
    assert.deepEqual(entryFilter(session, 'type'), { parameter: 'type', value: 'STOR' });
    assert.deepEqual(entryFilter(session, 'ip'), { parameter: 'ipAddress', value: '203.0.113.7' });
    assert.equal(entryFilter(session, 'endpoint'), undefined, 'sessions have no endpoint');
    assert.equal(entryFilter(legacyCall, 'ip'), undefined, 'the webhook log has no IP filter');
    assert.equal(entryFilter(legacyCall, 'type'), undefined, 'a legacy event is a name the API does not take');
    assert.deepEqual(entryFilter(legacyCall, 'status'), { parameter: 'statusCode', value: 7 });
  });

  it('counts failed logins and calls answered 400 or more, or not at all, as failures; each log marks them in a column of its table', () => {
    const login = (status: string) => normalizeSession({ id: 1, type: 'sessionActivity', attributes: { operation: 'PASS', status } });
    const call = (status: number) => normalizeWebhook({ id: 2, type: 'webhookActivity', attributes: { webhookFormat: 'v2', event: 'resources.upload', status } });
    assert.deepEqual(batchCells('sessions', [login('failed'), login('-'), session]).failed, [true, false, false]);
    assert.deepEqual(batchCells('webhooks', [call(500), call(404), call(28), call(0), call(200), call(302)]).failed, [true, true, true, true, false, false]);
    for (const log of [LOGS.sessions, LOGS.webhooks]) {
      assert.ok(log.columns.includes(log.failure.column), `${log.kind}: the failure column is a column`);
      // Beside the operation or event: read at a glance.
      assert.equal(log.columns.indexOf(log.failure.column), log.columns.indexOf(choiceField(log).id) + 1, `${log.kind}: the status follows the choice column`);
    }
  });
});
