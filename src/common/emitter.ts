import { IDisposable, toDisposable } from './disposable';

export type Listener<T> = (value: T) => void;

/** A synchronous event emitter with no vscode dependency; listener errors are isolated. */
export class Emitter<T> implements IDisposable {
  private listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): IDisposable => {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('[mcp-live-debugger] listener failed', error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
