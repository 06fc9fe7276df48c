/**
 * Titles for threads that have none in metadata: the first human message, fetched lazily for the rows
 * on screen, a few at a time, and cached for the session.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import { shorten } from "../common/threadText";
import { messagesOfValues, roleOf, textOf } from "../common/wireMessages";

const CONCURRENCY = 4;

export class ThreadTitles {
  private readonly cache = new Map<string, string | null>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private active = 0;

  constructor(
    private readonly gateway: DeploymentGateway,
    private readonly onTitle: (threadId: string) => void,
  ) {}

  /** A cached title, or undefined after queueing a fetch (the row updates when it arrives). */
  get(threadId: string): string | undefined {
    const cached = this.cache.get(threadId);
    if (cached !== undefined) return cached ?? undefined;
    if (!this.queued.has(threadId)) {
      this.queued.add(threadId);
      this.queue.push(threadId);
      this.pump();
    }
    return undefined;
  }

  peek(threadId: string): string | undefined {
    return this.cache.get(threadId) ?? undefined;
  }

  set(threadId: string, title: string): void {
    this.cache.set(threadId, title);
  }

  clear(): void {
    this.cache.clear();
    this.queue.length = 0;
    this.queued.clear();
  }

  private pump(): void {
    while (this.active < CONCURRENCY && this.queue.length) {
      const threadId = this.queue.shift()!;
      this.active++;
      void this.fetch(threadId).finally(() => {
        this.active--;
        this.queued.delete(threadId);
        this.pump();
      });
    }
  }

  private async fetch(threadId: string): Promise<void> {
    try {
      const state = await this.gateway.getState(threadId, { messagesOnly: true });
      const first = messagesOfValues(state.values).find((m) => roleOf(m) === "human");
      this.cache.set(threadId, first ? shorten(textOf(first.content), 60) : null);
    } catch {
      this.cache.set(threadId, null);
    }
    this.onTitle(threadId);
  }
}
