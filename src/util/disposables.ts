// VS Code's own disposable idioms (as in its base/common/lifecycle), free of `vscode` so that the
// domain can use them too.

export interface Disposable {
  dispose(): void;
}

/** Disposables kept together and disposed together, once; one added after that is disposed at once. */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.add(item);
    }
    return item;
  }

  dispose(): void {
    this.disposed = true;
    this.items.forEach((item) => item.dispose());
    this.items.clear();
  }
}

/** One disposable at a time: setting another (or undefined) disposes the one before. */
export class MutableDisposable<T extends Disposable> implements Disposable {
  private current: T | undefined;

  get value(): T | undefined {
    return this.current;
  }

  set value(next: T | undefined) {
    if (next !== this.current) {
      this.current?.dispose();
      this.current = next;
    }
  }

  dispose(): void {
    this.value = undefined;
  }
}
