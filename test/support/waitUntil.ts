// Waiting for a condition in tests that have no UI to wait on: polls until it holds, and otherwise
// fails naming what it waited for, before the test's own time limit would hide that.

/** Resolves once `condition()` holds; rejects after `timeoutMs` with `what` in the message. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
