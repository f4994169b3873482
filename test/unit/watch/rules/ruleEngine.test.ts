// The watch's rules over batches of entries, as a poller delivers them: each rule's threshold with a
// control one entry short of it, bursts cut anywhere between two batches, duplicates, late entries,
// entries without a time, resolution, and a state that is plain JSON and stays small.
import * as assert from 'node:assert/strict';
import type { ActivityEntry } from '../../../../src/api/models';
import { applyRules, emptyRuleState, LATE_ALLOWANCE_MINUTES } from '../../../../src/watch/rules/ruleEngine';
import { DEFAULT_WATCH_THRESHOLDS, type WatchThresholds } from '../../../../src/watch/rules/ruleThresholds';
import { call, deletion, ENDPOINT, everySplit, failedLogin, feed, MINUTE, session, START, summary } from './ruleFeed';

const OFF = { count: 0, minutes: 5 };
/** Only the rule a test is about, so other rules' incidents never mix in. */
const ONLY: WatchThresholds = {
  endpointFailures: { count: 0, minutes: 10, inARow: 0 },
  failedLogins: { perAddress: OFF, perUsername: OFF },
  massDeletion: OFF,
  watchedPaths: { paths: [], groupMinutes: 10 },
};
const endpointRule = (count: number, minutes: number, inARow: number): WatchThresholds => ({ ...ONLY, endpointFailures: { count, minutes, inARow } });
const at = (minutes: number) => START + minutes * MINUTE;

