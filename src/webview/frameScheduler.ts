/**
 * Coalesces DOM work into animation frames: however many times `schedule()` is called between two
 * frames, `flush` runs once. Looked up on `window` at call time so a page (or a test) can supply its own
 * `requestAnimationFrame`.
 */
export class FrameScheduler {
  private handle: number | undefined;

  constructor(private readonly flush: () => void) {}

  schedule(): void {
    if (this.handle !== undefined) return;
    this.handle = window.requestAnimationFrame(() => {
      this.handle = undefined;
      this.flush();
    });
  }
}
