import * as vscode from 'vscode';
import { ExaVaultError } from '../api/errors';
import { settings } from '../settings';

/** Hidden views refresh this many times less often: the badge still learns of new entries. */
const HIDDEN_SLOWDOWN = 5;

/**
 * Opt-in polling (exavault.sidebar.autoRefreshSeconds): at the interval while the view is visible,
 * slowly while hidden; after a 429 it waits until the allowance is back, and after a 401 or 403 it
 * stops until something changes (credentials, account, settings), so nothing retries them in a loop.
 * While the watch brings the log's new entries (`fedSince` says since when), it sends nothing.
 */
export class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private disposed = false;
  /** The feed this caught up with, by the time the watch passes entries on from; undefined while it does not feed the view. */
  private caughtUpWith: number | undefined;

  constructor(
    private readonly isVisible: () => boolean,
    private readonly refresh: () => Promise<Error | undefined>,
    private readonly fedSince: () => number | undefined,
  ) {}

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  /** Starts over after a change that may cure a refusal: account, credentials, settings. */
  restart(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Picks up a change of visibility; a stop after a refusal stays. */
  reschedule(): void {
    this.schedule();
  }

  /** Picks up a watch that starts or stops feeding the view, or missed entries; anything else the watch does changes nothing here. */
  feedChanged(): void {
    if (this.fedSince() !== this.caughtUpWith) {
      this.schedule();
    }
  }

  private schedule(delayMs?: number): void {
    clearTimeout(this.timer);
    const interval = settings.autoRefreshMs();
    if (interval === 0 || this.stopped || this.disposed) {
      this.caughtUpWith = undefined;
      return;
    }
    const since = this.fedSince();
    if (since !== undefined) {
      // One refresh of its own brings what arrived before the watch's entries start coming in (or
      // what the watch missed); from then on they come in, and nothing is sent from here.
      if (since !== this.caughtUpWith) {
        this.caughtUpWith = since;
        void this.tick();
      }
      return;
    }
    this.caughtUpWith = undefined;
    this.timer = setTimeout(() => void this.tick(), delayMs ?? (this.isVisible() ? interval : interval * HIDDEN_SLOWDOWN));
  }

  private async tick(): Promise<void> {
    const error = await this.refresh();
    if (error instanceof ExaVaultError && (error.kind === 'invalidCredentials' || error.kind === 'forbidden' || error.kind === 'activityRetired')) {
      this.stopped = true;
      return;
    }
    const retryAt = error instanceof ExaVaultError && error.kind === 'rateLimited' ? error.retryAt : undefined;
    this.schedule(retryAt ? Math.max(retryAt.getTime() - Date.now(), settings.autoRefreshMs()) : undefined);
  }
}
