/**
 * Open chat panels follow what other clients do on their threads. While a panel is visible its thread's
 * status is read (one `threads.search` by id for all visible panels, with backoff): a thread busy with a
 * run the panel did not start gets that run's stream joined; a thread that changed while nothing ran here
 * is read in. What is seen goes to the thread store, so the Threads view follows. Free of `vscode`.
 */
import { BackoffPoller, type PollOutcome, type PollTiming } from "../common/backoffPoller";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadStore } from "../state/threadStore";
import type { ChatSession } from "./chatSession";

export interface LiveThreadsDeps {
  gateway: Pick<DeploymentGateway, "searchThreads">;
  store: ThreadStore;
  /** The sessions whose panels are visible now. */
  visible(): readonly Pick<ChatSession, "threadId" | "running" | "joinRunFromElsewhere" | "catchUp">[];
  timing(): PollTiming;
}

export class LiveThreads {
  private readonly poller: BackoffPoller;
  /** What each thread looked like at the last look (`updated_at` and status). */
  private readonly seen = new Map<string, string>();

  constructor(private readonly deps: LiveThreadsDeps) {
    this.poller = new BackoffPoller(() => this.look(), () => deps.timing());
  }

  /** Call when panels open, close, show or hide: polling runs only while one with a thread is visible. */
  update(): void {
    this.poller.setWanted(this.deps.visible().some((s) => s.threadId));
  }

  /** The interval setting changed. */
  restart(): void {
    if (this.poller.active) this.poller.resume();
  }

  dispose(): void {
    this.poller.dispose();
  }

  private async look(): Promise<PollOutcome> {
    const sessions = this.deps.visible().filter((s) => s.threadId);
    const ids = [...new Set(sessions.map((s) => s.threadId!))];
    if (!ids.length) return "same";
    const mark = this.deps.store.mark();
    const threads = await this.deps.gateway.searchThreads({ ids, limit: ids.length });
    let changed = false;
    for (const thread of threads) {
      const id = thread.thread_id;
      const before = this.seen.get(id);
      const now = `${thread.status} ${thread.updated_at}`;
      this.deps.store.polled(id, { status: thread.status, updated_at: thread.updated_at, metadata: thread.metadata }, mark, this);
      for (const session of sessions.filter((s) => s.threadId === id)) {
        if (session.running) {
          // Its own run: whatever changes until it ends is the panel's doing.
          this.seen.delete(id);
          continue;
        }
        this.seen.set(id, now);
        if (thread.status === "busy") {
          changed = true;
          void session.joinRunFromElsewhere();
        } else if (before !== undefined && before !== now) {
          changed = true;
          void session.catchUp();
        }
      }
    }
    return changed ? "changed" : "same";
  }
}
