/**
 * Waiting for the webview to paint a loaded thread: the reads that follow a snapshot (history, as large as
 * the state; a graph's schemas) would otherwise run on the same cores as the page painting it.
 */
export class PaintWait {
  private arrived?: () => void;

  /** `capMs`: a panel that is not shown paints nothing; a webview away still gets the snapshot when it comes back. */
  constructor(private readonly capMs = 1500) {}

  /** Settles when `painted()` is next called, or after `capMs`. Call it before posting the snapshot. */
  next(): Promise<void> {
    this.arrived?.();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.arrived === done) this.arrived = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.capMs);
      this.arrived = done;
    });
  }

  /** The webview painted a loaded snapshot. */
  painted(): void {
    this.arrived?.();
  }
}
