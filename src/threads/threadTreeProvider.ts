/**
 * The Threads view: a TreeDataProvider over ThreadListModel. It loads nothing until the view is shown,
 * reports connection problems in the view's message and welcome content, and follows the thread store
 * (renames, deletes, forks, live status from chat panels and its own poll) row by row instead of
 * reloading the list.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadChange, ThreadStore } from "../state/threadStore";
import { titleOf } from "../common/threadText";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { trustedSetting } from "../deployment/deploymentSettings";
import { describeFilter, ThreadListModel, type ThreadFilter } from "./threadListModel";
import type { ThreadSummary } from "../deployment/types";
import { ThreadTitles } from "./threadTitles";
import { loadMoreItem, pinnedGroupItem, threadTooltip, threadTreeItem, type ThreadNode } from "./threadTreeItems";
import { PinnedThreads } from "./pinnedThreads";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import { perfMark } from "../panels/perfMarks";
import { BackoffPoller, type PollOutcome } from "../common/backoffPoller";
import type { FirstReadLatch } from "../common/firstReadLatch";

/** Rows looked at per poll: the top of the list, where a user looks. */
const POLLED_ROWS = 100;
const pollSeconds = () => trustedSetting<number>("threads.pollIntervalSeconds").value ?? 5;

export class ThreadTreeProvider implements vscode.TreeDataProvider<ThreadNode>, vscode.Disposable {
  readonly model: ThreadListModel;
  readonly titles: ThreadTitles;
  private readonly changed = new vscode.EventEmitter<ThreadNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<ThreadNode> | undefined;
  private loading: Promise<void> | undefined;
  private loadedOnce = false;
  private naming: Promise<void> | undefined;
  private readonly nodes = new Map<string, ThreadNode>();
  private readonly loadMoreNode: ThreadNode = { kind: "loadMore" };
  private readonly pinnedNode: ThreadNode = { kind: "pinned" };
  readonly pinned: PinnedThreads;
  /** While visible, the loaded rows' status is read again (runs other clients start or end). */
  private readonly poller = new BackoffPoller(() => this.pollRows(), () => ({ intervalMs: pollSeconds() * 1000 }));
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connection: DeploymentConnection,
    private readonly assistants: AssistantDirectory,
    private readonly store: ThreadStore,
    memory: WorkspaceMemory,
    /** Opened once the first page is read: the other views' first reads wait for it. */
    private readonly firstRead?: FirstReadLatch,
  ) {
    this.pinned = new PinnedThreads(memory, connection.gateway);
    this.titles = new ThreadTitles(connection.gateway, (threadId) => this.refreshRow(threadId));
    this.model = new ThreadListModel(
      connection.gateway,
      () => trustedSetting<number>("threads.pageSize").value ?? 50,
      (thread) => this.titles.peek(thread.thread_id),
    );
    this.disposables.push(
      store.onDidChange((change) => this.follow(change)),
      connection.onDidChangeClient(() => {
        this.titles.clear();
        this.store.clear();
        this.pinned.clear();
        this.loadedOnce = false;
        this.changed.fire();
      }),
      this.changed,
    );
  }

  attach(view: vscode.TreeView<ThreadNode>): void {
    this.view = view;
    this.disposables.push(
      view.onDidChangeVisibility(() => this.schedulePoll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("langgraph.threads.pollIntervalSeconds") && this.poller.active) this.poller.resume();
        else this.schedulePoll();
      }),
    );
    this.updateDescription();
  }

  getTreeItem(node: ThreadNode): vscode.TreeItem {
    if (node.kind === "loadMore") return loadMoreItem();
    if (node.kind === "pinned") return pinnedGroupItem(this.pinned.threads.length);
    const thread = this.thread(node.threadId);
    if (!thread) return new vscode.TreeItem(node.threadId);
    const item = threadTreeItem(thread, { title: this.titleFor(thread), lastAgent: this.lastAgent(thread) });
    if (this.pinned.has(node.threadId)) item.contextValue = `${item.contextValue}.pinned`;
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ThreadNode): vscode.TreeItem {
    const thread = node.kind === "thread" ? this.thread(node.threadId) : undefined;
    if (thread) item.tooltip = threadTooltip(thread, this.titleFor(thread));
    return item;
  }

  async getChildren(node?: ThreadNode): Promise<ThreadNode[]> {
    if (node?.kind === "pinned") return this.pinned.threads.map((t) => this.nodeFor(t.thread_id));
    if (node) return [];
    if (!this.loadedOnce) {
      perfMark("threads.first-children");
      await this.reload();
    }
    // A pinned thread shows once, in its group at the top.
    const rows = this.model.threads.filter((t) => !this.pinned.get(t.thread_id)).map((t) => this.nodeFor(t.thread_id));
    if (this.pinned.threads.length) rows.unshift(this.pinnedNode);
    if (this.model.hasMore) rows.push(this.loadMoreNode);
    return rows;
  }

  getParent(node: ThreadNode): ThreadNode | undefined {
    return node.kind === "thread" && this.pinned.get(node.threadId) ? this.pinnedNode : undefined;
  }

  /** A thread's summary, from the loaded list or the pinned group. */
  thread(threadId: string): ThreadSummary | undefined {
    return this.model.get(threadId) ?? this.pinned.get(threadId);
  }

  /** Pins or unpins a thread: it moves to or from the group at the top. */
  async setPinned(threadId: string, pinned: boolean): Promise<void> {
    await this.pinned.set(threadId, pinned, this.thread(threadId));
    if (pinned && !this.pinned.get(threadId)) await this.pinned.load();
    this.changed.fire();
  }

  /**
   * Reloads from the first page; errors land in the view's message and welcome content. The rows wait for
   * their one search alone: the search itself tells whether the deployment answers, and the last
   * assistants' names fill in when the directory has them.
   */
  reload(): Promise<void> {
    this.loading ??= (async () => {
      const page = Promise.all([this.model.reload(), this.pinned.load()]);
      // Read beside the page, sent after it; redrawing rows that are still on their way would cancel them.
      void this.assistants.list().catch(() => undefined);
      try {
        await page;
        perfMark("threads.page-read");
        this.connection.markConnected();
        this.setMessage(undefined);
      } catch (error) {
        const mapped = this.connection.describe(error, { operation: vscode.l10n.t("load threads") });
        this.setMessage(mapped.message);
      } finally {
        this.loadedOnce = true;
        this.loading = undefined;
        this.firstRead?.open();
        void this.setContext();
        this.schedulePoll();
        this.poller.restart();
      }
    })();
    return this.loading;
  }

  refresh(): void {
    this.loadedOnce = false;
    this.changed.fire();
  }

  async loadMore(): Promise<void> {
    try {
      await this.model.loadMore();
    } catch (error) {
      void vscode.window.showErrorMessage(this.connection.describe(error, { operation: vscode.l10n.t("load more threads") }).message);
    }
    this.changed.fire();
  }

  setFilter(filter: ThreadFilter): void {
    this.model.setFilter(filter);
    this.updateDescription();
    void vscode.commands.executeCommand("setContext", "langgraph.threads.filtered", !!describeFilter(this.model.filter));
    this.refresh();
  }

  private follow(change: ThreadChange): void {
    if (change.kind === "created") {
      if (change.title) this.titles.set(change.thread.thread_id, change.title);
      this.addThread(change.thread);
    } else if (change.kind === "updated") this.applyChange(change.threadId, change.change);
    else this.removeThread(change.threadId);
  }

  /** A change recorded in the store: update the one row. */
  private applyChange(threadId: string, change: Partial<ThreadSummary> & { title?: string }): void {
    const { title, ...rest } = change;
    if (title) this.titles.set(threadId, title);
    const existing = this.model.get(threadId);
    if (existing) this.model.update(threadId, rest);
    const pinned = this.pinned.update(threadId, rest);
    if (existing || pinned) this.refreshRow(threadId);
  }

  /** A thread created here appears at the top without a reload. */
  private addThread(thread: ThreadSummary): void {
    this.model.promote(thread);
    this.changed.fire();
    void this.setContext();
  }

  private removeThread(threadId: string): void {
    if (this.pinned.get(threadId)) {
      this.pinned.remove(threadId);
      this.changed.fire();
    }
    if (this.model.remove(threadId)) {
      this.nodes.delete(threadId);
      this.changed.fire();
      void this.setContext();
    }
  }

  nodeFor(threadId: string): ThreadNode {
    let node = this.nodes.get(threadId);
    if (!node) {
      node = { kind: "thread", threadId };
      this.nodes.set(threadId, node);
    }
    return node;
  }

  titleFor(thread: ThreadSummary): string {
    return titleOf(thread.metadata) ?? this.titles.get(thread.thread_id) ?? thread.thread_id.slice(0, 8);
  }

  dispose(): void {
    this.poller.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Until the directory is read, a row names no assistant rather than a short id that changes a moment later. */
  private lastAgent(thread: ThreadSummary): string | undefined {
    const metadata = thread.metadata;
    if (typeof metadata.assistant_id !== "string") return typeof metadata.graph_id === "string" ? metadata.graph_id : undefined;
    if (this.assistants.cached) return this.assistants.ref(metadata.assistant_id).name;
    this.nameRowsWhenListed();
    return undefined;
  }

  /** Reads the assistant directory (once at a time) and redraws the rows, drawn before it had their names. */
  private nameRowsWhenListed(): void {
    if (this.naming) return;
    // A failure leaves the rows as they are: the directory says why where it is shown.
    this.naming = this.assistants
      .list()
      .then(
        () => this.changed.fire(),
        () => undefined,
      )
      .finally(() => (this.naming = undefined));
  }

  private refreshRow(threadId: string): void {
    if (this.thread(threadId)) this.changed.fire(this.nodeFor(threadId));
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }

  private updateDescription(): void {
    if (this.view) this.view.description = describeFilter(this.model.filter) ? `Filtered: ${describeFilter(this.model.filter)}` : undefined;
  }

  private async setContext(): Promise<void> {
    const state = this.connection.state;
    await vscode.commands.executeCommand("setContext", "langgraph.connection", state.kind === "failed" ? state.error.kind : state.kind);
    await vscode.commands.executeCommand("setContext", "langgraph.threads.empty", this.model.threads.length === 0);
  }

  /** Polls only while the view is visible and its list has loaded (the first load is not doubled). */
  private schedulePoll(): void {
    this.poller.setWanted(!!this.view?.visible && this.loadedOnce && this.model.threads.length > 0);
  }

  /** One request for the top rows: what changed goes to the store, and every view follows. */
  private async pollRows(): Promise<PollOutcome> {
    const ids = [...new Set([...this.pinned.threads, ...this.model.threads].slice(0, POLLED_ROWS).map((t) => t.thread_id))];
    if (!ids.length) return "same";
    try {
      const mark = this.store.mark();
      const fresh = await this.connection.gateway.searchThreads({ ids, limit: ids.length });
      let changed = false;
      for (const thread of fresh) {
        const known = this.thread(thread.thread_id);
        if (known?.status === thread.status && known.updated_at === thread.updated_at) continue;
        changed = true;
        this.store.polled(thread.thread_id, { status: thread.status, updated_at: thread.updated_at, metadata: thread.metadata }, mark);
      }
      return changed ? "changed" : "same";
    } catch (error) {
      // The view's message says what is wrong once; polling stops until a refresh rather than nag.
      const mapped = this.connection.describe(error, { operation: vscode.l10n.t("refresh threads") });
      return mapped.kind === "unreachable" || mapped.kind === "unauthorized" || mapped.kind === "forbidden" ? "stop" : "same";
    }
  }
}
