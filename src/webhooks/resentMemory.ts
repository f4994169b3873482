import type { StateStore } from '../search/searchStore';

const KEY = 'exavault.resentCalls';
/** Ids kept per account: far more than a few runs at the cap; the oldest go first. */
const KEPT_PER_ACCOUNT = 5000;

/**
 * The ids of the calls this extension resent with success, per account id (ids only: nothing of the
 * calls, no credentials). ExaVault may log a resend a while after it is made, and a legacy entry
 * cannot be tied to its resend at all: what is remembered here is never sent again by a bulk resend.
 */
export class ResentMemory {
  constructor(private readonly state: StateStore) {}

  ids(accountId: string): Set<number> {
    return new Set(this.read()[accountId] ?? []);
  }

  async remember(accountId: string, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    const all = this.read();
    const kept = [...new Set([...(all[accountId] ?? []), ...ids])].slice(-KEPT_PER_ACCOUNT);
    await this.state.update(KEY, { ...all, [accountId]: kept });
  }

  // Stored state from another release (or edited by hand) may hold anything: only lists of whole numbers count.
  private read(): Record<string, number[]> {
    const stored = this.state.get<unknown>(KEY);
    if (typeof stored !== 'object' || stored === null) {
      return {};
    }
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, number[]] =>
      Array.isArray(entry[1]) && entry[1].every((id) => Number.isSafeInteger(id))));
  }
}
