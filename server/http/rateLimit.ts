// The account's daily transaction allowance over a rolling 24 hours: every answered API call spends
// one, and each comes back 24 hours after it was spent.

const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface Spend {
  allowed: boolean;
  /** Transactions left after this one. */
  remaining: number;
  /** When refused: seconds until the oldest spent transaction leaves the window. */
  retryAfterSeconds: number;
}

export class RollingAllowance {
  // A ring of the times transactions were spent, oldest at `head`; it never holds more than `limit`.
  private readonly spentAt: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    readonly limit: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.spentAt = new Float64Array(limit);
  }

  spend(): Spend {
    const now = this.clock();
    while (this.count > 0 && this.spentAt[this.head]! <= now - WINDOW_MS) {
      this.head = (this.head + 1) % this.limit;
      this.count--;
    }
    if (this.count === this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((this.spentAt[this.head]! + WINDOW_MS - now) / 1000));
      return { allowed: false, remaining: 0, retryAfterSeconds };
    }
    this.spentAt[(this.head + this.count) % this.limit] = now;
    this.count++;
    return { allowed: true, remaining: this.limit - this.count, retryAfterSeconds: 0 };
  }
}
