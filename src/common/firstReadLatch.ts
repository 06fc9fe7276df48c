/**
 * Lets one read go first. When the side bar opens, the Threads, Needs Input and Assistants views all ask
 * for their rows at once, and the server (and the extension host's first request, which pays for setting
 * up the HTTP client) would take them one after another: the Threads rows, the ones a user opened the
 * side bar for, waited behind the others. The others wait until it is open, and at most `capMs` from
 * their first wait, so a view that never reads (collapsed, or a slow deployment) holds nobody back long.
 */
export class FirstReadLatch {
  private opened = false;
  private release: (() => void) | undefined;
  private readonly waiting: Promise<void>;
  private capped = false;

  /** 250 ms: a local server answers the first page well within it; a slow remote one holds the others no longer. */
  constructor(private readonly capMs = 250) {
    this.waiting = new Promise((resolve) => (this.release = resolve));
  }

  /** The first read ended (answered or failed). */
  open(): void {
    this.opened = true;
    this.release?.();
  }

  get isOpen(): boolean {
    return this.opened;
  }

  /** Settles once the latch opens, or `capMs` after the first wait. */
  wait(): Promise<void> {
    if (this.opened) return Promise.resolve();
    if (!this.capped) {
      this.capped = true;
      setTimeout(() => this.open(), this.capMs);
    }
    return this.waiting;
  }
}
