import type { StateStore } from '../../src/search/searchStore';

/** A Memento as VS Code keeps one: values stored as JSON. */
export class MemoryState implements StateStore {
  readonly values = new Map<string, string>();

  /** Holding `entries` (key → value), as a globalState would after they were written. */
  static of(entries: Record<string, unknown>): MemoryState {
    const state = new MemoryState();
    Object.entries(entries).forEach(([key, value]) => state.values.set(key, JSON.stringify(value)));
    return state;
  }

  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : JSON.parse(text) as T;
  }

  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}
