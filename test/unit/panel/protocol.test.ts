import * as assert from 'node:assert/strict';
import { parsePanelState, parseWebviewMessage } from '../../../src/panel/protocol';

describe('messages from the panel\'s webview are checked before use', () => {
  const search = { kind: 'sessions', range: { preset: 'day' }, filters: { username: 'alice', types: ['STOR', 'DELE'] } };

  it('accepts the messages the webview sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'search', search }), { type: 'search', search });
    assert.deepEqual(parseWebviewMessage({ type: 'select', id: 42 }), { type: 'select', id: 42 });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'csv', ids: [1, 2] }), { type: 'export', format: 'csv', ids: [1, 2] });
    assert.deepEqual(parseWebviewMessage({ type: 'action', action: 'showPath', id: 3 }), { type: 'action', action: 'showPath', id: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'action', action: 'showCause', id: 4 }), { type: 'action', action: 'showCause', id: 4 });
    assert.deepEqual(parseWebviewMessage({ type: 'action', action: 'openCause', id: 4 }), { type: 'action', action: 'openCause', id: 4 });
    assert.deepEqual(parseWebviewMessage({ type: 'confirm', goOn: true }), { type: 'confirm', goOn: true });
    assert.deepEqual(parseWebviewMessage({ type: 'rowsTaken', sequence: 7 }), { type: 'rowsTaken', sequence: 7 });
  });

  it('refuses anything else: unknown types and actions, wrong field types, malformed searches', () => {
    const refused: unknown[] = [
      null, 'search', { type: 'eval', code: '1' }, { type: 'select', id: '42' }, { type: 'select', id: 1.5 },
      { type: 'action', action: 'runCommand', id: 1 }, { type: 'export', format: 'html', ids: [] }, { type: 'export', format: 'csv', ids: ['1'] },
      { type: 'copy', text: 7 }, { type: 'confirm', goOn: 'yes' }, { type: 'rowsTaken', sequence: '7' }, { type: 'rowsTaken' },
      { type: 'search', search: { ...search, kind: 'users' } },
      { type: 'search', search: { ...search, range: { preset: 'century' } } },
      { type: 'search', search: { ...search, range: { from: 10, to: 5 } } },
      { type: 'search', search: { ...search, filters: { username: 42 } } },
      { type: 'search', search: { ...search, filters: { types: 'STOR' } } },
      { type: 'search', search: { kind: 'webhooks', range: { preset: 'day' }, filters: { status: '4xx; DROP' } } },
      { type: 'search', search: { ...search, filters: { failed: 'yes' } } },
      { type: 'search', search: { ...search, filters: { failed: 1 } } },
    ];
    for (const message of refused) {
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('drops fields a search does not have', () => {
    const parsed = parseWebviewMessage({ type: 'search', search: { ...search, filters: { ...search.filters, sql: 'x' }, extra: 1 } });
    assert.deepEqual(parsed, { type: 'search', search });
  });

  it('keeps "Failed only" when true, and no trace of it when false', () => {
    const failed = { ...search, filters: { ...search.filters, failed: true } };
    assert.deepEqual(parseWebviewMessage({ type: 'search', search: failed }), { type: 'search', search: failed });
    assert.deepEqual(parseWebviewMessage({ type: 'search', search: { ...search, filters: { ...search.filters, failed: false } } }), { type: 'search', search });
  });

  it('restores a panel only from well-formed state', () => {
    assert.deepEqual(parsePanelState({ accountId: 'a', search, sort: { column: 'user', descending: false }, widths: { user: 120, path: 5 } }),
      { accountId: 'a', search, sort: { column: 'user', descending: false }, refine: undefined, widths: { user: 120 } });
    assert.equal(parsePanelState({ accountId: 'a', search, charts: 'folded' })?.charts, 'folded');
    assert.equal(parsePanelState({ accountId: 'a', search, charts: 'open' })?.charts, 'open');
    assert.equal(parsePanelState({ accountId: 'a', search, charts: 'sideways' })?.charts, undefined);
    assert.equal(parsePanelState({ search }), undefined);
    assert.equal(parsePanelState({ accountId: 'a', search: {} }), undefined);
  });

  it('restores the time column\'s form when it was chosen, and only as a boolean', () => {
    assert.equal(parsePanelState({ accountId: 'a', search, relativeTimes: true })?.relativeTimes, true);
    assert.equal(parsePanelState({ accountId: 'a', search, relativeTimes: false })?.relativeTimes, false);
    assert.ok(!('relativeTimes' in parsePanelState({ accountId: 'a', search, relativeTimes: 'yes' })!));
    assert.ok(!('relativeTimes' in parsePanelState({ accountId: 'a', search })!));
  });
});
