/**
 * Which node a run is executing and the path it took, from its stream events: `updates` events name
 * the node that just finished (their data's keys), `messages` events carry `langgraph_node` while the
 * node is still running. The last run's path stays after it ends. Pure: no SDK, no `vscode`.
 */
import { stringOf } from "../common/wireMessages";
import { XRAY_SEPARATOR, type PathEntryView, type RunPathView, type RunStatus } from "../protocol/graphProtocol";

import type { RunOutcome, StreamPart } from "../deployment/types";

export type { RunOutcome };
export type StreamEvent = Pick<StreamPart, "event" | "data">;

export class RunPath {
  private entries: PathEntryView[] = [];
  private statusValue: RunStatus = "idle";
  private thread: string | undefined;
  private run: string | undefined;

  get status(): RunStatus {
    return this.statusValue;
  }

  get threadId(): string | undefined {
    return this.thread;
  }

  get runId(): string | undefined {
    return this.run;
  }

  get active(): boolean {
    return this.statusValue === "running";
  }

  /** The nodes executing now. */
  get current(): string[] {
    return this.entries.filter((e) => e.status === "running").map((e) => e.node);
  }

  /** The nodes in the order they ran. */
  get path(): string[] {
    return this.entries.map((e) => e.node);
  }

  /** A new run: the previous path is dropped. */
  start(runId?: string, threadId?: string): void {
    this.entries = [];
    this.statusValue = "running";
    this.run = runId;
    if (threadId !== undefined) this.thread = threadId;
  }

  /** Replaces everything with a path read elsewhere (the thread's history). */
  restore(view: RunPathView): void {
    this.entries = view.path.map((e) => ({ ...e }));
    this.statusValue = view.status;
    this.thread = view.threadId;
    this.run = view.runId;
  }

  /** Applies one stream event; true when the view changed. */
  apply(part: StreamEvent, threadId?: string): boolean {
    const [kind, namespace] = splitEvent(part.event);
    if (kind === "metadata") {
      const runId = stringOf((part.data as { run_id?: unknown } | null)?.run_id);
      if (this.active && (!runId || runId === this.run)) return false;
      this.start(runId, threadId);
      return true;
    }
    if (kind === "end") return this.end();
    if (kind === "error") return this.end("error");
    if (kind !== "updates" && kind !== "messages") return false;
    let changed = false;
    if (!this.active && this.statusValue !== "interrupted") {
      // Joined a run without its `metadata` event (a rejoin from the middle).
      this.start(this.run, threadId);
      changed = true;
    }
    if (threadId !== undefined) this.thread = threadId;
    if (kind === "updates") return this.applyUpdates(part.data, namespace) || changed;
    return this.applyMessage(part.data) || changed;
  }

  /** The run ended; running nodes are settled and the path stays. */
  end(outcome?: RunOutcome): boolean {
    if (this.statusValue !== "running" && !outcome) return false;
    const status: RunOutcome = outcome ?? (this.statusValue === "interrupted" ? "interrupted" : "done");
    const before = JSON.stringify(this.view());
    for (const entry of this.entries) if (entry.status === "running") entry.status = status;
    this.statusValue = status;
    return JSON.stringify(this.view()) !== before;
  }

  view(): RunPathView {
    return {
      status: this.statusValue,
      ...(this.thread ? { threadId: this.thread } : {}),
      ...(this.run ? { runId: this.run } : {}),
      current: this.current,
      path: this.entries.map((e) => ({ ...e })),
    };
  }

  private applyUpdates(data: unknown, namespace: string[]): boolean {
    if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
    let changed = false;
    for (const key of Object.keys(data)) {
      if (key === "__interrupt__") {
        changed = this.interrupted() || changed;
        continue;
      }
      if (key.startsWith("__") && key.endsWith("__")) continue;
      if (namespace.length) {
        // A subgraph's node finished: its subgraph node is still running.
        changed = this.touch(namespace[0], undefined, [...namespace, key].join(XRAY_SEPARATOR)) || changed;
      } else {
        changed = this.finish(key) || changed;
      }
    }
    return changed;
  }

  private applyMessage(data: unknown): boolean {
    if (!Array.isArray(data)) return false;
    const metadata = data[1] as Record<string, unknown> | undefined;
    if (typeof metadata !== "object" || metadata === null) return false;
    const node = stringOf(metadata.langgraph_node);
    if (!node) return false;
    const namespace = namespaceNames(stringOf(metadata.langgraph_checkpoint_ns) ?? stringOf(metadata.checkpoint_ns));
    const top = namespace[0] ?? node;
    const nested = namespace.length > 1;
    const step = !nested && typeof metadata.langgraph_step === "number" ? metadata.langgraph_step : undefined;
    return this.touch(top, step, nested ? namespace.join(XRAY_SEPARATOR) : undefined);
  }

  /** A node is running (seen in a message or a nested update). */
  private touch(node: string, step: number | undefined, inner: string | undefined): boolean {
    const running = findLast(this.entries, (e) => e.node === node && e.status === "running" && (step === undefined || e.step === undefined || e.step === step));
    if (running) {
      let changed = false;
      if (step !== undefined && running.step === undefined) {
        running.step = step;
        changed = true;
      }
      if (inner && running.inner !== inner) {
        running.inner = inner;
        changed = true;
      }
      return changed;
    }
    // A message the node sent as it finished arrives before its update or just after it.
    if (step !== undefined && this.entries.some((e) => e.node === node && e.step === step)) return false;
    const last = this.entries.at(-1);
    if (last && last.node === node && last.status === "done" && last.step === undefined) {
      if (step === undefined) return false;
      last.step = step;
      return true;
    }
    this.entries.push({ node, ...(inner ? { inner } : {}), ...(step !== undefined ? { step } : {}), status: "running" });
    return true;
  }

  /** A node finished (its update arrived). */
  private finish(node: string): boolean {
    const running = findLast(this.entries, (e) => e.node === node && e.status === "running");
    if (running) {
      running.status = "done";
      delete running.inner;
      return true;
    }
    this.entries.push({ node, status: "done" });
    return true;
  }

  private interrupted(): boolean {
    const before = this.statusValue;
    this.statusValue = "interrupted";
    for (const entry of this.entries) if (entry.status === "running") entry.status = "interrupted";
    return before !== "interrupted";
  }
}

/** `updates|research:1234` -> ["updates", ["research"]]. */
function splitEvent(event: string): [string, string[]] {
  const bar = event.indexOf("|");
  if (bar < 0) return [event, []];
  return [event.slice(0, bar), namespaceNames(event.slice(bar + 1))];
}

/** `research:1234|plan:5678` -> ["research", "plan"]: the node names of a checkpoint namespace. */
export function namespaceNames(ns: string | undefined): string[] {
  if (!ns) return [];
  return ns
    .split("|")
    .map((segment) => {
      const colon = segment.lastIndexOf(":");
      return colon > 0 ? segment.slice(0, colon) : segment;
    })
    .filter(Boolean);
}

function findLast<T>(items: T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return items[i];
  return undefined;
}

