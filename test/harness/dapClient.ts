/**
 * Replays Debug Adapter Protocol messages into an inline adapter the way VS Code does, and records
 * every message the adapter sends back, so a test can wait for a response or an event and check that
 * each request got exactly one answer.
 */
import type { DebugProtocol } from "@vscode/debugprotocol";

interface InlineAdapter {
  handleMessage(message: DebugProtocol.ProtocolMessage): void;
  onDidSendMessage(listener: (message: object) => void): unknown;
}

export class DapClient {
  readonly received: DebugProtocol.ProtocolMessage[] = [];
  readonly sent: DebugProtocol.Request[] = [];
  private seq = 1;
  private waiters: (() => void)[] = [];

  constructor(private readonly adapter: InlineAdapter) {
    adapter.onDidSendMessage((message) => {
      this.received.push(message as DebugProtocol.ProtocolMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Sends a request and resolves with its response, whether it succeeded or not. */
  async request<T extends DebugProtocol.Response = DebugProtocol.Response>(command: string, args?: unknown): Promise<T> {
    const request = { type: "request", seq: this.seq++, command, arguments: args } as DebugProtocol.Request;
    this.sent.push(request);
    this.adapter.handleMessage(request);
    return (await this.until((m) => m.type === "response" && (m as DebugProtocol.Response).request_seq === request.seq, `the response to ${command}`)) as T;
  }

  /** Hands the adapter anything at all, as a broken client might. */
  raw(message: unknown): void {
    this.adapter.handleMessage(message as DebugProtocol.ProtocolMessage);
  }

  /** The next event named `event` from message index `from` on (default: any received so far). */
  event<T extends DebugProtocol.Event = DebugProtocol.Event>(event: string, from = 0, predicate: (e: T) => boolean = () => true): Promise<T> {
    return this.until((m, i) => i >= from && m.type === "event" && (m as DebugProtocol.Event).event === event && predicate(m as T), `the ${event} event`) as Promise<T>;
  }

  events(event: string): DebugProtocol.Event[] {
    return this.received.filter((m): m is DebugProtocol.Event => m.type === "event" && (m as DebugProtocol.Event).event === event);
  }

  /** What the adapter wrote to the Debug Console. */
  output(): string {
    return this.events("output")
      .map((e) => (e as DebugProtocol.OutputEvent).body.output)
      .join("");
  }

  /** Requests answered other than exactly once. */
  unanswered(): string[] {
    return this.sent
      .filter((request) => this.received.filter((m) => m.type === "response" && (m as DebugProtocol.Response).request_seq === request.seq).length !== 1)
      .map((request) => `${request.seq} ${request.command}`);
  }

  private async until(match: (message: DebugProtocol.ProtocolMessage, index: number) => boolean, what: string, timeoutMs = 20_000): Promise<DebugProtocol.ProtocolMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received: ${this.received.map((m) => describe(m)).join(", ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function describe(message: DebugProtocol.ProtocolMessage): string {
  if (message.type === "event") return `event ${(message as DebugProtocol.Event).event}`;
  if (message.type === "response") {
    const response = message as DebugProtocol.Response;
    return `${response.command} ${response.success ? "ok" : `failed (${response.message})`}`;
  }
  return message.type;
}
