import * as assert from 'node:assert/strict';
import { ExaVaultError, type ExaVaultErrorKind } from '../../src/api/errors';

/**
 * A recorder of expected failures: `fail(kind, call)` runs a call that must fail with that kind of
 * ExaVaultError, keeps the error in `errors` (for a leak check over every message at the end) and returns it.
 */
export function failureRecorder(): { errors: ExaVaultError[]; fail: (kind: ExaVaultErrorKind, call: () => Promise<unknown>) => Promise<ExaVaultError> } {
  const errors: ExaVaultError[] = [];
  return {
    errors,
    async fail(kind, call) {
      try {
        await call();
      } catch (error) {
        assert.ok(error instanceof ExaVaultError, `an ExaVaultError, got ${String(error)}`);
        errors.push(error);
        assert.equal(error.kind, kind, error.message);
        return error;
      }
      assert.fail(`expected a ${kind} error`);
    },
  };
}
