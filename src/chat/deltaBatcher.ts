/**
 * Merges consecutive token deltas of one message before they cross to the webview: a burst of tokens
 * (a server often sends many per network read) becomes one message, not one postMessage per token.
 * Order is kept: any other message first flushes what is pending.
 */
import type { HostToWebview } from "../protocol/chatProtocol";

type Delta = Extract<HostToWebview, { type: "messageDelta" }>;

export class DeltaBatcher {
  private pending: Delta | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (message: HostToWebview) => void,
    private readonly windowMs = 8,
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
      this.pending = { ...message, toolCalls: message.toolCalls ? [...message.toolCalls] : undefined };
    }
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.send(pending);
  }

  /** Drops what is pending: the webview is gone and will get a snapshot when it is back. */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
