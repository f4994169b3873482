// The clock switch: a suite's processes read the time it names, whenever they start.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { clockEnvironment, clockSwitchAvailable, parseClock } from '../../../../scripts/lib/clock';

const nodeNow = (env: NodeJS.ProcessEnv): number =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env: { ...process.env, ...env }, encoding: 'utf8' }).stdout);

describe('harness clock switch', () => {
  it('reads a time as UTC unless it names a zone, and refuses what is not a time', () => {
    assert.equal(parseClock('2028-02-29T23:58:00Z'), Date.UTC(2028, 1, 29, 23, 58));
    assert.equal(parseClock('2028-02-29 23:58'), Date.UTC(2028, 1, 29, 23, 58));
    assert.equal(parseClock('2028-03-01T01:58:00+02:00'), Date.UTC(2028, 1, 29, 23, 58));
    assert.throws(() => parseClock('tomorrow'), /is not a date and time/);
    assert.throws(() => parseClock('2028-02-29'), /is not a date and time/);
  });

  it('gives a process started later the same clock, at the named time', function () {
    // The switch is optional on a developer's machine (CI installs faketime and patchelf): pending there, not passed.
    if (!clockSwitchAvailable()) {
      this.skip();
    }
    const at = Date.UTC(2028, 1, 29, 23, 58);
    const env = clockEnvironment(at);
    const seen = nodeNow(env);
    // Seconds of slack for a busy machine; a year away from the real clock either way.
    assert.ok(Math.abs(seen - at) < 120_000, new Date(seen).toISOString());
    // Positive control: without it, the same probe reads the real clock.
    assert.ok(Math.abs(nodeNow({}) - Date.now()) < 120_000);
  });
});
