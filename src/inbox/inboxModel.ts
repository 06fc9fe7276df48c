/**
 * The deployment's threads waiting at an interrupt, newest first, as the Needs Input view lists them.
 * One poll is one `threads.search` with the interrupts selected (never values); the loaded pages are
 * re-read in that one request, so polling costs the same whatever was scrolled to. Entries the user
 * ignored stay hidden until the thread waits on another interrupt; entries being answered stay hidden
 * while the answer is under way. Free of `vscode`: the integration tests drive exactly this.
 */
import { Emitter } from "../common/emitter";
import { titleOf } from "../common/threadText";
import type { UserFacingError } from "../deployment/errorMapping";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadSummary } from "../deployment/types";
import type { InterruptView } from "../protocol/chatProtocol";
import { stringOf } from "../common/wireMessages";

/** One thread waiting for a human. */
export interface InboxEntry {
  threadId: string;
  title: string;
  graphId?: string;
  assistantId?: string;
  /** When the thread last changed: when it stopped, for a thread that waits. */
  updatedAt: string;
  interrupt: InterruptView;
}

export interface InboxModelDeps {
  gateway: Pick<DeploymentGateway, "searchThreads">;
  describe(error: unknown): UserFacingError;
  pageSize(): number;
  /** Thread id → the interrupt id the user chose to ignore there. */
  ignored(): Readonly<Record<string, string>>;
  /** Reads a listed thread's pending interrupt as the chat's card does (the chat feature's `threadInterrupt`). */
  interruptOf: (interrupts: ThreadSummary["interrupts"], assistantId: string | undefined) => InterruptView | undefined;
}

/** What a refresh found: whether the list changed, or why it could not be read. */
export type InboxRefresh = { kind: "changed" } | { kind: "same" } | { kind: "failed"; error: UserFacingError };

export class InboxModel {
  private all: InboxEntry[] = [];
  private pages = 1;
  private more = false;
  private failure: UserFacingError | undefined;
  private loadedOnce = false;
  /** Threads whose answer is on its way: a poll that still sees them waiting must not bring them back. */
  private readonly answering = new Map<string, string | undefined>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: InboxModelDeps) {}

  /** What the view lists: neither ignored nor being answered. */
  get entries(): InboxEntry[] {
    const ignored = this.deps.ignored();
    return this.all.filter((e) => !this.answering.has(e.threadId) && ignored[e.threadId] !== interruptKey(e));
  }

  get hasMore(): boolean {
    return this.more;
  }

  get error(): UserFacingError | undefined {
    return this.failure;
  }

  get loaded(): boolean {
    return this.loadedOnce;
  }

  get(threadId: string): InboxEntry | undefined {
    return this.all.find((e) => e.threadId === threadId);
  }

  /** Re-reads every loaded page in one request. */
  async refresh(): Promise<InboxRefresh> {
    const size = this.deps.pageSize();
    const limit = size * this.pages;
    try {
      const threads = await this.deps.gateway.searchThreads({ limit, status: "interrupted", withInterrupts: true });
      const next = threads.map((thread) => toEntry(thread, this.deps.interruptOf));
      const recovered = this.failure !== undefined;
      const same = !recovered && this.loadedOnce && sameEntries(this.all, next);
      this.failure = undefined;
      this.all = next;
      this.more = threads.length === limit;
      this.loadedOnce = true;
      this.settleAnswers();
      if (same) return { kind: "same" };
      this.changed.fire();
      return { kind: "changed" };
    } catch (error) {
      const described = this.deps.describe(error);
      const news = this.failure?.message !== described.message;
      this.failure = described;
      this.loadedOnce = true;
      if (news) this.changed.fire();
      return { kind: "failed", error: described };
    }
  }

  /** One more page, read with the ones already loaded. */
  async loadMore(): Promise<InboxRefresh> {
    if (!this.more) return { kind: "same" };
    this.pages += 1;
    return this.refresh();
  }

  /** The user answers the entry: it leaves the list at once (back with `restore` if the answer fails). */
  take(threadId: string): InboxEntry | undefined {
    const entry = this.get(threadId);
    if (!entry) return undefined;
    this.answering.set(threadId, interruptKey(entry));
    this.changed.fire();
    return entry;
  }

  /** The answer failed before the run resumed: the entry comes back. */
  restore(threadId: string): void {
    if (this.answering.delete(threadId)) this.changed.fire();
  }

  /** The answer went through; the next refresh that no longer lists that interrupt ends the hold. */
  answered(threadId: string): void {
    const key = this.answering.get(threadId);
    this.all = this.all.filter((e) => !(e.threadId === threadId && interruptKey(e) === key));
    this.settleAnswers();
  }

  /** Ignored or un-ignored in workspace state: the list is filtered anew. */
  announce(): void {
    this.changed.fire();
  }

  /** Another deployment: nothing loaded applies. */
  clear(): void {
    this.all = [];
    this.pages = 1;
    this.more = false;
    this.failure = undefined;
    this.loadedOnce = false;
    this.answering.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** An entry held while answered is released once the server no longer lists that interrupt. */
  private settleAnswers(): void {
    for (const [threadId, key] of this.answering) {
      if (!this.all.some((e) => e.threadId === threadId && interruptKey(e) === key)) this.answering.delete(threadId);
    }
  }
}

/** What tells one interrupt from the next on the same thread. */
export function interruptKey(entry: InboxEntry): string {
  return entry.interrupt.id || entry.updatedAt;
}

function toEntry(thread: ThreadSummary, interruptOf: InboxModelDeps["interruptOf"]): InboxEntry {
  const assistantId = stringOf(thread.metadata.assistant_id);
  // A thread paused by interrupt_before/after has no value to answer: it is listed to be opened.
  const interrupt = interruptOf(thread.interrupts, assistantId) ?? { assistantId, valueJson: "" };
  return {
    threadId: thread.thread_id,
    title: titleOf(thread.metadata) ?? thread.thread_id.slice(0, 8),
    graphId: stringOf(thread.metadata.graph_id),
    assistantId,
    updatedAt: thread.updated_at,
    interrupt,
  };
}

function sameEntries(a: InboxEntry[], b: InboxEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e.threadId === b[i].threadId && interruptKey(e) === interruptKey(b[i]) && e.title === b[i].title);
}
