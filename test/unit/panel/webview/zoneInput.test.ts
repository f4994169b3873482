import * as assert from 'node:assert/strict';
import { fromZoneInput, rezoneInput, toZoneInput } from '../../../../src/panel/webview/zoneInput';

describe('the custom range\'s inputs in a time zone', () => {
  // 2026-03-29 01:30 UTC: 03:30 in Berlin (summer time began an hour before), 21:30 the day before in New York.
  const moment = Date.UTC(2026, 2, 29, 1, 30);

  it('shows and reads a moment as the zone\'s wall clock', () => {
    assert.equal(toZoneInput(moment, 'Europe/Berlin'), '2026-03-29 03:30');
    assert.equal(toZoneInput(moment, 'America/New_York'), '2026-03-28 21:30');
    assert.equal(fromZoneInput('2026-03-29 03:30', 'Europe/Berlin'), moment);
    assert.equal(fromZoneInput('2026-03-28 21:30', 'America/New_York'), moment);
  });

  it('keeps the moment a typed bound names when the zone changes', () => {
    assert.equal(rezoneInput('2026-03-28 21:30', 'America/New_York', 'Europe/Berlin'), '2026-03-29 03:30');
    assert.equal(rezoneInput('2026-03-29 03:30', 'Europe/Berlin', 'UTC'), '2026-03-29 01:30');
  });

  it('reads a bound typed with seconds, or with the T of ISO 8601, and refuses an impossible time', () => {
    assert.equal(fromZoneInput('2026-03-29 03:30:15', 'Europe/Berlin'), moment + 15_000);
    assert.equal(fromZoneInput('2026-03-29T03:30', 'Europe/Berlin'), moment);
    assert.equal(fromZoneInput(' 2026-03-29 03:30 ', 'Europe/Berlin'), moment);
    assert.ok(Number.isNaN(fromZoneInput('2026-03-29 25:00', 'UTC')));
    assert.ok(Number.isNaN(fromZoneInput('2026-02-30 10:00', 'UTC')));
    assert.ok(Number.isNaN(fromZoneInput('2026-03-29 3:30 PM', 'UTC')));
  });

  it('leaves an incomplete bound as it was typed', () => {
    assert.ok(Number.isNaN(fromZoneInput('', 'UTC')));
    assert.equal(rezoneInput('', 'UTC', 'Europe/Berlin'), '');
    assert.equal(rezoneInput('2026-03-', 'UTC', 'Europe/Berlin'), '2026-03-');
  });
});
