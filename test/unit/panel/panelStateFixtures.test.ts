// Query panel states written by release 0.1.0 (test/fixtures/saved-state/) come back after a reload
// through the panel serializer's parse as they were kept: the search with every filter, sort, refine
// text and column widths. What must load is spelled out from the files, never read from them.
import * as assert from 'node:assert/strict';
import { OPERATIONS, WEBHOOK_EVENTS } from '../../../src/api/wire';
import { COLUMNS } from '../../../src/panel/columns';
import { parsePanelState } from '../../../src/panel/protocol';
import { readSavedState } from '../../support/savedState';

const ALICE = '3f1c2a9e-8b7d-4e21-9c55-0a1b2c3d4e5f';
const BOB = 'b7e2d4c1-6a3f-4b8e-a1d2-9f8e7d6c5b4a';

describe('query panel states saved by release 0.1.0', () => {
  it('restores Session Logs panels', () => {
    const states = readSavedState('panelState-sessions.json');
    assert.deepEqual(parsePanelState(states.opened), {
      accountId: ALICE, search: { kind: 'sessions', range: { preset: 'day' }, filters: {} }, sort: undefined, refine: undefined, widths: undefined,
    });
    assert.deepEqual(parsePanelState(states.customised), {
      accountId: ALICE,
      search: {
        kind: 'sessions', range: { from: 1605608400000, to: 1607590800000 },
        filters: { username: 'jdoe', ipAddress: '198.51.100.7', path: '/Finance/*', types: ['STOR', 'RNTO', 'EDIT_NTFY'] },
      },
      sort: { column: 'user', descending: false },
      refine: 'budget.xlsx',
      widths: { path: 420, user: 40 },
    });
    assert.deepEqual(parsePanelState(states.restored), {
      accountId: ALICE,
      search: { kind: 'sessions', range: { preset: 'day' }, filters: {} },
      sort: { column: 'size', descending: true },
      refine: '</script><script>alert(1)</script>',
      widths: undefined,
    });
  });

  it('restores Webhook Calls panels', () => {
    const states = readSavedState('panelState-webhooks.json');
    assert.deepEqual(parsePanelState(states.opened), {
      accountId: BOB, search: { kind: 'webhooks', range: { preset: 'week' }, filters: { status: '5xx', events: ['resources.upload'] } },
      sort: undefined, refine: undefined, widths: undefined,
    });
    assert.deepEqual(parsePanelState(states.customised), {
      accountId: BOB,
      search: {
        kind: 'webhooks', range: { from: 1614592800000, to: 1614643260000 },
        filters: {
          endpointUrl: 'javascript:alert(1)', status: '404', resourcePath: '/Clients/Acme/Inbox/*', username: 'Backup-Bot',
          events: ['resources.upload', 'resources.delete', 'shares.formSubmit'],
        },
      },
      sort: { column: 'status', descending: true },
      refine: '',
      widths: { endpoint: 2000, response: 310 },
    });
    assert.deepEqual(parsePanelState(states.narrowed), {
      accountId: BOB,
      search: { kind: 'webhooks', range: { preset: 'month' }, filters: { events: ['resources.download'] } },
      sort: { column: 'time', descending: false },
      refine: undefined,
      widths: undefined,
    });
  });

  // A sort or width on a column the panel no longer has, or a type it no longer offers, loads but is lost on screen.
  it('names only columns and choices the panel still has', () => {
    const columnIds = (kind: 'sessions' | 'webhooks') => COLUMNS[kind].map((column) => column.id);
    for (const id of ['user', 'path', 'size']) {
      assert.ok(columnIds('sessions').includes(id), `Session Logs column ${id}`);
    }
    for (const id of ['status', 'endpoint', 'response', 'time']) {
      assert.ok(columnIds('webhooks').includes(id), `Webhook Calls column ${id}`);
    }
    for (const type of ['STOR', 'RNTO', 'EDIT_NTFY']) {
      assert.ok(Object.hasOwn(OPERATIONS, type), `operation ${type}`);
    }
    for (const event of ['resources.upload', 'resources.delete', 'shares.formSubmit', 'resources.download']) {
      assert.ok((WEBHOOK_EVENTS as readonly string[]).includes(event), `event ${event}`);
    }
  });
});
