// The test switch that turns the one-poller-per-account lease off, so a UI test can show that every
// window polls without it (the positive control for "one window polls"). An environment variable with
// a value of its own, so nobody turns it on by setting it to 1 or true; read once at activation.
export const LEASE_SWITCH_VARIABLE = 'EXAVAULT_TEST_ONLY_WATCH_LEASE';
export const LEASE_SWITCH_OFF = 'off-every-window-polls';

export function leaseDisabledByTest(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[LEASE_SWITCH_VARIABLE] === LEASE_SWITCH_OFF;
}
