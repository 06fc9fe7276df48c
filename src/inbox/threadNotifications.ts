/**
 * Tells the user when a thread they care about stops: waits at an interrupt, fails, or finishes. Which
 * threads is a setting (pinned ones by default, or also the open ones, or none); never the thread
 * whose panel has focus, since the user sees it already. It hears every status the thread store
 * records (runs in panels, runs other clients started, the views' polls), and while some thread is
 * watched it also reads their status itself with backoff, so a pinned thread is heard with its panel
 * closed and the Threads view hidden. Free of `vscode`: the wiring gives it the setting and the
 * message box.
 */
import { BackoffPoller, type PollOutcome, type PollTiming } from "../common/backoffPoller";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadStatus } from "../deployment/types";
import type { ThreadStore } from "../state/threadStore";
import { titleOf } from "../common/threadText";

export type NotificationScope = "off" | "pinned" | "openOrPinned";

/** What a notice says: the thread waits, failed or finished. */
export type ThreadNoticeKind = "interrupted" | "error" | "finished";

export interface ThreadNotice {
  kind: ThreadNoticeKind;
  threadId: string;
  title: string | undefined;
}

export interface ThreadNotificationDeps {
  store: ThreadStore;
  gateway: Pick<DeploymentGateway, "searchThreads">;
  scope(): NotificationScope;
  pinned(): readonly string[];
  open(): readonly string[];
  /** Its panel is the focused editor of a focused window. */
  isFocused(threadId: string): boolean;
  /** Shows the notice; the wiring offers *Open* on it. */
  notify(notice: ThreadNotice): void;
  timing(): PollTiming;
}

/**
 * The change that earns a notice. Waiting or failing is news whatever came before (a run can start and
 * stop between two looks). Idle is news after a run (busy) or an answered interrupt, not after an error
 * cleared by an edit.
 */
function noticeKind(before: ThreadStatus | undefined, now: ThreadStatus): ThreadNoticeKind | undefined {
  if (before === undefined || before === now) return undefined;
  if (now === "interrupted") return "interrupted";
  if (now === "error") return "error";
  if (now === "idle" && (before === "busy" || before === "interrupted")) return "finished";
  return undefined;
}

export class ThreadNotifications {
  private readonly last = new Map<string, ThreadStatus>();
  private readonly subscription: { dispose(): void };
  private readonly poller: BackoffPoller;

  constructor(private readonly deps: ThreadNotificationDeps) {
    this.subscription = deps.store.onDidChange((change) => {
      if (change.kind === "created") this.last.set(change.thread.thread_id, change.thread.status);
      else if (change.kind === "deleted") this.last.delete(change.threadId);
      else if (change.change.status) this.saw(change.threadId, change.change.status);
    });
    this.poller = new BackoffPoller(() => this.look(), () => deps.timing());
    this.update();
  }

  /** The threads watched now: by the setting, the pinned ones and maybe the open ones. */
  watched(): string[] {
    const scope = this.deps.scope();
    if (scope === "off") return [];
    return [...new Set([...this.deps.pinned(), ...(scope === "openOrPinned" ? this.deps.open() : [])])];
  }

  /** Call when pins, panels or the setting change: polling runs only while some thread is watched. */
  update(): void {
    this.poller.setWanted(this.watched().length > 0);
  }

  /** Connected again, or the interval changed: start from the base interval. */
  resume(): void {
    if (this.watched().length) this.poller.resume();
  }

  get polling(): boolean {
    return this.poller.active;
  }

  dispose(): void {
    this.subscription.dispose();
    this.poller.dispose();
  }

  private async look(): Promise<PollOutcome> {
    const ids = this.watched();
    if (!ids.length) return "same";
    const asked = this.deps.store.mark();
    let threads;
    try {
      threads = await this.deps.gateway.searchThreads({ ids, limit: ids.length });
    } catch {
      // The views say what is wrong; this watcher only stops asking until the connection comes back.
      return "stop";
    }
    let changed = false;
    for (const thread of threads) {
      // A status heard while the answer was on its way (a panel's run starting) is newer: it stays.
      if (this.deps.store.statusChangedSince(thread.thread_id, asked)) continue;
      const before = this.last.get(thread.thread_id);
      if (before !== undefined && before !== thread.status) changed = true;
      if (before === undefined) this.last.set(thread.thread_id, thread.status);
      this.deps.store.update(thread.thread_id, { status: thread.status, updated_at: thread.updated_at, metadata: thread.metadata });
    }
    return changed ? "changed" : "same";
  }

  private saw(threadId: string, status: ThreadStatus): void {
    const before = this.last.get(threadId);
    this.last.set(threadId, status);
    const kind = noticeKind(before, status);
    if (!kind || !this.watched().includes(threadId) || this.deps.isFocused(threadId)) return;
    const known = this.deps.store.get(threadId);
    this.deps.notify({ kind, threadId, title: known?.title ?? titleOf(known?.metadata) });
  }
}
