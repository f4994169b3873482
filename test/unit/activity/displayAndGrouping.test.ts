import * as assert from 'node:assert/strict';
import { displayText } from '../../../src/activity/displayText';
import { formatBytes, formatDuration, formatRelative, formatTime } from '../../../src/activity/format';
import { groupSessions, groupWebhooks } from '../../../src/activity/grouping';
import { normalizeSession, normalizeWebhook } from '../../../src/api/normalize';

describe('displayText', () => {
  it('leaves markup exactly as sent', () => {
    for (const payload of ['<img src=x onerror=alert(1)>', '[click](command:x)', '$(alert) **b**', '../../etc/passwd']) {
      assert.equal(displayText(payload), payload);
    }
  });

  it('makes line breaks, controls, bidi overrides and zero-width characters visible', () => {
    assert.equal(displayText('a\r\nb\nc'), 'a\u23ceb\u23cec');
    assert.equal(displayText('x\u0000\u001b\u007fy'), 'x\u2400\u241b\u2421y');
    assert.equal(displayText('invoice\u202efdp.exe'), 'invoice\u27e8U+202E\u27e9fdp.exe');
    assert.equal(displayText('ad\u200bmin\ufeff'), 'ad\u27e8U+200B\u27e9min\u27e8U+FEFF\u27e9');
    assert.equal(displayText('a\u2028b\u0085c\u009bd'), 'a\u23ceb\u23cec\u27e8U+009B\u27e9d');
  });

  it('cuts long text with an ellipsis', () => {
    const shown = displayText('x'.repeat(100_000), 256);
    assert.equal(shown.length, 256);
    assert.ok(shown.endsWith('\u2026'));
  });
});

describe('formatting for people', () => {
  it('names the zone of absolute times', () => {
    assert.equal(formatTime(Date.parse('2026-11-20T11:59:59Z'), 'UTC'), '2026-11-20 11:59:59 UTC');
  });
  it('writes midnight as 00:00:00 on every Node (the test and extension hosts run different ones)', () => {
    assert.equal(formatTime(Date.parse('2026-11-25T00:00:00Z'), 'UTC'), '2026-11-25 00:00:00 UTC');
    assert.equal(formatTime(Date.parse('2026-11-25T00:30:05Z'), 'UTC'), '2026-11-25 00:30:05 UTC');
  });
  it('reads sizes, durations and relative times', () => {
    assert.deepEqual([formatBytes(512), formatBytes(10_815_676), formatBytes(undefined)], ['512 B', '10 MB', '']);
    assert.deepEqual([formatDuration(5), formatDuration(125), formatDuration(7260)], ['5 s', '2 min 5 s', '2 h 1 min']);
    const now = new Date('2026-11-20T12:00:00Z');
    assert.deepEqual([10_000, 300_000, 7_200_000, 259_200_000].map((ago) => formatRelative(now.getTime() - ago, now)),
      ['just now', '5 min ago', '2 h ago', '3 days ago']);
  });
});

describe('grouping', () => {
  const session = (id: number, operation: string, status = '-') => normalizeSession({ id, type: 'sessionActivity', attributes: { operation, status, created: `2026-11-20T10:00:${String(60 - id).padStart(2, '0')}Z` } });
  const call = (id: number, status: number) => normalizeWebhook({ id, type: 'webhookActivity', attributes: { webhookFormat: 'v2', event: 'resources.upload', status } });

  it('groups sessions by operation under the file manager\'s names, most recent group first, counting failures', () => {
    const groups = groupSessions([session(1, 'STOR'), session(2, 'PASS', 'failed'), session(3, 'STOR'), session(4, 'PASS')]);
    assert.deepEqual(groups.map((g) => [g.label, g.entries.map((e) => e.id), g.failed]), [['Upload (STOR)', [1, 3], 0], ['Connect (PASS)', [2, 4], 1]]);
  });

  it('groups webhook calls by status class, "no answer" last', () => {
    const groups = groupWebhooks([call(1, 0), call(2, 200), call(3, 503), call(4, 28), call(5, 404)], 'status');
    assert.deepEqual(groups.map((g) => [g.label, g.entries.map((e) => e.id)]), [['2xx', [2]], ['4xx', [5]], ['5xx', [3]], ['No answer', [1, 4]]]);
  });

  it('groups webhook calls by endpoint, naming the endpoint each group\'s calls went to (none for calls without one)', () => {
    const to = (id: number, status: number, endpointUrl?: string) => normalizeWebhook({ id, type: 'webhookActivity', attributes: { webhookFormat: 'v2', event: 'resources.upload', status, endpointUrl } });
    const groups = groupWebhooks([to(1, 500, 'https://a.example/h'), to(2, 200, 'https://b.example/h'), to(3, 200), to(4, 0, 'https://a.example/h')], 'endpoint');
    assert.deepEqual(groups.map((g) => [g.label, g.endpointUrl, g.entries.map((e) => e.id), g.failed]), [
      ['https://a.example/h', 'https://a.example/h', [1, 4], 2], ['https://b.example/h', 'https://b.example/h', [2], 0], ['No endpoint', undefined, [3], 0],
    ]);
    // Positive control: grouped otherwise, no group names an endpoint.
    assert.ok(groupWebhooks([to(1, 500, 'https://a.example/h')], 'event').every((g) => g.endpointUrl === undefined));
  });
});