describe('watch rules', () => {
  describe('an endpoint starts failing', () => {
    const failures = (count: number, from = 0, step = 1, firstId = 1) => Array.from({ length: count }, (_, i) => call(firstId + i, from + i * step, i % 2 ? 503 : 28));

    it('N failed calls within M minutes (no answer counts as a failure): one incident with exactly them; N - 1 gives none', () => {
      const rule = endpointRule(5, 10, 0);
      const four = failures(4, 0, 2);
      assert.deepEqual(feed([four], rule).incidents, []);
      const fifth = call(5, 8, 502);
      const { incidents } = feed([four, [fifth]], rule);
      assert.deepEqual(incidents.map(summary), [{
        rule: 'endpointFailing', subject: ENDPOINT, count: 5, firstTime: at(0), lastTime: at(8), entryIds: [1, 2, 3, 4, 5], state: 'ongoing',
      }]);
      assert.equal(incidents[0]!.account, 'acme');
      // The same five spread wider than the window: none.
      assert.deepEqual(feed([failures(5, 0, 3)], rule).incidents, []);
      // Answers below 400 are no failure, 4xx are.
      assert.deepEqual(feed([[...four, call(6, 8, 302)]], rule).incidents, []);
      assert.equal(feed([[...four, call(6, 8, 404)]], rule).incidents.length, 1);
    });

    it('K in a row, however far apart; a success between breaks the run', () => {
      const rule = endpointRule(0, 10, 3);
      const slow = failures(3, 0, 30);
      assert.deepEqual(feed([slow], rule).incidents.map(summary).map(({ entryIds, count }) => ({ entryIds, count })), [{ entryIds: [1, 2, 3], count: 3 }]);
      const broken = [call(1, 0, 500), call(2, 30, 500), call(3, 45, 200), call(4, 60, 500)];
      assert.deepEqual(feed([broken], rule).incidents, []);
      assert.equal(feed([[...broken, call(5, 75, 500), call(6, 90, 500)]], rule).incidents[0]!.count, 3);
    });

    it('goes on while it fails, is resolved by a later success, and a new outage after that is a new incident', () => {
      const rule = endpointRule(3, 10, 0);
      const outage = failures(5, 0, 1);
      const { incidents: [ongoing] } = feed([outage], rule);
      assert.equal(ongoing!.state, 'ongoing');

      const { incidents, opened } = feed([outage, [call(6, 6, 200)], [call(7, 7, 200), ...failures(3, 20, 1, 10)]], rule);
      assert.deepEqual(incidents.map(summary), [
        { rule: 'endpointFailing', subject: ENDPOINT, count: 5, firstTime: at(0), lastTime: at(4), entryIds: [1, 2, 3, 4, 5], state: 'resolved' },
        { rule: 'endpointFailing', subject: ENDPOINT, count: 3, firstTime: at(20), lastTime: at(22), entryIds: [10, 11, 12], state: 'ongoing' },
      ]);
      assert.equal(incidents[0]!.resolvedAt, at(6));
      assert.deepEqual(opened, incidents.map((incident) => incident.id));
      assert.notEqual(incidents[0]!.id, incidents[1]!.id);
    });

    it('is not resolved by a success that comes late but happened before its last failure', () => {
      const rule = endpointRule(3, 10, 0);
      const { incidents } = feed([failures(4, 0, 1), [call(9, 1.5, 200)]], rule);
      assert.deepEqual(incidents.map((incident) => [incident.state, incident.count]), [['ongoing', 4]]);
      // Control: one after its last failure resolves it.
      assert.equal(feed([failures(4, 0, 1), [call(9, 3.5, 200)]], rule).incidents[0]!.state, 'resolved');
    });

    it('orders the entries of one second by id: a success logged after the last failure, in its second, resolves it', () => {
      const rule = endpointRule(3, 10, 0);
      const outage = failures(3, 0, 1);
      assert.equal(feed([[...outage, call(9, 2, 200)]], rule).incidents[0]!.state, 'resolved');
      // Control: logged before it (a lower id), the same second does not.
      assert.equal(feed([[...outage.slice(0, 2), call(4, 2, 500), call(3, 2, 200)]], rule).incidents[0]!.state, 'ongoing');
    });

    it('finds a late outage from before a newer incident as an incident of its own', () => {
      const rule = endpointRule(3, 10, 0);
      const newer = [...failures(3, 30, 1, 20), call(30, 33, 200)];
      const older = [...failures(3, 0, 1), call(10, 3, 200)];
      const { incidents } = feed([newer, older], rule);
      assert.deepEqual(incidents.map((incident) => [incident.entryIds, incident.state]).sort(), [[[1, 2, 3], 'resolved'], [[20, 21, 22], 'resolved']]);
    });

    it('counts each endpoint on its own', () => {
      const rule = endpointRule(3, 10, 0);
      const mixed = [call(1, 0, 500), call(2, 1, 500, 'https://other.example/hook'), call(3, 2, 500), call(4, 3, 500, 'https://other.example/hook')];
      assert.deepEqual(feed([mixed], rule).incidents, []);
      assert.deepEqual(feed([[...mixed, call(5, 4, 500)]], rule).incidents.map((incident) => incident.subject), [ENDPOINT]);
    });
  });

  describe('batches as a poller delivers them', () => {
    const rule = endpointRule(5, 10, 0);
    // Quiet calls, a burst of failures, and calls after it.
    const stream = [call(1, 0, 200), call(2, 1, 200), ...[3, 4, 5, 6, 7, 8].map((id) => call(id, id - 1, 500)), call(9, 9, 200), call(10, 10, 200)];
    const expected = [{ rule: 'endpointFailing', subject: ENDPOINT, count: 6, firstTime: at(2), lastTime: at(7), entryIds: [3, 4, 5, 6, 7, 8], state: 'resolved' }];

    it('find the same incident wherever the stream is cut, inside the burst too', () => {
      assert.deepEqual(feed([stream], rule).incidents.map(summary), expected);
      for (const batches of everySplit(stream)) {
        assert.deepEqual(feed(batches, rule).incidents.map(summary), expected, `cut after ${batches[0]!.length}`);
      }
    });

    it('drop entries delivered again, in the same batch or a later overlapping one', () => {
      const overlapping = [stream.slice(0, 6), stream.slice(3, 9), stream.slice(2)];
      assert.deepEqual(feed(overlapping, rule).incidents.map(summary), expected);
      assert.deepEqual(feed([[...stream, ...stream]], rule).incidents.map(summary), expected);
      assert.deepEqual(feed([stream, stream], rule).incidents.map(summary), expected);
    });

    it('place late and out-of-order entries by their time, not by when they came', () => {
      assert.deepEqual(feed([[...stream].reverse()], rule).incidents.map(summary), expected);
      // The burst's first half comes a batch after the newer calls.
      const late = [[...stream.slice(5)], [...stream.slice(0, 5)]];
      assert.deepEqual(feed(late, rule).incidents.map(summary).map(({ entryIds, count }) => ({ entryIds, count })), [{ entryIds: [3, 4, 5, 6, 7, 8], count: 6 }]);
    });

    it('drop an entry later than the allowance behind the newest of its log, and count one within it', () => {
      const burst = [3, 4, 5, 6].map((id) => call(id, id, 500));
      const newest = call(20, 6 + 10 + LATE_ALLOWANCE_MINUTES + 2, 200);
      const withinReach = [call(30, 6 + LATE_ALLOWANCE_MINUTES, 200), call(31, 7, 500)];
      // Control: the fifth failure within reach of the newest entry completes the burst.
      assert.equal(feed([[call(20, 6 + LATE_ALLOWANCE_MINUTES, 200)], burst, [call(31, 7, 500)]], rule).incidents.length, 1);
      assert.deepEqual(feed([withinReach, burst].reverse(), rule).incidents.length, 1);
      assert.deepEqual(feed([[newest], burst, [call(31, 7, 500)]], rule).incidents, []);
    });
  });

  describe('entries without a time', () => {
    it('cannot be placed in a window: time-window rules skip them (the same entries with times make an incident)', () => {
      const rule = endpointRule(3, 10, 0);
      assert.deepEqual(feed([[1, 2, 3, 4].map((id) => call(id, undefined, 500))], rule).incidents, []);
      assert.equal(feed([[1, 2, 3, 4].map((id) => call(id, id, 500))], rule).incidents.length, 1);
      const logins: WatchThresholds = { ...ONLY, failedLogins: { perAddress: { count: 3, minutes: 5 }, perUsername: OFF } };
      assert.deepEqual(feed([[1, 2, 3].map((id) => failedLogin(id, undefined, '192.0.2.1', 'root'))], logins).incidents, []);
      assert.equal(feed([[1, 2, 3].map((id) => failedLogin(id, id, '192.0.2.1', 'root'))], logins).incidents.length, 1);
    });

    it('count for a watched path: they join its latest incident, or open one without times; once each', () => {
      const watch: WatchThresholds = { ...ONLY, watchedPaths: { paths: [{ pattern: '/Finance/*', operations: ['RETR'] }], groupMinutes: 10 } };
      const untimed = session(1, undefined, { operation: 'RETR', fileName: '/Finance/payroll.csv', username: 'amy' });
      const { incidents } = feed([[untimed], [untimed]], watch);
      assert.deepEqual(incidents.map(summary), [{ rule: 'watchedPath', subject: '/Finance/*', count: 1, firstTime: undefined, lastTime: undefined, entryIds: [1], state: 'resolved' }]);
      const timed = session(2, 3, { operation: 'RETR', fileName: '/Finance/q1.xlsx', username: 'amy' });
      const joined = feed([[timed], [untimed]], watch).incidents;
      assert.deepEqual(joined.map(summary), [{ rule: 'watchedPath', subject: '/Finance/*', count: 2, firstTime: at(3), lastTime: at(3), entryIds: [1, 2], state: 'ongoing' }]);
    });
  });

  describe('failed logins', () => {
    const logins = (perAddress: number, perUsername: number): WatchThresholds => ({
      ...ONLY, failedLogins: { perAddress: { count: perAddress, minutes: 5 }, perUsername: { count: perUsername, minutes: 5 } },
    });

    it('N from one address within M minutes, whatever names they try; N - 1 gives none', () => {
      const names = ['root', 'admin', 'test'];
      const burst = Array.from({ length: 6 }, (_, i) => failedLogin(i + 1, i * 0.5, '45.134.26.12', names[i % 3]!));
      assert.deepEqual(feed([burst.slice(0, 5)], logins(6, 6)).incidents, []);
      const { incidents } = feed([burst.slice(0, 5), burst.slice(5)], logins(6, 6));
      assert.deepEqual(incidents.map(summary), [{
        rule: 'failedLoginsByAddress', subject: '45.134.26.12', count: 6, firstTime: at(0), lastTime: at(2.5), entryIds: [1, 2, 3, 4, 5, 6], state: 'ongoing',
      }]);
    });

    it('N against one username from any addresses; successful logins and other failures do not count', () => {
      const burst = Array.from({ length: 4 }, (_, i) => failedLogin(i + 1, i, `203.0.113.${i}`, 'jsmith'));
      const noise = [session(10, 1, { operation: 'PASS', username: 'jsmith', ipAddress: '203.0.113.9' }), session(11, 2, { operation: 'STOR', status: 'failed', username: 'jsmith' })];
      assert.deepEqual(feed([[...burst.slice(0, 3), ...noise]], logins(0, 4)).incidents, []);
      assert.deepEqual(feed([[...burst, ...noise]], logins(0, 4)).incidents.map(summary).map(({ rule, subject, entryIds }) => ({ rule, subject, entryIds })),
        [{ rule: 'failedLoginsByUsername', subject: 'jsmith', entryIds: [1, 2, 3, 4] }]);
    });

    it('is resolved once quiet for its minutes, and a burst after that is a new incident', () => {
      const first = [1, 2, 3].map((id) => failedLogin(id, id, '192.0.2.7', 'root'));
      const later = [11, 12, 13].map((id) => failedLogin(id, 20 + id, '192.0.2.7', 'root'));
      const { incidents } = feed([first, [session(5, 9, { operation: 'STOR', username: 'amy' })], later], logins(3, 0));
      assert.deepEqual(incidents.map((incident) => [incident.state, incident.entryIds, incident.resolvedAt]), [
        ['resolved', [1, 2, 3], at(3 + 5)],
        ['ongoing', [11, 12, 13], undefined],
      ]);
    });
  });

  describe('a mass deletion', () => {
    const rule: WatchThresholds = { ...ONLY, massDeletion: { count: 4, minutes: 2 } };

    it('N DELE by one user within M minutes; N - 1, or N by several users, gives none', () => {
      const four = [1, 2, 3, 4].map((id) => deletion(id, id * 0.25, 'kwright'));
      assert.deepEqual(feed([four.slice(0, 3)], rule).incidents, []);
      assert.deepEqual(feed([[...four.slice(0, 3), deletion(4, 1, 'amy')]], rule).incidents, []);
      assert.deepEqual(feed([four], rule).incidents.map(summary), [{
        rule: 'massDeletion', subject: 'kwright', count: 4, firstTime: at(0.25), lastTime: at(1), entryIds: [1, 2, 3, 4], state: 'ongoing',
      }]);
    });
  });

  describe('watched paths', () => {
    const watch = (pattern: string, operations: string[]): WatchThresholds => ({ ...ONLY, watchedPaths: { paths: [{ pattern, operations }], groupMinutes: 10 } });

    it('any chosen operation under the pattern, the source of a move too; others are not watched', () => {
      const entries = [
        session(1, 0, { operation: 'RETR', fileName: '/Finance/2026/payroll.csv' }),
        session(2, 1, { operation: 'STOR', fileName: '/Finance/2026/payroll.csv' }),
        session(3, 2, { operation: 'RETR', fileName: '/Financial/report.pdf' }),
        session(4, 3, { operation: 'MOVE', fileName: '/Shared/payroll.csv', fileSource: '/Finance/payroll.csv' }),
        session(5, 4, { operation: 'RETR', fileName: '/Marketing/logo.png' }),
      ];
      assert.deepEqual(feed([entries], watch('/Finance/*', ['RETR', 'MOVE'])).incidents.map((incident) => incident.entryIds), [[1, 4]]);
      assert.deepEqual(feed([entries], watch('/Finance/*', [])).incidents.map((incident) => incident.entryIds), [[1, 2, 4]]);
      assert.deepEqual(feed([entries], watch('/Marketing/*', ['DELE'])).incidents, []);
    });

    it('groups operations within its minutes of each other into one incident', () => {
      const entries = [0, 5, 12, 40].map((minutes, i) => session(i + 1, minutes, { operation: 'RETR', fileName: `/Finance/${i}.csv` }));
      assert.deepEqual(feed([entries], watch('/Finance/*', ['RETR'])).incidents.map((incident) => incident.entryIds), [[1, 2, 3], [4]]);
    });
  });

  describe('the state', () => {
    it('is plain JSON: a copy read back goes on exactly as the original', () => {
      const rule = DEFAULT_WATCH_THRESHOLDS;
      const first = [1, 2, 3, 4].map((id) => call(id, id, 500));
      const rest = [call(5, 5, 500), call(6, 6, 200), ...[7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((id) => failedLogin(id, id * 0.2, '192.0.2.1', 'root'))];
      const { state } = feed([first], rule);
      const copy = JSON.parse(JSON.stringify(state)) as typeof state;
      assert.deepEqual(copy, state);
      assert.deepEqual(feed([rest], rule, copy).incidents, feed([rest], rule, state).incidents);
      assert.deepEqual(feed([rest], rule, copy).incidents.map((incident) => incident.rule).sort(), ['endpointFailing', 'failedLoginsByAddress', 'failedLoginsByUsername']);
    });

    it('leaves the state it is given as it was', () => {
      const state = emptyRuleState();
      const before = JSON.stringify(state);
      applyRules(state, [call(1, 0, 500), failedLogin(2, 0, '192.0.2.1', 'root')], DEFAULT_WATCH_THRESHOLDS);
      assert.equal(JSON.stringify(state), before);
    });

    it('stays small however long it runs: what no window can reach any more is dropped', () => {
      const rule = DEFAULT_WATCH_THRESHOLDS;
      const size = (hours: number) => {
        let state = emptyRuleState();
        let id = 0;
        // A batch every 5 minutes: a call every 10 seconds to one of 20 endpoints, one in 60 failing, and as many failed logins from many addresses.
        for (let minute = 0; minute < hours * 60; minute += 5) {
          const batch: ActivityEntry[] = [];
          for (let s = 0; s < 30; s++) {
            id++;
            const time = minute + s / 6;
            batch.push(call(id, time, id % 60 === 0 ? 500 : 200, `https://hook${id % 20}.example/`), failedLogin(1_000_000 + id, time, `198.51.${id % 250}.${id % 7}`, `user${id % 40}`));
          }
          state = applyRules(state, batch, rule).state;
        }
        return JSON.stringify(state).length;
      };
      const [twoHours, eightHours] = [size(2), size(8)];
      // Control: the state does hold what is within reach (tens of kilobytes), and no more after four times as long.
      assert.ok(twoHours > 10_000, `${twoHours} characters`);
      assert.ok(eightHours < twoHours * 1.2, `${twoHours} characters after 2 hours, ${eightHours} after 8`);
    });
  });
});
