/**
 * The Checkpoints view: one thread's checkpoints, newest first, along the line that leads to its head;
 * a checkpoint the thread was forked at opens onto the other lines that grew from it. Reads one page
 * when a thread is shown and older pages on *Load older checkpoints…*. The model and the rows' looks
 * (`timelineRows`, a bundle of its own) load when the first thread is shown.
 */
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { CheckpointRow } from "./checkpointLines";
import { messageItem, type TimelineNode } from "./timelineItems";
import type { TimelineModel } from "./timelineModel";

function timelineRows(): typeof import("./timelineRows") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./timelineRows only here
  return require("./timelineRows") as typeof import("./timelineRows");
}

export class TimelineTreeProvider implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: TimelineModel | undefined;
  private problem: string | undefined;
  private view: vscode.TreeView<TimelineNode> | undefined;

  constructor(
    private readonly connection: DeploymentConnection,
    private readonly assistants: Pick<AssistantDirectory, "list" | "ref">,
  ) {}

  attach(view: vscode.TreeView<TimelineNode>): void {
    this.view = view;
  }

  get threadId(): string | undefined {
    return this.model?.threadId;
  }

  /** Shows a thread's timeline (reading its newest page). */
  async show(threadId: string, title?: string): Promise<void> {
    this.model = new (timelineRows().TimelineModel)(this.connection.gateway, threadId);
    if (this.view) this.view.description = title ?? threadId.slice(0, 8);
    await this.read(() => this.model?.open());
  }

  /** Reads the shown thread's newest page again (after an edit or a run). */
  async refresh(): Promise<void> {
    if (this.model) await this.read(() => this.model?.open());
  }

  async loadMore(): Promise<void> {
    await this.read(() => this.model?.loadMore());
  }

  /** A row of the shown thread, by checkpoint id. */
  row(checkpointId: string): CheckpointRow | undefined {
    return this.model?.row(checkpointId);
  }

  /** Every row of the shown thread read so far, the head line first. */
  rows(): CheckpointRow[] {
    return this.model?.rows() ?? [];
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    switch (node.kind) {
      case "checkpoint":
        return timelineRows().checkpointItem(node.row, node.row.assistantId ? this.assistants.ref(node.row.assistantId).name : undefined, !!this.model?.timeline.forks.has(node.row.id));
      case "branch":
        return timelineRows().branchItem(node.line, node.detached);
      case "loadMore":
        return timelineRows().loadMoreItem();
      case "message":
        return messageItem(node.text);
    }
  }

  getChildren(node?: TimelineNode): TimelineNode[] {
    const model = this.model;
    if (!model) return node ? [] : [{ kind: "message", text: vscode.l10n.t("Open a thread's checkpoints from the Threads view or a chat panel.") }];
    const threadId = model.threadId;
    const rows = (line: CheckpointRow[]): TimelineNode[] => line.map((row) => ({ kind: "checkpoint", row, threadId }));
    const { head, forks, detached } = model.timeline;
    if (!node) {
      if (this.problem) return [{ kind: "message", text: this.problem }];
      const more: TimelineNode[] = model.hasMore ? [{ kind: "loadMore" }] : [];
      return [...rows(head), ...detached.map((line): TimelineNode => ({ kind: "branch", line, threadId, detached: true })), ...more];
    }
    if (node.kind === "checkpoint") return (forks.get(node.row.id) ?? []).map((line) => ({ kind: "branch", line, threadId, detached: false }));
    if (node.kind === "branch") return rows(node.line);
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async read(request: () => Promise<unknown> | undefined): Promise<void> {
    this.problem = undefined;
    try {
      // Assistant names for the rows; the ids stand in when they cannot be listed.
      await Promise.all([request(), this.assistants.list().catch(() => undefined)]);
    } catch (error) {
      this.problem = this.connection.describe(error, { operation: vscode.l10n.t("read the thread's checkpoints") }).message;
    }
    this.changed.fire(undefined);
  }
}
