/**
 * A minimal event emitter for modules that must stay free of `vscode` (stores the integration tests
 * drive directly). Its `event` has VS Code's shape, so a listener's result can go into a disposables list.
 */

export interface Subscription {
  dispose(): void;
}

export type Listen<T> = (listener: (value: T) => void) => Subscription;

export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();

  readonly event: Listen<T> = (listener) => {
    // Wrapped, so the same function subscribed twice is two subscriptions.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  /** Calls every listener; one that throws does not keep the others from hearing the event. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
