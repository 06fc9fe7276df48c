/**
 * Merges consecutive token deltas of one message before they cross to the webview: a burst of tokens
 * (a server often sends hundreds per network read, all parsed in one task) becomes a few messages, not
 * one postMessage per token, each of which the webview has to receive and dispatch between its frames.
 *
 * A merged delta leaves when the task that produced it ends (nothing is added to its tokens' latency
 * when the host keeps up), or as soon as its oldest token has waited `maxAgeMs` (a long burst still
 * streams, in slices; kept well under a frame, since a token held past the webview's frame waits a
 * whole one more). Order is kept: any other message first flushes what is pending.
 */
import type { HostToWebview } from "../protocol/chatProtocol";

type Delta = Extract<HostToWebview, { type: "messageDelta" }>;

/** Runs `task` once the current task ends: Node's setImmediate, or a zero timeout in a web worker host, which has none. */
function afterThisTask(task: () => void): () => void {
  if (typeof setImmediate === "function") {
    const handle = setImmediate(task);
    return () => clearImmediate(handle);
  }
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
}

export class DeltaBatcher {
  private pending: Delta | undefined;
  /** When the pending delta's first token arrived. */
  private since = 0;
  private cancelPending: (() => void) | undefined;

  constructor(
    private readonly send: (message: HostToWebview) => void,
    private readonly maxAgeMs = 0.5,
  ) {}

  push(message: HostToWebview): void {
    if (message.type !== "messageDelta") {
      this.flush();
      this.send(message);
      return;
    }
    if (this.pending && this.pending.id === message.id) {
      this.pending.textDelta += message.textDelta;
      if (message.toolCalls?.length) this.pending.toolCalls = [...(this.pending.toolCalls ?? []), ...message.toolCalls];
    } else {
      this.flush();
      const { toolCalls, ...delta } = message;
      this.pending = toolCalls ? { ...delta, toolCalls: [...toolCalls] } : delta;
      this.since = performance.now();
    }
    if (performance.now() - this.since >= this.maxAgeMs) this.flush();
    // One end-of-task check, kept across flushes: finding nothing pending costs less than cancelling.
    else this.cancelPending ??= afterThisTask(() => {
      this.cancelPending = undefined;
      this.flush();
    });
  }

  flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.send(pending);
  }

  /** Drops what is pending: nobody will read it (the session is gone). */
  discard(): void {
    this.cancelPending?.();
    this.cancelPending = undefined;
    this.pending = undefined;
  }
}
