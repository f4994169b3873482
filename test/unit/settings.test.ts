// A user's settings.json as release 0.1.0 read it (test/fixtures/saved-state/): every key still
// contributed, and read to the same values. What must load is spelled out from the files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSettings, type SettingsSection } from '../../src/settingsReader';
import { DEFAULT_WATCH_THRESHOLDS } from '../../src/watch/rules/ruleThresholds';
import { readSavedState } from '../support/savedState';

interface Contributed {
  type: string;
  default: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributed: Record<string, Contributed> = manifest.contributes.configuration.properties;

/** The `exavault` section as VS Code gives it: the user's value, else the contributed default. */
const sectionOf = (userSettings: Record<string, unknown>): SettingsSection => ({
  get: <T>(key: string, defaultValue: T): T => (userSettings[`exavault.${key}`] ?? contributed[`exavault.${key}`]?.default ?? defaultValue) as T,
});

const read = (userSettings: Record<string, unknown>) => {
  const settings = readSettings(() => sectionOf(userSettings));
  return {
    importFromEnvironment: settings.importFromEnvironment(),
    requestTimeoutMs: settings.requestTimeoutMs(),
    timeWindowMs: settings.timeWindowMs(),
    pageSize: settings.pageSize(),
    confirmAboveCalls: settings.confirmAboveCalls(),
    autoRefreshMs: settings.autoRefreshMs(),
    maxDownloadBytes: settings.maxDownloadBytes(),
    pathHistoryMaxCalls: settings.pathHistoryMaxCalls(),
    resendCap: settings.resendCap(),
  };
};

describe('settings saved with release 0.1.0', () => {
  it('are all still contributed, each value of its declared type and within its bounds', () => {
    for (const [key, value] of Object.entries(readSavedState('settings.json'))) {
      const declared = contributed[key];
      assert.ok(declared, `${key} is contributed`);
      assert.equal(typeof value, declared.type, key);
      assert.ok(!declared.enum || declared.enum.includes(value as string), `${key}: ${String(value)}`);
      assert.ok(declared.minimum === undefined || (value as number) >= declared.minimum, `${key} >= ${declared.minimum}`);
      assert.ok(declared.maximum === undefined || (value as number) <= declared.maximum, `${key} <= ${declared.maximum}`);
    }
    assert.deepEqual(Object.keys(readSavedState('settings-outOfBounds.json')).filter((key) => !contributed[key]), []);
  });

  it('read as the user set them', () => {
    assert.deepEqual(read(readSavedState('settings.json')), {
      importFromEnvironment: 'never',
      requestTimeoutMs: 90_000,
      timeWindowMs: 168 * 3_600_000,
      pageSize: 500,
      confirmAboveCalls: 200,
      autoRefreshMs: 60_000,
      maxDownloadBytes: 2048 * 1_048_576,
      pathHistoryMaxCalls: 50,
      resendCap: 25,
    });
  });

  it('read within their bounds when a hand-edited file goes beyond them', () => {
    assert.deepEqual(read(readSavedState('settings-outOfBounds.json')), {
      importFromEnvironment: 'always',
      requestTimeoutMs: 1000,
      timeWindowMs: 3_600_000,
      pageSize: 1000,
      confirmAboveCalls: 1,
      autoRefreshMs: 0,
      maxDownloadBytes: 1_048_576,
      pathHistoryMaxCalls: 50,
      resendCap: 25,
    });
  });

  it('read as the defaults where a hand-edited file holds what is not a number or not a choice', () => {
    const defaults = read({});
    const wrong = ['sometimes', null, true, '30', Number.NaN, Number.POSITIVE_INFINITY, { hours: 1 }];
    for (const value of wrong) {
      const userSettings = Object.fromEntries(Object.keys(contributed).filter((key) => key !== 'exavault.timeZone').map((key) => [key, value]));
      assert.deepEqual(read(userSettings), defaults, String(value));
    }
    // Positive control: the same keys with right values do change what is read.
    assert.notDeepEqual(read(readSavedState('settings.json')), defaults);
  });

  it('read as the defaults when the user set none', () => {
    assert.deepEqual(read({}), {
      importFromEnvironment: 'ask',
      requestTimeoutMs: 30_000,
      timeWindowMs: 24 * 3_600_000,
      pageSize: 100,
      confirmAboveCalls: 50,
      autoRefreshMs: 0,
      maxDownloadBytes: 50 * 1_048_576,
      pathHistoryMaxCalls: 50,
      resendCap: 25,
    });
  });

  it('read the path history\'s call cap within its contributed bounds, in whole calls', () => {
    const { minimum, maximum } = contributed['exavault.pathHistory.maxCalls']!;
    const cap = (value: unknown) => read({ 'exavault.pathHistory.maxCalls': value }).pathHistoryMaxCalls;
    assert.equal(cap(0), minimum);
    assert.equal(cap(-3), minimum);
    assert.equal(cap(1e9), maximum);
    assert.equal(cap(120.7), 120);
    assert.equal(cap(minimum), minimum);
    assert.equal(cap(maximum), maximum);
  });

  it('read the resend cap as a whole number within its contributed bounds', () => {
    const cap = (value: unknown) => read({ 'exavault.webhooks.resendCap': value }).resendCap;
    const { minimum, maximum } = contributed['exavault.webhooks.resendCap']!;
    assert.deepEqual([cap(10), cap(0), cap(-3), cap(5000), cap(7.5)], [10, minimum, minimum, maximum, 7]);
  });
});

describe('the time zone setting', () => {
  // `local` stands for a zone the test gives, so the machine's never matters.
  const zoneOf = (userSettings: Record<string, unknown>) => {
    const settings = readSettings(() => sectionOf(userSettings), () => 'Asia/Tokyo');
    return { zone: settings.timeZone(), invalid: settings.invalidTimeZone() };
  };

  it('is this machine\'s zone by default and for settings saved before it existed, as times were shown then', () => {
    assert.deepEqual(zoneOf({}), { zone: 'Asia/Tokyo', invalid: undefined });
    assert.deepEqual(zoneOf(readSavedState('settings.json')), { zone: 'Asia/Tokyo', invalid: undefined });
  });

  it('reads utc, local and zone names', () => {
    assert.deepEqual(zoneOf({ 'exavault.timeZone': 'utc' }), { zone: 'UTC', invalid: undefined });
    assert.deepEqual(zoneOf({ 'exavault.timeZone': 'UTC' }), { zone: 'UTC', invalid: undefined });
    assert.deepEqual(zoneOf({ 'exavault.timeZone': 'local' }), { zone: 'Asia/Tokyo', invalid: undefined });
    assert.deepEqual(zoneOf({ 'exavault.timeZone': 'Europe/Berlin' }), { zone: 'Europe/Berlin', invalid: undefined });
    assert.deepEqual(zoneOf({ 'exavault.timeZone': ' America/New_York ' }), { zone: 'America/New_York', invalid: undefined });
  });

  it('checks the setting without asking this machine\'s zone, which only showing a time needs', () => {
    let asked = 0;
    const settings = readSettings(() => sectionOf({ 'exavault.timeZone': 'local' }), () => {
      asked++;
      return 'Asia/Tokyo';
    });
    assert.equal(settings.invalidTimeZone(), undefined);
    assert.equal(asked, 0);
    // The control: the zone times are shown in does ask.
    assert.equal(settings.timeZone(), 'Asia/Tokyo');
    assert.equal(asked, 1);
  });

  it('falls back to UTC for what names no zone, and says what it was', () => {
    for (const value of ['Mars/Olympus_Mons', '', '+02:00', '<script>', 42]) {
      assert.deepEqual(zoneOf({ 'exavault.timeZone': value }), { zone: 'UTC', invalid: String(value) }, String(value));
    }
  });

  it('is contributed with a pattern that takes utc, local and zone names, and refuses other text', () => {
    const pattern = new RegExp((contributed['exavault.timeZone'] as Contributed & { pattern: string }).pattern);
    for (const value of ['utc', 'local', 'UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']) {
      assert.ok(pattern.test(value), value);
    }
    for (const value of ['', '+02:00', '<script>', 'Europe/', 'a b']) {
      assert.ok(!pattern.test(value), value);
    }
  });
});

describe('watch settings', () => {
  const watch = (userSettings: Record<string, unknown>) => readSettings(() => sectionOf(userSettings));

  it('read as the rules\' defaults when unset, and the contributed defaults agree with them', () => {
    const settings = watch({});
    assert.deepEqual(settings.watchThresholds(), {
      ...DEFAULT_WATCH_THRESHOLDS,
      failedLogins: { perAddress: DEFAULT_WATCH_THRESHOLDS.failedLogins.perAddress, perUsername: DEFAULT_WATCH_THRESHOLDS.failedLogins.perAddress },
    });
    assert.equal(settings.watchIntervalMs(), 5 * 60_000);
    assert.equal(settings.watchMaxShareOfAllowance(), 0.05);
    assert.equal(contributed['exavault.watch.endpointFailures.count']!.default, DEFAULT_WATCH_THRESHOLDS.endpointFailures.count);
    assert.equal(contributed['exavault.watch.endpointFailures.inARow']!.default, DEFAULT_WATCH_THRESHOLDS.endpointFailures.inARow);
    assert.equal(contributed['exavault.watch.massDeletion.minutes']!.default, DEFAULT_WATCH_THRESHOLDS.massDeletion.minutes);
  });

  it('read what the user set, one failed-login threshold for addresses and usernames alike', () => {
    const settings = watch({
      'exavault.watch.intervalMinutes': 2, 'exavault.watch.maxShareOfAllowance': 0.2,
      'exavault.watch.endpointFailures.count': 7, 'exavault.watch.endpointFailures.minutes': 3, 'exavault.watch.endpointFailures.inARow': 0,
      'exavault.watch.failedLogins.count': 4, 'exavault.watch.failedLogins.minutes': 2,
      'exavault.watch.massDeletion.count': 9, 'exavault.watch.massDeletion.minutes': 8,
      'exavault.watch.watchedPaths': [{ pattern: '/Finance/*', operations: ['dele', 'STOR'] }, { pattern: '/Clients/*' }],
    });
    assert.equal(settings.watchIntervalMs(), 120_000);
    assert.equal(settings.watchMaxShareOfAllowance(), 0.2);
    assert.deepEqual(settings.watchThresholds(), {
      endpointFailures: { count: 7, minutes: 3, inARow: 0 },
      failedLogins: { perAddress: { count: 4, minutes: 2 }, perUsername: { count: 4, minutes: 2 } },
      massDeletion: { count: 9, minutes: 8 },
      watchedPaths: { paths: [{ pattern: '/Finance/*', operations: ['DELE', 'STOR'] }, { pattern: '/Clients/*', operations: [] }], groupMinutes: DEFAULT_WATCH_THRESHOLDS.watchedPaths.groupMinutes },
    });
  });

  it('read bad values as the defaults, and keep good ones within bounds', () => {
    const settings = watch({
      'exavault.watch.intervalMinutes': 'often', 'exavault.watch.maxShareOfAllowance': 3,
      'exavault.watch.endpointFailures.count': -2, 'exavault.watch.endpointFailures.minutes': 0,
      'exavault.watch.massDeletion.count': null, 'exavault.watch.watchedPaths': [{ pattern: 'Finance' }, 'x', null, { pattern: '/ok', operations: [1, 'RNTO'] }],
    });
    assert.equal(settings.watchIntervalMs(), 5 * 60_000);
    assert.equal(settings.watchMaxShareOfAllowance(), 0.05);
    const thresholds = settings.watchThresholds();
    assert.deepEqual(thresholds.endpointFailures, { count: 0, minutes: 1, inARow: DEFAULT_WATCH_THRESHOLDS.endpointFailures.inARow });
    assert.deepEqual(thresholds.massDeletion, DEFAULT_WATCH_THRESHOLDS.massDeletion);
    assert.deepEqual(thresholds.watchedPaths.paths, [{ pattern: '/ok', operations: ['RNTO'] }]);
    assert.equal(watch({ 'exavault.watch.intervalMinutes': 0.001 }).watchIntervalMs(), 0.05 * 60_000);
  });

  it('polls as often as a shorter floor allows only when asked for one (the watch\'s test pace), and never more often than asked', () => {
    assert.equal(watch({ 'exavault.watch.intervalMinutes': 1 / 60 }).watchIntervalMs(1_000), 1_000);
    assert.equal(watch({ 'exavault.watch.intervalMinutes': 1 / 60 }).watchIntervalMs(), 3_000, 'positive control: the normal floor holds');
    assert.equal(watch({ 'exavault.watch.intervalMinutes': 0.001 }).watchIntervalMs(1_000), 1_000);
    assert.equal(watch({ 'exavault.watch.intervalMinutes': 0.05 }).watchIntervalMs(1_000), 3_000);
  });
});
