/**
 * The Assistants view: assistants grouped by graph, the graph's default marked. While visible it reads
 * the list again now and then, and it follows every change the directory sees (a picker's read too).
 */
import type { FirstReadLatch } from "../common/firstReadLatch";
import type { AssistantRecord as Assistant } from "../deployment/types";
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { isGraphDefault, type AssistantDirectory } from "../state/assistantDirectory";
import { BackoffPoller } from "../common/backoffPoller";

/** How often the visible view reads the list again (longer while nothing changes). */
const POLL_MS = 30_000;

export type AssistantNode = { kind: "graph"; graphId: string } | { kind: "assistant"; assistant: Assistant };

export class AssistantTreeProvider implements vscode.TreeDataProvider<AssistantNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AssistantNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<AssistantNode> | undefined;
  private readonly subscriptions: { dispose(): void }[];
  private readonly poller: BackoffPoller;

  constructor(
    private readonly directory: AssistantDirectory,
    private readonly connection: DeploymentConnection,
    /** The Threads view's first page goes first. */
    private readonly firstRead?: FirstReadLatch,
  ) {
    this.poller = new BackoffPoller(
      async () => {
        // The first read is the view's own (getChildren); later ones look for changes made elsewhere.
        if (!this.directory.cached) return "same";
        return (await this.directory.revalidate()) ? "changed" : "same";
      },
      () => ({ intervalMs: POLL_MS }),
    );
    this.subscriptions = [connection.onDidChangeClient(() => this.refresh()), directory.onDidChange(() => this.changed.fire()), this.poller];
  }

  attach(view: vscode.TreeView<AssistantNode>): void {
    this.view = view;
    this.subscriptions.push(view.onDidChangeVisibility(() => this.poller.setWanted(view.visible)));
    this.poller.setWanted(view.visible);
  }

  refresh(): void {
    this.directory.invalidate();
    this.changed.fire();
  }

  getTreeItem(node: AssistantNode): vscode.TreeItem {
    if (node.kind === "graph") {
      const item = new vscode.TreeItem(node.graphId, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `graph:${node.graphId}`;
      item.iconPath = new vscode.ThemeIcon("type-hierarchy");
      item.contextValue = "graph";
      return item;
    }
    const { assistant } = node;
    const isDefault = isGraphDefault(assistant);
    const item = new vscode.TreeItem(assistant.name || assistant.graph_id, vscode.TreeItemCollapsibleState.None);
    item.id = `assistant:${assistant.assistant_id}`;
    item.description = [isDefault ? vscode.l10n.t("default") : undefined, vscode.l10n.t("v{0}", assistant.version), assistant.description ?? undefined].filter(Boolean).join(" · ");
    item.iconPath = new vscode.ThemeIcon(isDefault ? "star-full" : "hubot");
    item.contextValue = isDefault ? "assistant.default" : "assistant";
    item.command = { command: "langgraph.assistants.chat", title: vscode.l10n.t("Chat with Assistant"), arguments: [node] };
    return item;
  }

  /** The tooltip (id, graph, version, description, config) is built when a row is hovered, not with the row. */
  resolveTreeItem(item: vscode.TreeItem, node: AssistantNode): vscode.TreeItem {
    if (node.kind === "assistant") item.tooltip = assistantTooltip(node.assistant);
    return item;
  }

  async getChildren(node?: AssistantNode): Promise<AssistantNode[]> {
    try {
      if (!this.directory.cached) await this.firstRead?.wait();
      const assistants = await this.directory.list();
      if (this.view) this.view.message = undefined;
      this.connection.markConnected();
      if (!node) return [...new Set(assistants.map((a) => a.graph_id))].map((graphId) => ({ kind: "graph", graphId }));
      if (node.kind === "graph") return assistants.filter((a) => a.graph_id === node.graphId).map((assistant) => ({ kind: "assistant", assistant }));
      return [];
    } catch (error) {
      if (this.view) this.view.message = this.connection.describe(error, { operation: vscode.l10n.t("list assistants") }).message;
      return [];
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function assistantTooltip(assistant: Assistant): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown("**").appendText(assistant.name).appendMarkdown("**\n\n").appendMarkdown(vscode.l10n.t("- ID: ")).appendText(assistant.assistant_id);
  tooltip.appendMarkdown("\n").appendMarkdown(vscode.l10n.t("- Graph: ")).appendText(assistant.graph_id);
  tooltip.appendMarkdown("\n").appendMarkdown(vscode.l10n.t("- Version: {0}", assistant.version)).appendMarkdown("\n");
  if (assistant.description) tooltip.appendMarkdown(`\n`).appendText(assistant.description);
  if (Object.keys(assistant.config ?? {}).length) tooltip.appendMarkdown("\n\n").appendCodeblock(JSON.stringify(assistant.config, null, 2), "json");
  return tooltip;
}
