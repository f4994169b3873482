// The table holds values as the server sent them and shows them formatted: charts count and narrow
// by the value as sent (an operation's code, a long path in full), never by the text on screen.
import { packColumns } from '../../../../src/panel/packedRows';
import * as assert from 'node:assert/strict';
import { OPERATIONS } from '../../../../src/api/wire';
import { COLUMNS, DEFAULT_SORT } from '../../../../src/panel/columns';
import { NAMED_NO_ANSWERS, noAnswerText } from '../../../../src/activity/noAnswer';
import { cellText, noAnswerWords } from '../../../../src/panel/webview/cellText';
import { timeBins, topValues } from '../../../../src/panel/webview/chartData';
import { RowStore } from '../../../../src/panel/webview/rowStore';

const T = Date.parse('2026-11-20T12:00:00Z');
// The panel's words for a status below 100, as panelStrings gives them.
const NO_ANSWER = noAnswerWords({ noAnswer: noAnswerText('{0}'), ...Object.fromEntries(NAMED_NO_ANSWERS.map((error) => [`noAnswer.${error}`, noAnswerText(error)])) });

function storeOf(kind: 'sessions' | 'webhooks', rows: Record<string, string | number>[], choices: [string, string][]): RowStore {
  const store = new RowStore(COLUMNS[kind], DEFAULT_SORT, (spec) => cellText(spec, choices, NO_ANSWER));
  store.append(rows.map((_, i) => i + 1), packColumns(Object.fromEntries(COLUMNS[kind].map((column) => [column.id, rows.map((row) => row[column.id] ?? null)]))));
  return store;
}

describe('table cells: held as sent, shown formatted', () => {
  const operations = Object.entries(OPERATIONS);
  const column = (kind: 'sessions' | 'webhooks', id: string) => COLUMNS[kind].findIndex((c) => c.id === id);

  it('shows an operation by name, and the time chart\'s series and the top list keep its code', () => {
    const store = storeOf('sessions', [{ time: T, operation: 'STOR', user: 'a' }, { time: T - 1, operation: 'STOR', user: 'a' }, { time: T - 2, operation: 'DELE', user: 'b' }], operations);
    const shown = Array.from(store.view(), (row) => store.text(row, column('sessions', 'operation')));
    assert.deepEqual(shown, [OPERATIONS.STOR, OPERATIONS.STOR, OPERATIONS.DELE]);
    const series = timeBins(store, store.view(), 'sessions', T - 60_000, T + 1, 10, { timeZone: 'UTC' }).series;
    assert.deepEqual(series.map((s) => [s.key, s.label]), [['STOR', OPERATIONS.STOR], ['DELE', OPERATIONS.DELE]]);
    assert.deepEqual(topValues(store, store.view(), column('sessions', 'operation')).map((t) => [t.value, t.label]), [['STOR', OPERATIONS.STOR], ['DELE', OPERATIONS.DELE]]);
  });

  it('refines and sorts by the text shown, not the code', () => {
    const store = storeOf('sessions', [{ time: T, operation: 'STOR' }, { time: T - 1, operation: 'DELE' }], operations);
    store.setRefine(OPERATIONS.STOR!.toLowerCase());
    assert.equal(store.view().length, 1);
    assert.ok(!OPERATIONS.STOR!.toLowerCase().includes('stor'), 'the name differs from the code (else this checks nothing)');
    store.setRefine('stor');
    assert.equal(store.view().length, 0);
  });

  it('keeps a value over the cell\'s length in full for narrowing, and cuts it on screen', () => {
    const path = `/${'deep/'.repeat(80)}file.txt`;
    const store = storeOf('webhooks', [{ time: T, resource: path, endpoint: path, user: 'u' }], []);
    const [top] = topValues(store, store.view(), column('webhooks', 'endpoint'));
    assert.equal(top!.value, path);
    assert.ok(top!.label.length < path.length, 'the label is cut');
    assert.ok(store.text(store.view()[0]!, column('webhooks', 'resource')).length < path.length, 'the cell is cut');
  });

  it('shows a status below 100 as no answer with its cause when known, keeps its number, and counts it a failure', () => {
    const store = storeOf('webhooks', [{ time: T, status: '7' }, { time: T - 1, status: '404' }, { time: T - 2, status: '200' }, { time: T - 3, status: '1' }], []);
    const status = column('webhooks', 'status');
    assert.deepEqual(Array.from(store.view(), (row) => store.text(row, status)), ['no answer: could not connect (error 7)', '404', '200', 'no answer (error 1)']);
    assert.deepEqual(topValues(store, store.view(), status).map((t) => t.value).sort(), ['1', '200', '404', '7']);
    const outcomes = timeBins(store, store.view(), 'webhooks', T - 60_000, T + 1, 1, { timeZone: 'UTC' }).outcomes!;
    assert.deepEqual(outcomes.map((o) => [o.key, o.counts.reduce((a, b) => a + b, 0)]), [['success', 1], ['failure', 3]]);
  });
});
