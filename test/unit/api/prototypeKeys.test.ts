// Server data used as keys into our tables (event names, operation codes, field names) must find
// only what the tables hold: "constructor" or "__proto__" must not find Object.prototype's members.
import * as assert from 'node:assert/strict';
import { entryFields } from '../../../src/activity/fields';
import { groupSessions, groupWebhooks } from '../../../src/activity/grouping';
import { normalizeSession, normalizeWebhook } from '../../../src/api/normalize';
import { batchCells } from '../../support/packedCells';
import { describeSearch } from '../../../src/search/describeSearch';
import { csvPieces } from '../../../src/search/exportEntries';

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'Constructor', '__PROTO__'];

const legacy = (id: number, event: string) => normalizeWebhook({ id, type: 'webhookActivity', attributes: { attempt: 1, created: '2026-11-20T10:00:00Z', endpointUrl: 'https://example.com/hook', event, response: '', status: 200 } });

describe('server names that are also Object.prototype\'s', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`a legacy webhook event named "${name}" is shown, grouped and exported as that text`, () => {
      const call = legacy(1, name);
      assert.equal(call.event, name);
      assert.equal(call.eventLabel, name);
      // The panel's row and the sidebar's groups and tooltip fields.
      assert.deepEqual(batchCells('webhooks', [call]).cells.event, [name]);
      assert.deepEqual(groupWebhooks([call], 'event').map((group) => [group.key, group.label]), [[name, name]]);
      assert.ok(entryFields(call).some(([label, value]) => label === 'Event' && value === name));
      assert.ok([...csvPieces('webhooks', [call])].join('').includes(`,${name},`));
    });

    it(`a session operation "${name}" is shown as its code`, () => {
      const entry = normalizeSession({ id: 2, type: 'sessionActivity', attributes: { operation: name, created: '2026-11-20T10:00:00Z' } });
      assert.equal(entry.operationName, name.toUpperCase());
      assert.deepEqual(batchCells('sessions', [entry]).cells.operation, [name.toUpperCase()]);
      assert.deepEqual(groupSessions([entry]).map((group) => group.label), [name.toUpperCase()]);
    });

    it(`a search for the operation type "${name}" is described as that text`, () => {
      assert.equal(describeSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { types: [name] } }), `Last 24 hours · ${name}`);
    });
  }

  it('positive control: known legacy events and operation codes still map to their names', () => {
    assert.equal(legacy(3, 'Upload').event, 'resources.upload');
    assert.equal(legacy(4, 'form submit').event, 'shares.formSubmit');
    assert.equal(normalizeSession({ id: 5, type: 'sessionActivity', attributes: { operation: 'dele' } }).operationName, 'Delete');
    assert.equal(describeSearch({ kind: 'sessions', range: { preset: 'day' }, filters: { types: ['STOR'] } }), 'Last 24 hours · Upload');
  });

  it('keeps a field the server named "__proto__" as a field (not as the prototype of the extra fields)', () => {
    const attributes = JSON.parse('{"operation":"STOR","__proto__":{"polluted":true},"constructor":"c","region":"eu"}') as Record<string, unknown>;
    const entry = normalizeSession({ id: 6, type: 'sessionActivity', attributes });
    assert.deepEqual(Object.keys(entry.extra), ['__proto__', 'constructor', 'region']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(entry.extra, '__proto__')?.value, { polluted: true });
    assert.equal(Object.getPrototypeOf(entry.extra), Object.prototype);
    assert.equal((entry.extra as { polluted?: unknown }).polluted, undefined);
    assert.ok(entryFields(entry).some(([label, value]) => label === '__proto__' && value === '{"polluted":true}'));
  });
});
