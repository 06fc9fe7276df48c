/**
 * The main-thread handle on the webview worker: opens pages, posts host messages to them (a structured
 * copy, as `webview.postMessage` makes one), and relays each animation frame's report.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { HostToWebview } from "../src/protocol/chatProtocol";
import type { FrameReport, WorkerCommand, WorkerEvent } from "./webviewWorker";

type Request = { kind: "open"; bundlePath: string } | { kind: "heap" } | { kind: "close" };

export class WebviewHost {
  private nextId = 1;
  private readonly pending = new Map<number, (value: unknown) => void>();
  private readonly listeners = new Set<(frame: FrameReport) => void>();
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly bundlePath: string,
  ) {
    worker.on("message", (event: WorkerEvent) => {
      if (event.kind === "reply") {
        this.pending.get(event.id)?.(event.value);
        this.pending.delete(event.id);
      } else {
        for (const listener of this.listeners) listener(event.frame);
      }
    });
    worker.on("error", (error) => {
      this.failure = error;
    });
  }

  /** Starts the worker (TypeScript loaded through tsx, as in the main thread). */
  static start(bundlePath: string): WebviewHost {
    const entry = join(__dirname, "webviewWorker.ts");
    const worker = new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(entry)});`, { eval: true });
    return new WebviewHost(worker, bundlePath);
  }

  /** A fresh page with the bundle loaded (the previous one is closed). */
  async open(): Promise<{ bootMs: number }> {
    return (await this.request({ kind: "open", bundlePath: this.bundlePath })) as { bootMs: number };
  }

  send(message: HostToWebview): void {
    const command: WorkerCommand = { kind: "message", message };
    this.worker.postMessage(command);
  }

  onFrame(listener: (frame: FrameReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The worker's heap in use after a full collection. */
  async heap(): Promise<number> {
    return (await this.request({ kind: "heap" })) as number;
  }

  /** Closes the page; returns the errors it reported. */
  async close(): Promise<string[]> {
    return ((await this.request({ kind: "close" })) as { errors: string[] }).errors;
  }

  /**
   * Settles `work`, then closes the page whatever the outcome. Errors the page reported fail the call,
   * even when `work` failed too; otherwise `work`'s own result or failure stands.
   */
  async closeAfter<T>(work: () => Promise<T>): Promise<T> {
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await work() };
    } catch (error) {
      outcome = { error };
    }
    const pageErrors = await this.close();
    if (pageErrors.length) throw new Error(`webview errors: ${pageErrors.join("; ").slice(0, 300)}`);
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private request(request: Request): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once("error", onError);
      this.pending.set(id, (value) => {
        this.worker.off("error", onError);
        resolve(value);
      });
      const command: WorkerCommand = { ...request, id };
      this.worker.postMessage(command);
    });
  }
}
