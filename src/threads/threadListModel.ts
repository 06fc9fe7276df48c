/**
 * The loaded part of a deployment's thread list: pages fetched on demand with `select` (never values),
 * newest activity first, filtered on the server where it can and on loaded pages where it cannot.
 * Memory grows with what was loaded, not with what the server holds.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadStatus, ThreadSummary } from "../deployment/types";

export interface ThreadFilter {
  status?: ThreadStatus;
  graphId?: string;
  assistantId?: string;
  /** Exact metadata matches, e.g. `{ team: "red" }`. */
  metadata?: Record<string, string>;
  /** Matched against titles and ids on the client: the server has no text search over threads. */
  text?: string;
}

/** A text filter scans at most this many pages per request before showing what it found. */
const MAX_SCAN_PAGES = 10;

export function describeFilter(filter: ThreadFilter): string | undefined {
  const parts = [
    filter.status && `status: ${filter.status}`,
    filter.graphId && `graph: ${filter.graphId}`,
    filter.assistantId && `assistant: ${filter.assistantId.slice(0, 8)}`,
    ...Object.entries(filter.metadata ?? {}).map(([k, v]) => `${k}: ${v}`),
    filter.text && `“${filter.text}”`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

export class ThreadListModel {
  private loaded: ThreadSummary[] = [];
  private ids = new Set<string>();
  private serverOffset = 0;
  private more = false;
  private filterValue: ThreadFilter = {};

  constructor(
    private readonly gateway: DeploymentGateway,
    private readonly pageSize: () => number,
    private readonly titleOf: (thread: ThreadSummary) => string | undefined = () => undefined,
  ) {}

  get threads(): readonly ThreadSummary[] {
    return this.loaded;
  }

  get hasMore(): boolean {
    return this.more;
  }

  get filter(): ThreadFilter {
    return this.filterValue;
  }

  setFilter(filter: ThreadFilter): void {
    this.filterValue = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ""));
  }

  /** Drops what was loaded and fetches the first page. */
  async reload(): Promise<void> {
    this.loaded = [];
    this.ids = new Set();
    this.serverOffset = 0;
    this.more = true;
    await this.loadMore();
  }

  /** Appends the next page; threads already shown are not repeated when activity reorders the list. */
  async loadMore(): Promise<ThreadSummary[]> {
    if (!this.more) return [];
    const size = this.pageSize();
    const added: ThreadSummary[] = [];
    for (let scanned = 0; added.length < size && this.more && scanned < MAX_SCAN_PAGES; scanned++) {
      const page = await this.gateway.searchThreads({
        limit: size,
        offset: this.serverOffset,
        status: this.filterValue.status,
        metadata: this.metadataFilter(),
        ids: this.idFilter(),
      });
      this.serverOffset += page.length;
      this.more = page.length === size;
      for (const thread of page) {
        if (this.ids.has(thread.thread_id) || !this.matchesText(thread)) continue;
        this.ids.add(thread.thread_id);
        this.loaded.push(thread);
        added.push(thread);
      }
      if (!this.filterValue.text) break;
    }
    return added;
  }

  get(threadId: string): ThreadSummary | undefined {
    return this.loaded.find((t) => t.thread_id === threadId);
  }

  /** Applies a change the extension itself made, without asking the server for the whole list. */
  update(threadId: string, change: Partial<ThreadSummary>): ThreadSummary | undefined {
    const thread = this.get(threadId);
    if (thread) Object.assign(thread, change);
    return thread;
  }

  remove(threadId: string): boolean {
    if (!this.ids.delete(threadId)) return false;
    this.loaded = this.loaded.filter((t) => t.thread_id !== threadId);
    this.serverOffset = Math.max(0, this.serverOffset - 1);
    return true;
  }

  /** A thread created or run here moves to the top, as the server's order would put it. */
  promote(thread: ThreadSummary): void {
    if (this.ids.has(thread.thread_id)) this.loaded = this.loaded.filter((t) => t.thread_id !== thread.thread_id);
    else {
      this.ids.add(thread.thread_id);
      this.serverOffset += 1;
    }
    this.loaded.unshift(thread);
  }

  private metadataFilter(): Record<string, string> | undefined {
    const metadata: Record<string, string> = { ...this.filterValue.metadata };
    if (this.filterValue.graphId) metadata.graph_id = this.filterValue.graphId;
    if (this.filterValue.assistantId) metadata.assistant_id = this.filterValue.assistantId;
    return Object.keys(metadata).length ? metadata : undefined;
  }

  private idFilter(): string[] | undefined {
    const text = this.filterValue.text?.trim();
    return text && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? [text] : undefined;
  }

  private matchesText(thread: ThreadSummary): boolean {
    const text = this.filterValue.text?.trim().toLowerCase();
    if (!text) return true;
    const title = this.titleOf(thread) ?? thread.metadata.title;
    return thread.thread_id.toLowerCase().includes(text) || (typeof title === "string" && title.toLowerCase().includes(text));
  }
}
