// The account's clock: it reads `start` when the server starts and runs on with the machine's, so
// what arrives later is newer than the history even when `start` is fixed. An injected incident
// spread over minutes moves it on to the incident's last entry: nothing served is ever in its future.
export class AccountClock {
  private readonly startedAt: number;
  private ahead = 0;

  constructor(
    private readonly start: number,
    private readonly machineNow: () => number = Date.now,
  ) {
    this.startedAt = machineNow();
  }

  /** The account's time, in milliseconds. */
  now(): number {
    return this.start + this.machineNow() - this.startedAt + this.ahead;
  }

  /** Moves on to `time` when it is still ahead; never back. */
  reach(time: number): void {
    this.ahead += Math.max(0, time - this.now());
  }
}
