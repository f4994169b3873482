// No vscode import: the file system's bookkeeping of downloads in flight, tested in plain Node.

interface Running<T> {
  promise: Promise<T>;
  controller: AbortController;
}

/**
 * Downloads in flight, at most one per key (a file): readers that ask while one runs share it
 * (VS Code may read a file twice while an editor opens). Each can be cancelled through the signal
 * its `start` is given, and is forgotten as soon as it settles, so a failed or cancelled download is
 * never handed to a later reader; `restart` (an explicit open: the user asking again, perhaps
 * because the download seems stuck) cancels the one in flight instead of joining it.
 */
export class SharedDownloads<T = Uint8Array> {
  private readonly inFlight = new Map<string, Running<T>>();

  /** The download of `key` in flight, or a new one. */
  join(key: string, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.inFlight.get(key)?.promise ?? this.begin(key, start);
  }

  /** A new download of `key`; one in flight is cancelled (its readers get its cancellation). */
  restart(key: string, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.cancel(key);
    return this.begin(key, start);
  }

  /** Whether a download of `key` is in flight. */
  running(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** Cancels the download of `key` in flight, if any. */
  cancel(key: string): void {
    const running = this.inFlight.get(key);
    this.inFlight.delete(key);
    running?.controller.abort();
  }

  cancelAll(): void {
    const all = [...this.inFlight.values()];
    this.inFlight.clear();
    all.forEach((running) => running.controller.abort());
  }

  private begin(key: string, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let promise: Promise<T>;
    try {
      promise = start(controller.signal);
    } catch (error) {
      promise = Promise.reject(error);
    }
    const running: Running<T> = {
      controller,
      // Forgotten once settled, unless a newer download of the key took its place meanwhile.
      promise: promise.finally(() => {
        if (this.inFlight.get(key) === running) {
          this.inFlight.delete(key);
        }
      }),
    };
    this.inFlight.set(key, running);
    return running.promise;
  }
}
