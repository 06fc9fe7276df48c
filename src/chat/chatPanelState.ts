/**
 * What a chat panel shows besides its messages (the header, the run, the error banner, the pending
 * interrupt, whether it loads), kept on the host so a hidden or reloaded webview gets it back, and the
 * one way out to the webview: every post goes through a batcher, so a burst of tokens crosses as a few
 * deltas. Free of `vscode`.
 */
import { toErrorView, type UserFacingError } from "../deployment/errorMapping";
import type { ErrorView, HostToWebview, InterruptView, RunView, ThreadHeader } from "../protocol/chatProtocol";
import { DeltaBatcher } from "./deltaBatcher";

/** The rest of a snapshot: what the session's other parts hold. */
export type SnapshotParts = Pick<Extract<HostToWebview, { type: "snapshot" }>, "messages" | "assistants" | "selectedAssistantId" | "inputForm">;

export class ChatPanelState {
  private current: ThreadHeader;
  private runView: RunView = { phase: "idle" };
  private errorView: ErrorView | undefined;
  private pending: InterruptView | undefined;
  /** The checkpoint the pending interrupt waits at: the answer resumes exactly there. */
  interruptAt: string | undefined;
  loading = false;
  private disposed = false;
  private readonly outgoing: DeltaBatcher;

  constructor(
    header: ThreadHeader,
    deliver: (message: HostToWebview) => void,
    private readonly parts: () => SnapshotParts,
    private readonly onThreadChanged?: (thread: ThreadHeader) => void,
  ) {
    this.current = header;
    this.outgoing = new DeltaBatcher(deliver);
  }

  get header(): ThreadHeader {
    return this.current;
  }

  get run(): RunView {
    return this.runView;
  }

  get error(): ErrorView | undefined {
    return this.errorView;
  }

  get interrupt(): InterruptView | undefined {
    return this.pending;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  snapshot(): HostToWebview {
    // Deltas still pending are in the model already: post them first, never after the snapshot.
    this.outgoing.flush();
    return {
      type: "snapshot",
      thread: this.current,
      ...this.parts(),
      run: this.runView,
      error: this.errorView,
      loading: this.loading,
      interrupt: this.pending,
    };
  }

  /** What a load read; the snapshot that ends the load posts it. */
  adopt(header: ThreadHeader, interrupt: InterruptView | undefined, interruptAt: string | undefined): void {
    this.current = header;
    this.pending = interrupt;
    this.interruptAt = interruptAt;
  }

  post(message: HostToWebview): void {
    if (!this.disposed) this.outgoing.push(message);
  }

  updateHeader(change: Partial<ThreadHeader>): void {
    this.current = { ...this.current, ...change };
    this.post({ type: "thread", thread: this.current });
    this.onThreadChanged?.(this.current);
  }

  setRun(run: RunView): void {
    this.runView = run;
    this.post({ type: "run", run });
    // Busy while a run streams; the server's own status comes back with the reconcile after it.
    if (run.phase !== "idle" && this.current.threadId && this.current.status !== "busy") this.updateHeader({ status: "busy" });
  }

  setInterrupt(interrupt: InterruptView | undefined): void {
    if (!interrupt && !this.pending) return;
    this.pending = interrupt;
    this.post({ type: "interrupt", interrupt });
  }

  setError(error: UserFacingError | undefined): void {
    this.errorView = error ? toErrorView(error) : undefined;
    this.post({ type: "error", error: this.errorView });
  }

  dispose(): void {
    this.disposed = true;
    this.outgoing.discard();
  }
}
