// Timers and a clock a test drives: nothing fires until the test says so, and time moves only then.
import type { Timers } from '../../src/util/timers';

export class ManualTimers implements Timers {
  private readonly due = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  constructor(public now: number) {}

  readonly clock = (): number => this.now;

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.due.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  /** How long from now each pending timer fires, soonest first. */
  get pending(): number[] {
    return [...this.due.values()].map(({ at }) => at - this.now).sort((a, b) => a - b);
  }

  /** Moves the clock to the soonest timer and fires it; returns how far the clock moved. */
  fireNext(): number {
    const [handle, timer] = [...this.due].sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
    if (handle === undefined || !timer) {
      throw new Error('No timer is pending.');
    }
    const moved = timer.at - this.now;
    this.now = timer.at;
    this.due.delete(handle);
    timer.callback();
    return moved;
  }
}
