import type { Disposable } from './disposables';

/** A subscription point, shaped like vscode.Event: either can stand for the other. */
export type Event<T> = (listener: (event: T) => void) => Disposable;

/** vscode.EventEmitter for modules that run without the editor (the domain, tested in plain Node). */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(event: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    this.listeners.forEach((listener) => listener(event));
  }

  dispose(): void {
    this.listeners.clear();
  }
}
