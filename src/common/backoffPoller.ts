/**
 * Calls `tick` over and over while it is wanted (a view is visible), one call at a time. An answer
 * that changed nothing stretches the wait (up to `maxIntervalMs`), a change brings it back to
 * `intervalMs`, and "stop" (the server is down) ends polling until `resume()`. Free of `vscode`, so the
 * integration tests drive it and count the requests it makes.
 */

/** What one poll found: something new, nothing new, or a reason to stop asking. */
export type PollOutcome = "changed" | "same" | "stop";

export interface PollTiming {
  intervalMs: number;
  /** The longest wait after a run of unchanged answers; defaults to four intervals. */
  maxIntervalMs?: number;
}

const BACKOFF = 1.5;

export class BackoffPoller {
  private wanted = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private waitMs: number;
  private disposed = false;

  constructor(
    private readonly tick: () => Promise<PollOutcome>,
    private readonly timing: () => PollTiming,
  ) {
    this.waitMs = timing().intervalMs;
  }

  /** True while polls are scheduled (wanted, not stopped, an interval set). */
  get active(): boolean {
    return this.wanted && !this.stopped && !this.disposed && this.timing().intervalMs > 0;
  }

  /** Shown: poll now and keep polling; hidden: no further request until shown again. */
  setWanted(wanted: boolean): void {
    if (wanted === this.wanted) return;
    this.wanted = wanted;
    this.clear();
    if (wanted) this.schedule(0);
  }

  /** After "stop" (Retry) or when the interval setting changed: starts again at the base interval. */
  resume(): void {
    this.stopped = false;
    this.waitMs = this.timing().intervalMs;
    this.clear();
    this.schedule(0);
  }

  /** Fresh data was just read some other way: polling (stopped or not) goes on one interval from now. */
  restart(): void {
    this.stopped = false;
    this.waitMs = this.timing().intervalMs;
    this.clear();
    this.schedule(this.waitMs);
  }

  /** A poll now, outside the schedule (a manual refresh); the schedule continues after it. */
  async now(): Promise<void> {
    this.clear();
    await this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private schedule(delayMs: number): void {
    if (!this.active || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private async run(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const outcome = await this.tick().catch((): PollOutcome => "same");
        const { intervalMs, maxIntervalMs = intervalMs * 4 } = this.timing();
        if (outcome === "stop") this.stopped = true;
        else this.waitMs = outcome === "changed" ? intervalMs : Math.min(Math.max(this.waitMs, intervalMs) * BACKOFF, maxIntervalMs);
      } finally {
        this.running = undefined;
      }
      this.schedule(this.waitMs);
    })();
    return this.running;
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
