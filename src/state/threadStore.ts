/**
 * What the extension knows about each thread it has seen change: title, status, last activity and
 * metadata. Every change the extension makes or sees (a rename, a delete, a run in a chat panel, a poll
 * of busy threads) is written here once, and the Threads view, the chat panels and the status bar follow
 * the store's events instead of calling each other. Free of `vscode`, so integration tests drive it.
 */
import { Emitter } from "../common/emitter";
import type { ThreadStatus, ThreadSummary } from "../deployment/types";

/** The fields of a thread that views show and that change over its life. */
export interface ThreadFields {
  title?: string;
  status?: ThreadStatus;
  updated_at?: string;
  metadata?: Record<string, unknown>;
}

export type ThreadChange =
  | { kind: "created"; thread: ThreadSummary; title?: string; origin?: unknown }
  /** Only the fields that differ from what the store knew. */
  | { kind: "updated"; threadId: string; change: ThreadFields; origin?: unknown }
  | { kind: "deleted"; threadId: string; origin?: unknown };

export class ThreadStore {
  private readonly known = new Map<string, ThreadFields>();
  /** Status changes counted, and the count at each thread's last one: see `polled`. */
  private statusChanges = 0;
  private readonly statusAt = new Map<string, number>();
  private readonly changed = new Emitter<ThreadChange>();
  /**
   * Every change. `origin` is whoever made it (a chat panel), so it can skip its own echo.
   */
  readonly onDidChange = this.changed.event;

  get(threadId: string): ThreadFields | undefined {
    return this.known.get(threadId);
  }

  /** A thread created here (a first send, a fork). */
  created(thread: ThreadSummary, title?: string, origin?: unknown): void {
    this.known.set(thread.thread_id, { title, status: thread.status, updated_at: thread.updated_at, metadata: thread.metadata });
    this.changed.fire({ kind: "created", thread, title, origin });
  }

  /** Records the fields that differ from what is known; nothing is announced when none does. */
  update(threadId: string, fields: ThreadFields, origin?: unknown): void {
    const before = this.known.get(threadId) ?? {};
    const change: ThreadFields = {};
    if (fields.title !== undefined && fields.title !== before.title) change.title = fields.title;
    if (fields.status !== undefined && fields.status !== before.status) change.status = fields.status;
    if (fields.updated_at !== undefined && fields.updated_at !== before.updated_at) change.updated_at = fields.updated_at;
    if (fields.metadata !== undefined && JSON.stringify(fields.metadata) !== JSON.stringify(before.metadata)) change.metadata = fields.metadata;
    if (!Object.keys(change).length) return;
    if (change.status !== undefined) this.statusAt.set(threadId, ++this.statusChanges);
    this.known.set(threadId, { ...before, ...change });
    this.changed.fire({ kind: "updated", threadId, change, origin });
  }

  /** Taken when a poll is sent, and given back with its answer to `polled`. */
  mark(): number {
    return this.statusChanges;
  }

  /**
   * A poll's answer for a thread, asked at `mark`. A status recorded while the answer was on its way (a
   * panel's run starting or ending) is newer than it and stays; the answer's other fields still apply.
   */
  polled(threadId: string, fields: ThreadFields, mark: number, origin?: unknown): void {
    const stale = this.statusChangedSince(threadId, mark);
    this.update(threadId, stale ? { ...fields, status: undefined, updated_at: undefined } : fields, origin);
  }

  statusChangedSince(threadId: string, mark: number): boolean {
    return (this.statusAt.get(threadId) ?? 0) > mark;
  }

  deleted(threadId: string, origin?: unknown): void {
    this.known.delete(threadId);
    this.statusAt.delete(threadId);
    this.changed.fire({ kind: "deleted", threadId, origin });
  }

  /** Another deployment: nothing known about the old one's threads applies. */
  clear(): void {
    this.known.clear();
    this.statusAt.clear();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
