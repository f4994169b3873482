// Hands on the latest of a stream of values at most once an interval: a value that comes sooner waits,
// replaced by any newer one, and goes when the interval is up.
import { realTimers, type Timers } from './timers';

export class LatestEvery<T> {
  private lastAt = -Infinity;
  private waiting: { value: T } | undefined;
  private timer: unknown;

  constructor(
    private readonly intervalMs: number,
    private readonly handOn: (value: T) => void,
    private readonly clock: () => number = () => performance.now(),
    private readonly timers: Timers = realTimers,
  ) {}

  push(value: T): void {
    const wait = this.lastAt + this.intervalMs - this.clock();
    if (wait <= 0 && this.timer === undefined) {
      this.send(value);
      return;
    }
    this.waiting = { value };
    this.timer ??= this.timers.setTimeout(() => {
      this.timer = undefined;
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) {
        this.send(waiting.value);
      }
    }, Math.max(0, wait));
  }

  /** Drops the value waiting, if any: what comes next supersedes it. */
  cancel(): void {
    this.waiting = undefined;
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private send(value: T): void {
    this.lastAt = this.clock();
    this.handOn(value);
  }
}
