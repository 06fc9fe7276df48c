/**
 * The Needs Input view: threads waiting at an interrupt, a badge with their count, and one row saying
 * why when the list cannot be read. It reads nothing until shown, polls only while visible, and
 * follows the thread store: a thread that another view saw resume leaves the list at once.
 */
import type { FirstReadLatch } from "../common/firstReadLatch";
import * as vscode from "vscode";
import { threadInterrupt } from "../chat";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { trustedSetting } from "../deployment/deploymentSettings";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import { InboxFeed } from "./inboxFeed";
import type { InboxEntry } from "./inboxModel";
import { inboxEntryItem, inboxEntryTooltip, inboxLoadMoreItem, inboxProblemItem, type InboxNode, type InboxRowText } from "./inboxTreeItems";

const DEFAULT_POLL_SECONDS = 10;

export class InboxTreeProvider implements vscode.TreeDataProvider<InboxNode>, vscode.Disposable {
  readonly feed: InboxFeed;
  private readonly changed = new vscode.EventEmitter<InboxNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<InboxNode> | undefined;
  private readonly nodes = new Map<string, InboxNode>();
  private readonly loadMoreNode: InboxNode = { kind: "loadMore" };
  private readonly problemNode: InboxNode = { kind: "problem" };
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connection: DeploymentConnection,
    private readonly assistants: AssistantDirectory,
    store: ThreadStore,
    memory: WorkspaceMemory,
    /** The Threads view's first page goes first. */
    private readonly firstRead?: FirstReadLatch,
  ) {
    this.feed = new InboxFeed({
      gateway: connection.gateway,
      describe: (error) => connection.describe(error, { operation: vscode.l10n.t("list the threads that need input") }),
      pageSize: () => trustedSetting<number>("threads.pageSize").value ?? 50,
      ignored: () => memory.ignoredInterrupts(),
      interruptOf: threadInterrupt,
      timing: () => ({ intervalMs: (trustedSetting<number>("inbox.pollIntervalSeconds").value ?? DEFAULT_POLL_SECONDS) * 1000 }),
    });
    this.disposables.push(
      this.feed.model.onDidChange(() => this.render()),
      connection.onDidChangeClient(() => {
        this.feed.model.clear();
        if (this.view?.visible) void this.feed.refresh();
      }),
      // A thread seen running or idle elsewhere no longer waits here; one seen stopping is read now.
      store.onDidChange((change) => {
        if (change.kind !== "updated" || !change.change.status) return;
        if (change.change.status === "interrupted" || this.feed.model.get(change.threadId)) void this.refreshIfVisible();
      }),
      this.changed,
    );
  }

  attach(view: vscode.TreeView<InboxNode>): void {
    this.view = view;
    this.disposables.push(
      view.onDidChangeVisibility(() => this.whenFirstRead(() => this.feed.setVisible(view.visible))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("langgraph.inbox") && view.visible) void this.feed.refresh();
      }),
    );
    this.whenFirstRead(() => this.feed.setVisible(view.visible));
  }

  /** Now, or (in order) once the Threads view's first page is read. */
  private whenFirstRead(then: () => void): void {
    if (!this.firstRead || this.firstRead.isOpen) then();
    else void this.firstRead.wait().then(then);
  }

  getTreeItem(node: InboxNode): vscode.TreeItem {
    if (node.kind === "loadMore") return inboxLoadMoreItem();
    const error = this.feed.model.error;
    if (node.kind === "problem") return error ? inboxProblemItem(error) : new vscode.TreeItem("");
    const entry = this.feed.model.get(node.threadId);
    if (!entry) return new vscode.TreeItem(node.threadId);
    return inboxEntryItem(entry, this.rowText(entry));
  }

  resolveTreeItem(item: vscode.TreeItem, node: InboxNode): vscode.TreeItem {
    const entry = node.kind === "entry" ? this.feed.model.get(node.threadId) : undefined;
    if (entry) item.tooltip = inboxEntryTooltip(entry, this.rowText(entry));
    return item;
  }

  private rowText(entry: InboxEntry): InboxRowText {
    return { assistant: entry.assistantId ? this.assistants.ref(entry.assistantId).name : undefined };
  }

  async getChildren(node?: InboxNode): Promise<InboxNode[]> {
    if (node) return [];
    if (!this.feed.model.loaded) {
      await this.firstRead?.wait();
      await this.assistants.list().catch(() => undefined);
      // The poll that showing the view started may have read the list meanwhile.
      if (!this.feed.model.loaded) await this.feed.refresh();
    }
    if (this.feed.model.error) return [this.problemNode];
    const rows = this.feed.model.entries.map((e) => this.nodeFor(e.threadId));
    if (this.feed.model.hasMore) rows.push(this.loadMoreNode);
    return rows;
  }

  getParent(): undefined {
    return undefined;
  }

  entry(node: InboxNode | undefined): InboxEntry | undefined {
    return node?.kind === "entry" ? this.feed.model.get(node.threadId) : undefined;
  }

  /** Retry and Refresh: read now, and poll again if a failure had stopped it. */
  async refresh(): Promise<void> {
    await this.feed.refresh();
  }

  dispose(): void {
    this.feed.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async refreshIfVisible(): Promise<void> {
    if (this.view?.visible) await this.feed.refresh();
  }

  private nodeFor(threadId: string): InboxNode {
    let node = this.nodes.get(threadId);
    if (!node) {
      node = { kind: "entry", threadId };
      this.nodes.set(threadId, node);
    }
    return node;
  }

  private render(): void {
    if (this.view) {
      this.view.badge = this.feed.badge;
      const error = this.feed.model.error;
      this.view.message = !error && this.feed.model.loaded && !this.feed.model.entries.length ? vscode.l10n.t("No thread is waiting for input.") : undefined;
    }
    void vscode.commands.executeCommand("setContext", "langgraph.inbox.count", this.feed.badge?.value ?? 0);
    this.changed.fire();
  }
}
