/**
 * The threads the user pinned in this workspace: kept in workspace state, shown in their own group at
 * the top of the Threads view whatever page they are on, and read in one request with the list.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadSummary } from "../deployment/types";
import type { WorkspaceMemory } from "../state/workspaceMemory";

export class PinnedThreads {
  private summaries = new Map<string, ThreadSummary>();

  constructor(
    private readonly memory: Pick<WorkspaceMemory, "pinnedThreads" | "setPinned">,
    private readonly gateway: Pick<DeploymentGateway, "searchThreads">,
  ) {}

  has(threadId: string): boolean {
    return this.memory.pinnedThreads().includes(threadId);
  }

  get(threadId: string): ThreadSummary | undefined {
    return this.summaries.get(threadId);
  }

  /** The pinned threads the deployment has, in the order they were pinned. */
  get threads(): ThreadSummary[] {
    return this.memory
      .pinnedThreads()
      .map((id) => this.summaries.get(id))
      .filter((t): t is ThreadSummary => t !== undefined);
  }

  /** Reads the pinned threads (none read when nothing is pinned). */
  async load(): Promise<void> {
    const ids = [...this.memory.pinnedThreads()];
    const found = ids.length ? await this.gateway.searchThreads({ ids, limit: ids.length }) : [];
    this.summaries = new Map(found.map((t) => [t.thread_id, t]));
  }

  async set(threadId: string, pinned: boolean, summary: ThreadSummary | undefined): Promise<void> {
    await this.memory.setPinned(threadId, pinned);
    if (pinned && summary) this.summaries.set(threadId, summary);
    if (!pinned) this.summaries.delete(threadId);
  }

  update(threadId: string, change: Partial<ThreadSummary>): boolean {
    const thread = this.summaries.get(threadId);
    if (thread) Object.assign(thread, change);
    return thread !== undefined;
  }

  remove(threadId: string): void {
    this.summaries.delete(threadId);
  }

  clear(): void {
    this.summaries.clear();
  }
}
