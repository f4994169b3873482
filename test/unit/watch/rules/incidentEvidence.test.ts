// An incident's evidence as the panel's search, and watched-path patterns.
import * as assert from 'node:assert/strict';
import type { Incident } from '../../../../src/watch/rules/incident';
import { incidentEvidence } from '../../../../src/watch/rules/incidentEvidence';
import { pathFilterOf, pathMatches } from '../../../../src/watch/rules/rulePaths';

const FIRST = Date.parse('2026-03-02T10:00:00Z');
const LAST = FIRST + 4 * 60_000;
const incident = (rule: Incident['rule'], subject: string, more: Partial<Incident> = {}): Incident => ({
  id: `${rule}|${subject}|${FIRST}`, rule, account: 'acme', subject, firstTime: FIRST, lastTime: LAST, count: 3, entryIds: [1, 2, 3], state: 'ongoing', ...more,
});
const range = { from: FIRST, to: LAST + 999 };

describe('watch rules: evidence and paths', () => {
  it('each rule\'s incident as the search of exactly its entries: its time range (to the end of the last second) and its filter', () => {
    assert.deepEqual(incidentEvidence(incident('endpointFailing', 'https://hooks.example.com/x')), {
      request: { accountId: 'acme', search: { kind: 'webhooks', range, filters: { endpointUrl: 'https://hooks.example.com/x', failed: true } } }, exact: true, notes: [],
    });
    assert.deepEqual(incidentEvidence(incident('failedLoginsByAddress', '192.0.2.1')).request.search,
      { kind: 'sessions', range, filters: { ipAddress: '192.0.2.1', types: ['PASS'], failed: true } });
    assert.deepEqual(incidentEvidence(incident('failedLoginsByUsername', 'root')).request.search,
      { kind: 'sessions', range, filters: { username: 'root', types: ['PASS'], failed: true } });
    assert.deepEqual(incidentEvidence(incident('massDeletion', 'kwright')).request.search, { kind: 'sessions', range, filters: { username: 'kwright', types: ['DELE'] } });
    const watched = incidentEvidence(incident('watchedPath', '/Finance/*', { operations: ['RETR', 'DELE'] }));
    assert.deepEqual([watched.request.search.filters, watched.exact], [{ path: '/Finance/*', types: ['RETR', 'DELE'] }, true]);
    assert.equal(incidentEvidence(incident('massDeletion', 'kwright', { account: undefined })).request.accountId, undefined);
  });

  it('says where the API cannot show exactly the incident: a wildcard inside a path, moves out of a folder, entries without a time', () => {
    const inside = incidentEvidence(incident('watchedPath', '/Clients/*/Invoices/*', { operations: ['RETR'] }));
    assert.deepEqual([inside.request.search.filters, inside.exact], [{ path: '/Clients/*', types: ['RETR'] }, false]);
    assert.match(inside.notes.join(' '), /everything under \/Clients\/\*, more than \/Clients\/\*\/Invoices\/\* watches/);
    const moves = incidentEvidence(incident('watchedPath', '/Finance/*', { operations: ['MOVE'] }));
    assert.equal(moves.exact, false);
    assert.match(moves.notes.join(' '), /move, copy or rename/);
    const untimed = incidentEvidence(incident('watchedPath', '/Finance/*', { operations: ['RETR'], firstTime: undefined, lastTime: undefined }));
    assert.deepEqual([untimed.request.search.range, untimed.exact], [{ preset: 'quarter' }, false]);
  });

  it('watched-path patterns: a trailing * is everything below, * inside one folder name, none the path and below', () => {
    const cases: [string, string, boolean][] = [
      ['/Finance/*', '/Finance/2026/Q1/a.pdf', true], ['/Finance/*', '/Financial/a.pdf', false], ['/Finance/*', '/Finance', false],
      ['/Clients/*/Invoices/*', '/Clients/Acme/Invoices/1.pdf', true], ['/Clients/*/Invoices/*', '/Clients/Acme/Old/Invoices/1.pdf', false],
      ['/Finance', '/Finance', true], ['/Finance', '/Finance/a.pdf', true], ['/Finance', '/Financial', false],
      ['/a.b/(x)/*', '/a.b/(x)/y', true], ['/a.b/(x)/*', '/aXb/(x)/y', false],
    ];
    for (const [pattern, path, matches] of cases) {
      assert.equal(pathMatches(pattern, path), matches, `${pattern} ${path}`);
    }
    assert.deepEqual(pathFilterOf('/Finance/*'), { filter: '/Finance/*', exact: true });
    assert.deepEqual(pathFilterOf('/Finance'), { filter: '/Finance*', exact: false });
  });
});
